// The files folder of nodes on one PostgreSQL database: the first node marks it, the others must
// find the same mark. The store here holds only the server values (the cluster test uses PostgreSQL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../../server/files/open-blob-store.js';
import { checkSharedFolder, folderIdFile } from '../../../server/files/shared-folder.js';
import { silentLogger } from '../../../server/logger.js';
import type { Store } from '../../../server/store/store.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-folder-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function serverValues(): Store {
  const values = new Map<string, string>();
  return {
    serverValue: async (name: string) => values.get(name) ?? null,
    claimServerValue: async (name: string, value: string) => {
      if (!values.has(name)) values.set(name, value);
      return values.get(name)!;
    },
  } as Partial<Store> as Store;
}

function folder(name: string): string {
  const made = path.join(root, name);
  fs.mkdirSync(path.join(made, 'tmp'), { recursive: true });
  return made;
}

describe('shared files folder', () => {
  it('the first node marks the folder; nodes using it start, one with another folder refuses', async () => {
    const store = serverValues();
    const shared = folder('shared');
    await checkSharedFolder(shared, store);
    const id = fs.readFileSync(path.join(shared, folderIdFile), 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.serverValue('files-folder-id')).toBe(id);
    await checkSharedFolder(shared, store);
    const own = folder('own');
    await expect(checkSharedFolder(own, store)).rejects.toThrow(
      `The files folder ${own} is not the one the other server nodes on this database use (it has no .folder-id). ` +
        'Every node must keep files in one folder shared by all nodes (--files-dir) or in S3 (--files-s3-url).',
    );
    expect(fs.readdirSync(own)).toEqual(['tmp']);
    fs.writeFileSync(path.join(own, folderIdFile), 'someone else\n');
    await expect(checkSharedFolder(own, store)).rejects.toThrow(/its \.folder-id differs/);
  });

  it('two nodes marking one new folder at once agree on one id', async () => {
    const store = serverValues();
    const shared = folder('race');
    await Promise.all([checkSharedFolder(shared, store), checkSharedFolder(shared, store)]);
    expect(fs.readdirSync(path.join(shared, 'tmp'))).toEqual([]);
  });

  it('openBlobStore checks only with PostgreSQL (dbUrl set)', async () => {
    const store = serverValues();
    await store.claimServerValue('files-folder-id', 'another folder');
    const dataDir = path.join(root, 'data');
    const alone = await openBlobStore({ dataDir }, store, silentLogger);
    await alone.close();
    await expect(openBlobStore({ dataDir, dbUrl: 'postgres://db/x' }, store, silentLogger)).rejects.toThrow(
      /--files-dir/,
    );
  });
});
