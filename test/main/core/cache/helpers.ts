// Copies, chats and file paths shared by the cache tests.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Chat, Message } from '../../../../protocol/contract.js';
import { tempDir } from '../../../support/server.js';
import { capturedLog, type CapturedLog } from '../log/captured-log.js';

export const me = 1;
export const alice = 2;
export const bob = 3;

export function copy(seq: number, content = `message ${seq}`): Message {
  return {
    id: 1000 + seq,
    clientId: `c-${seq}`,
    user: alice,
    name: 'Alice',
    date: 1_700_000_000_000 + seq,
    content,
    seq,
  };
}
export function copies(from: number, to: number): Message[] {
  return Array.from({ length: to - from + 1 }, (_, i) => copy(from + i));
}
export function chat(who: number, id: number, updatedAt: number): Chat {
  return { id, user: me, who, name: `peer ${who}`, unread: 0, updatedAt, lastSeq: 0, last: null };
}
export const seqs = (messages: Message[]) => messages.map((m) => m.seq);

/** A fresh cache folder per test, as the app lays it out: cache/<server>/<user>; and a log for it. */
export function cacheFolder(): { dir: string; log: CapturedLog } {
  const place = { dir: '', log: capturedLog() };
  let root = '';
  beforeEach(() => {
    root = tempDir();
    place.dir = path.join(root, 'cache', '127.0.0.1_4860', String(me));
    place.log = capturedLog();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  return place;
}

export function files(dir: string) {
  const chats = path.join(dir, 'chats');
  return {
    list: path.join(dir, 'chats.json'),
    folder: (who: number) => path.join(chats, String(who)),
    index: (who: number) => path.join(chats, String(who), 'index.json'),
    page: (who: number, n: number) => path.join(chats, String(who), `${n}.json`),
    v1: (who: number) => path.join(chats, `${who}.json`),
  };
}

export const readJson = (file: string): any => JSON.parse(fs.readFileSync(file, 'utf8'));

/** What a file looks like now: an atomic rewrite renames a new file into place, so an untouched file keeps its inode. */
export function snapshot(file: string) {
  const stat = fs.statSync(file);
  return { ino: stat.ino, mtimeMs: stat.mtimeMs, text: fs.readFileSync(file, 'utf8') };
}
