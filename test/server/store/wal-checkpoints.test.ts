// The write-ahead log is copied back into the database file on a worker thread: commits wait
// for it and then start the log over, a failed thread hands the work back to SQLite, and
// closing the store waits for the thread's connection.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName, SqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { SendJudgement } from '../../../server/store/store.js';
import { sqliteRowCount } from '../../support/row-counts.js';
import { storeWithPair } from '../../support/sqlite-pair.js';
import { tempDir } from '../../support/server.js';

const judge: SendJudgement = { receiverViewing: () => false, admit: () => true };

describe('background checkpoints', () => {
  let dir: string;
  let store: SqliteStore;
  let alice: number;
  let bob: number;
  let sent = 0;

  const send = (count: number) =>
    Promise.all(
      Array.from({ length: count }, () => {
        const clientId = `c${++sent}`;
        return store.sendMessage({ from: alice, to: bob, clientId, content: clientId, date: 1000 }, judge);
      }),
    );

  beforeEach(async () => {
    ({ dir, store, alice, bob } = await storeWithPair());
  });
  afterEach(() => store.close());

  it('copies the whole log back, and the next commit starts the log over', async () => {
    await send(300);
    const first = await store.checkpoints.checkpoint();
    expect(first).not.toBeNull();
    expect(first!.busy).toBe(0);
    expect(first!.log).toBeGreaterThan(10);
    expect(first!.checkpointed).toBe(first!.log);

    // Started over: one send's frames, not the 300's and then some.
    await send(1);
    const second = await store.checkpoints.checkpoint();
    expect(second!.checkpointed).toBe(second!.log);
    expect(second!.log).toBeLessThan(first!.log);
    expect(store.checkpoints.inBackground).toBe(true);
  });

  it('holds commits while a checkpoint runs, then commits what gathered in one batch', async () => {
    await send(50);
    const before = store.commitCount;
    const order: string[] = [];
    const checkpoint = store.checkpoints.checkpoint().then(() => order.push('checkpoint'));
    const sends = send(3).then(() => order.push('sends'));
    await Promise.all([checkpoint, sends]);
    expect(order).toEqual(['checkpoint', 'sends']);
    expect(store.commitCount - before).toBe(1);
  });

  it('hands checkpoints back to SQLite when the thread dies, and loses nothing', async () => {
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    await send(20);
    const worker = (store.checkpoints as unknown as { worker: Worker }).worker;
    await worker.terminate();
    expect((await warned).message).toMatch(/SQLite checkpoints inside commits again: the checkpoint thread exited/);
    expect(store.checkpoints.inBackground).toBe(false);
    expect(await store.checkpoints.checkpoint()).toBeNull();
    await send(20);
    expect(sqliteRowCount(dir, 'messages')).toBe(40);
  });

  it('closes the thread’s connection first, so the store’s close leaves no log behind', async () => {
    await send(20);
    await store.close();
    expect(fs.existsSync(path.join(dir, `${databaseFileName}-wal`))).toBe(false);
    expect(sqliteRowCount(dir, 'messages')).toBe(20);
    store = new SqliteStore(dir);
  });
});

it('keeps a process alive until the store has closed', async () => {
  const dir = tempDir();
  const storeModule = new URL('../../../server/store/sqlite/sqlite-store.ts', import.meta.url).href;
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(storeModule)});
    const store = new SqliteStore(process.env.STORE_DIR);
    await store.createUser('Alice', 'alice', 'hash', 1);
    await store.close();
    console.log('closed');
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { env: { ...process.env, STORE_DIR: dir } },
  );
  expect(stdout.trim()).toBe('closed');
});
