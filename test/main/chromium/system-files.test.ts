// The Chromium shell's Open: the system's opener for each platform, the file one argument
// (never parsed by a shell), and a missing opener reported as a failure.
import { describe, expect, it } from 'vitest';
import { openerCommand, systemDesktopFiles } from '../../../main/chromium/system-files.js';

describe('the system opener', () => {
  it('is xdg-open on Linux, open on macOS and start through cmd on Windows', () => {
    expect(openerCommand('linux', '/p/a b.pdf')).toEqual({ command: 'xdg-open', args: ['/p/a b.pdf'] });
    expect(openerCommand('darwin', '/p/a.pdf')).toEqual({ command: 'open', args: ['/p/a.pdf'] });
    expect(openerCommand('win32', 'C:\\p\\a.pdf')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', 'C:\\p\\a.pdf'],
    });
  });

  it('reports a missing opener as a failure the window can show', async () => {
    // Nothing on the PATH: the spawn of xdg-open fails.
    const files = systemDesktopFiles('linux');
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(files.openPath('/tmp/x.pdf')).rejects.toMatchObject({ failure: { code: 'not_found' } });
    } finally {
      process.env.PATH = saved;
    }
  });
});
