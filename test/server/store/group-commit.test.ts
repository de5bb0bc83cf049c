// GroupCommit answers its callers only once the log sync after their commit has finished.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../server/store/sqlite/group-commit.js';
import { tempDir } from '../../support/server.js';

/** A log sync the test finishes by hand. */
class ManualSync {
  readonly started: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
  readonly sync = () =>
    new Promise<void>((resolve, reject) => {
      this.started.push({ finish: resolve, fail: reject });
    });
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Which of the promises have settled so far, as 'pending' | 'done' | 'failed'. */
function watch(promises: Array<Promise<unknown>>): () => string[] {
  const states = promises.map(() => 'pending');
  promises.forEach((p, i) =>
    p.then(
      () => (states[i] = 'done'),
      () => (states[i] = 'failed'),
    ),
  );
  return () => [...states];
}

describe('GroupCommit', () => {
  let db: Database.Database;
  let log: ManualSync;
  let commits: GroupCommit;
  const insert = (value: string) => () => db.prepare('INSERT INTO notes (value) VALUES (?)').run(value).changes;
  const count = () => () => (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n;

  beforeEach(() => {
    db = new Database(path.join(tempDir(), 'test.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
    log = new ManualSync();
    commits = new GroupCommit(db, log.sync);
  });
  afterEach(async () => {
    for (const pending of log.started) pending.finish();
    await commits.close();
    db.close();
  });

  it('answers a write only after the sync that follows its commit', async () => {
    const states = watch([commits.run(insert('a')), commits.run(insert('b'))]);
    await turn();
    expect(commits.commits).toBe(1);
    expect(log.started).toHaveLength(1);
    expect(states()).toEqual(['pending', 'pending']);
    log.started[0]!.finish();
    await turn();
    expect(states()).toEqual(['done', 'done']);
    expect(commits.syncs).toBe(1);
  });

  it('lets batches committed during a sync share the next one', async () => {
    const first = watch([commits.run(insert('a'))]);
    await turn();
    const later = watch([commits.run(insert('b'))]);
    await turn();
    const last = watch([commits.run(insert('c'))]);
    await turn();
    expect(commits.commits).toBe(3);
    expect(log.started).toHaveLength(1);
    log.started[0]!.finish();
    await turn();
    expect(first()).toEqual(['done']);
    expect([...later(), ...last()]).toEqual(['pending', 'pending']);
    expect(log.started).toHaveLength(2);
    log.started[1]!.finish();
    await turn();
    expect([...later(), ...last()]).toEqual(['done', 'done']);
  });

  it('answers a read at once when nothing waits for the disk', async () => {
    await Promise.all([commits.run(insert('a')), turn().then(() => log.started[0]!.finish())]);
    expect(await commits.run(count())).toBe(1);
    expect(log.started).toHaveLength(1);
  });

  it('holds a read back until the write it may have seen is on disk, without a sync of its own', async () => {
    const write = watch([commits.run(insert('a'))]);
    await turn();
    const read = commits.run(count());
    const states = watch([read]);
    await turn();
    expect(states()).toEqual(['pending']);
    log.started[0]!.finish();
    expect(await read).toBe(1);
    expect(write()).toEqual(['done']);
    expect(log.started).toHaveLength(1);
  });

  it('holds a read back behind a committed write that waits for the next sync', async () => {
    void commits.run(insert('a'));
    await turn();
    const write = watch([commits.run(insert('b'))]);
    await turn();
    const read = watch([commits.run(count())]);
    await turn();
    expect(commits.commits).toBe(3);
    log.started[0]!.finish();
    await turn();
    expect([...write(), ...read()]).toEqual(['pending', 'pending']);
    log.started[1]!.finish();
    await turn();
    expect([...write(), ...read()]).toEqual(['done', 'done']);
  });

  it('settles a failed call after the sync too, in order with its neighbours', async () => {
    await Promise.all([commits.run(insert('dup')), turn().then(() => log.started[0]!.finish())]);
    const states = watch([commits.run(insert('x')), commits.run(insert('dup')), commits.run(insert('y'))]);
    await turn();
    expect(states()).toEqual(['pending', 'pending', 'pending']);
    log.started[1]!.finish();
    await turn();
    expect(states()).toEqual(['done', 'failed', 'done']);
    expect(await commits.run(count())).toBe(3);
  });

  it('fails the callers of a batch whose sync failed, and syncs the next batch again', async () => {
    const lost = commits.run(insert('a'));
    await turn();
    log.started[0]!.fail(new Error('EIO: i/o error, fdatasync'));
    await expect(lost).rejects.toThrow(/EIO/);
    const next = commits.run(insert('b'));
    await turn();
    log.started[1]!.finish();
    expect(await next).toBe(1);
  });

  it('waits for the sync in flight when closing, then refuses new work', async () => {
    const write = commits.run(insert('a'));
    await turn();
    let closed = false;
    const closing = commits.close().then(() => (closed = true));
    await turn();
    expect(closed).toBe(false);
    log.started[0]!.finish();
    await closing;
    expect(await write).toBe(1);
    await expect(commits.run(count())).rejects.toThrow(/closed/);
  });
});
