// One typed JSON file: it survives a reopen, a bad file is set aside instead of crashing
// the app, and writes run one at a time so none is lost.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshJsonDoc, openJsonDoc } from '../../../../main/core/storage/json-doc.js';
import { tempDir } from '../../../support/server.js';
import { capturedLog, type CapturedLog } from '../log/captured-log.js';

const noteFile = z.object({ version: z.literal(1), notes: z.array(z.string()) });
type NoteFile = z.infer<typeof noteFile>;
const empty = (): NoteFile => ({ version: 1, notes: [] });
let log: CapturedLog;
const openNotes = (at: string) => openJsonDoc(at, noteFile, empty, { kind: 'notes', logger: log.logger });

let dir: string;
let file: string;
beforeEach(() => {
  log = capturedLog();
  dir = tempDir();
  file = path.join(dir, 'profile', 'nested', 'notes.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function onDisk(at = file): unknown {
  return JSON.parse(fs.readFileSync(at, 'utf8'));
}

describe('openJsonDoc', () => {
  it('gives the fallback for a missing file without creating it or calling it bad', async () => {
    const doc = await openNotes(file);
    expect(doc.data).toEqual(empty());
    expect(doc.discarded).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('keeps what was written across a reopen, creating the folders it needs', async () => {
    const doc = await openNotes(file);
    await doc.update((current) => ({ ...current, notes: [...current.notes, 'milk'] }));
    await doc.update({ version: 1, notes: ['milk', 'eggs'] });
    expect(onDisk()).toEqual({ version: 1, notes: ['milk', 'eggs'] });

    const again = await openNotes(file);
    expect(again.data).toEqual({ version: 1, notes: ['milk', 'eggs'] });
    expect(again.discarded).toBe(false);
  });

  it('writes the file for its owner only, in folders for its owner only, leaving no temp file', async () => {
    const doc = await openNotes(file);
    await doc.update({ version: 1, notes: ['private'] });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.json']);
  });

  it('sees an update at once, before the write finishes', async () => {
    const doc = await openNotes(file);
    const written = doc.update({ version: 1, notes: ['now'] });
    expect(doc.data.notes).toEqual(['now']);
    await written;
  });

  const valid = JSON.stringify({ version: 1, notes: ['a long enough note', 'another one'] }, null, 2);
  const badFiles: [string, string | Buffer][] = [
    ['an empty file', ''],
    ['a truncated file', valid.slice(0, Math.floor(valid.length / 2))],
    ['garbage bytes', Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x13, 0x37, 0x00])],
    ['valid JSON of the wrong shape', JSON.stringify({ version: 1, notes: 'not a list' })],
    ['a JSON array', '[1, 2, 3]'],
    ['a bare null', 'null'],
    ['a future version', JSON.stringify({ version: 2, notes: ['from a newer app'] })],
  ];
  for (const [what, bytes] of badFiles) {
    it(`discards ${what}: no throw, fallback, the bad bytes set aside, then a good file`, async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);

      const doc = await openNotes(file);
      expect(doc.discarded).toBe(true);
      expect(doc.data).toEqual(empty());
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.readFileSync(`${file}.corrupt`)).toEqual(Buffer.from(bytes));

      await doc.update((current) => ({ ...current, notes: ['rebuilt'] }));
      const again = await openNotes(file);
      expect(again.discarded).toBe(false);
      expect(again.data.notes).toEqual(['rebuilt']);
    });
  }

  it('says in the log which file was set aside and why, and never what it held', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // V8's SyntaxError would quote this text; the zod issue of the second would name a value.
    fs.writeFileSync(file, '{"version":1,"notes":[meet at the old mill at noon]}');
    await openNotes(file);
    fs.writeFileSync(file, JSON.stringify({ version: 1, notes: [7, 'the second secret'] }));
    await openNotes(file);
    expect(log.at('warn')).toEqual([
      `the notes file ${file} is bad (not JSON): set aside as .corrupt, starting afresh`,
      `the notes file ${file} is bad (not the expected shape at notes.0: invalid_type): set aside as .corrupt, starting afresh`,
    ]);
    expect(log.lines.join('\n')).not.toMatch(/mill|secret/);
  });

  it('logs nothing for a missing file or a good one', async () => {
    const doc = await openNotes(file);
    await doc.update({ version: 1, notes: ['fine'] });
    await openNotes(file);
    expect(log.lines).toEqual([]);
  });

  it('discards a folder where the file should be, without throwing', async () => {
    fs.mkdirSync(path.join(file, 'inside'), { recursive: true });
    const doc = await openNotes(file);
    expect(doc.discarded).toBe(true);
    expect(log.at('warn')).toEqual([expect.stringContaining('is bad (EISDIR)')]);
    await doc.update({ version: 1, notes: ['fine'] });
    expect(onDisk()).toEqual({ version: 1, notes: ['fine'] });
  });

  it('replaces an older set-aside copy with the newest bad one', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.corrupt`, 'old junk');
    fs.writeFileSync(file, 'new junk');
    await openNotes(file);
    expect(fs.readFileSync(`${file}.corrupt`, 'utf8')).toBe('new junk');
  });

  it('loses no write when many updates run at once', async () => {
    const doc = await openNotes(file);
    const count = 100;
    const seenOnDisk: boolean[] = [];
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        doc
          .update((current) => ({ ...current, notes: [...current.notes, `note ${i}`] }))
          // Resolving means this note is on disk, not merely in memory.
          .then(() => seenOnDisk.push((onDisk() as NoteFile).notes.includes(`note ${i}`))),
      ),
    );
    const expected = Array.from({ length: count }, (_, i) => `note ${i}`);
    expect(doc.data.notes).toEqual(expected);
    expect(onDisk()).toEqual({ version: 1, notes: expected });
    expect(seenOnDisk).toEqual(Array.from({ length: count }, () => true));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.json']);
    expect((await openNotes(file)).data.notes).toEqual(expected);
  });

  it('keeps the last value when whole values race', async () => {
    const doc = await openNotes(file);
    await Promise.all(['first', 'second', 'third'].map((note) => doc.update({ version: 1, notes: [note] })));
    expect(onDisk()).toEqual({ version: 1, notes: ['third'] });
  });

  it('rejects an update whose change throws, and changes nothing', async () => {
    const doc = await openNotes(file);
    await doc.update({ version: 1, notes: ['kept'] });
    await expect(
      doc.update(() => {
        throw new Error('bad change');
      }),
    ).rejects.toThrow('bad change');
    expect(doc.data.notes).toEqual(['kept']);
    await doc.update((current) => ({ ...current, notes: [...current.notes, 'more'] }));
    expect(onDisk()).toEqual({ version: 1, notes: ['kept', 'more'] });
  });

  it('reports a failed write, and writes again once the disk allows it', async () => {
    const blocker = path.dirname(file);
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'a file where the folder should be');
    const doc = await openNotes(file);
    await expect(doc.update({ version: 1, notes: ['lost?'] })).rejects.toThrow();

    fs.rmSync(blocker);
    await doc.update((current) => ({ ...current, notes: [...current.notes, 'saved'] }));
    expect(onDisk()).toEqual({ version: 1, notes: ['lost?', 'saved'] });
  });

  it('tells every update that shared a failed write that it failed', async () => {
    const blocker = path.dirname(file);
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'a file where the folder should be');
    const doc = await openNotes(file);
    const first = doc.update({ version: 1, notes: ['one'] });
    const second = doc.update((current) => ({ ...current, notes: [...current.notes, 'two'] }));
    await expect(first).rejects.toThrow();
    await expect(second).rejects.toThrow();
  });

  it('writes an update asked for right after a removal', async () => {
    const doc = await openNotes(file);
    const before = doc.update({ version: 1, notes: ['before'] });
    const removed = doc.remove();
    const after = doc.update((current) => ({ ...current, notes: [...current.notes, 'after'] }));
    await Promise.all([before, removed, after]);
    expect(onDisk()).toEqual({ version: 1, notes: ['after'] });
  });

  it('removes the file after the writes asked for before it, and not those after', async () => {
    const doc = await openNotes(file);
    const before = doc.update({ version: 1, notes: ['gone soon'] });
    const removed = doc.remove();
    expect(doc.data).toEqual(empty());
    await Promise.all([before, removed]);
    expect(fs.existsSync(file)).toBe(false);
    expect((await openNotes(file)).data).toEqual(empty());

    await doc.update((current) => ({ ...current, notes: [...current.notes, 'after'] }));
    expect(onDisk()).toEqual({ version: 1, notes: ['after'] });
  });

  it('starts a fresh document from the fallback without reading what is there, and replaces it', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ version: 1, notes: ['left over'] }));
    const doc = freshJsonDoc(file, empty);
    expect(doc.data).toEqual(empty());
    expect(doc.discarded).toBe(false);
    await doc.update((current) => ({ ...current, notes: [...current.notes, 'new'] }));
    expect(onDisk()).toEqual({ version: 1, notes: ['new'] });
  });
});
