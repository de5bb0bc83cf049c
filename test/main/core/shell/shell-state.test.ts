import { describe, expect, it } from 'vitest';
import { ShellState, type ShellHooks } from '../../../../main/core/shell/shell-state.js';
import { noDesktopFeatures } from '../../../../main/ipc/desktop-contract.js';

function shellWith(hooks?: Partial<ShellHooks>) {
  const opened: string[] = [];
  const events: Array<[string, unknown]> = [];
  let restarted = 0;
  const state = new ShellState(
    hooks === undefined
      ? undefined
      : {
          features: { ...noDesktopFeatures, shell: 'electron', updates: true },
          openLink: async (url) => void opened.push(url),
          restartToUpdate: () => void restarted++,
          ...hooks,
        },
    (event, payload) => events.push([event, payload]),
  );
  return { state, opened, events, restarts: () => restarted };
}

describe('the shell state', () => {
  it('opens web and mail links with the system, normalised', async () => {
    const { state, opened } = shellWith({});
    await state.openLink('https://Example.com/a b');
    await state.openLink('mailto:bob@example.com');
    expect(opened).toEqual(['https://example.com/a%20b', 'mailto:bob@example.com']);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'app://messenger/index.html', 'not a link'])(
    'refuses %s and opens nothing',
    async (url) => {
      const { state, opened } = shellWith({});
      await expect(state.openLink(url)).rejects.toMatchObject({ failure: { code: 'bad_request' } });
      expect(opened).toEqual([]);
    },
  );

  it('says a bare core has no desktop features and opens no links', async () => {
    const { state } = shellWith();
    expect(state.features).toEqual(noDesktopFeatures);
    await expect(state.openLink('https://example.com')).rejects.toMatchObject({ failure: { code: 'bad_request' } });
  });

  it('restarts to update only once an update is ready', async () => {
    const { state, events, restarts } = shellWith({});
    await expect(state.restartToUpdate()).rejects.toMatchObject({ failure: { code: 'conflict' } });
    state.setUpdateStatus({ state: 'ready', version: '0.2.0' });
    await state.restartToUpdate();
    expect(restarts()).toBe(1);
    expect(events).toEqual([['update', { state: 'ready', version: '0.2.0' }]]);
  });

  it('announces a server notice, and its clearing once', () => {
    const { state, events } = shellWith({});
    state.setServerNotice(null);
    const notice = { reason: 'shutdown' as const, message: 'Stopped by its owner.', at: 5 };
    state.setServerNotice(notice);
    state.setServerNotice(null);
    state.setServerNotice(null);
    expect(events).toEqual([
      ['serverNotice', notice],
      ['serverNotice', null],
    ]);
    expect(state.serverNotice).toBeNull();
  });
});
