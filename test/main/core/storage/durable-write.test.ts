// A durable write seen through its file operations: the temp file is written and fsynced
// before the rename, the folder is fsynced after it (not on Windows), and a failure leaves
// the old file and no temp file behind.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably, type DurableFs } from '../../../../main/core/storage/durable-write.js';
import { tempDir } from '../../../support/server.js';

let dir: string;
beforeEach(() => void (dir = tempDir()));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The real file system, with every step written down as `<step> <name relative to dir>`. */
function recordingDisk(failAt?: string): { disk: DurableFs; steps: string[] } {
  const steps: string[] = [];
  const name = (file: string) => path.relative(dir, file).replace(/\.[0-9a-f]{12}\.tmp$/, '.TMP') || '.';
  const step = (what: string) => {
    steps.push(what);
    if (what === failAt) throw new Error(`disk refused: ${what}`);
  };
  const disk: DurableFs = {
    mkdir: async (at, options) => {
      step(`mkdir ${name(at)}`);
      return fsp.mkdir(at, options);
    },
    open: async (at, flags, mode) => {
      step(`open ${name(at)} ${flags}`);
      const handle = await fsp.open(at, flags, mode);
      return {
        writeFile: async (data) => {
          step(`write ${name(at)}`);
          await handle.writeFile(data);
        },
        sync: async () => {
          step(`fsync ${name(at)}`);
          await handle.sync();
        },
        close: async () => {
          steps.push(`close ${name(at)}`);
          await handle.close();
        },
      };
    },
    rename: async (from, to) => {
      step(`rename ${name(from)} ${name(to)}`);
      await fsp.rename(from, to);
    },
    rm: async (at, options) => {
      steps.push(`rm ${name(at)}`);
      await fsp.rm(at, options);
    },
  };
  return { disk, steps };
}

describe('writeFileDurably', () => {
  it('writes a temp file, fsyncs it, renames it over the file, then fsyncs the folder', async () => {
    const { disk, steps } = recordingDisk();
    const file = path.join(dir, 'outbox.json');
    await writeFileDurably(file, '{"version":1}', { disk, platform: 'linux' });
    expect(steps).toEqual([
      'mkdir .',
      'open outbox.json.TMP wx',
      'write outbox.json.TMP',
      'fsync outbox.json.TMP',
      'close outbox.json.TMP',
      'rename outbox.json.TMP outbox.json',
      'open . r',
      'fsync .',
      'close .',
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":1}');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['outbox.json']);
  });

  it('skips the folder fsync on Windows, where a folder cannot be opened for it', async () => {
    const { disk, steps } = recordingDisk();
    await writeFileDurably(path.join(dir, 'a.json'), '1', { disk, platform: 'win32' });
    expect(steps.at(-1)).toBe('rename a.json.TMP a.json');
  });

  it('creates missing folders for the owner only', async () => {
    const file = path.join(dir, 'users', 'host', '1', 'outbox.json');
    await writeFileDurably(file, '[]');
    for (const folder of ['users', 'users/host', 'users/host/1']) {
      expect(fs.statSync(path.join(dir, folder)).mode & 0o777, folder).toBe(0o700);
    }
  });

  it.each(['write outbox.json.TMP', 'fsync outbox.json.TMP', 'rename outbox.json.TMP outbox.json'])(
    'keeps the old file whole and leaves no temp file when "%s" fails',
    async (failAt) => {
      const file = path.join(dir, 'outbox.json');
      fs.writeFileSync(file, 'old');
      const { disk, steps } = recordingDisk(failAt);
      await expect(writeFileDurably(file, 'new', { disk, platform: 'linux' })).rejects.toThrow('disk refused');
      expect(steps.at(-1)).toBe('rm outbox.json.TMP');
      expect(fs.readFileSync(file, 'utf8')).toBe('old');
      expect(fs.readdirSync(dir)).toEqual(['outbox.json']);
    },
  );
});
