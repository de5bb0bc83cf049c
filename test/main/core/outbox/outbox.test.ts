// A damaged outbox keeps every message that is still whole and says what it lost: who each
// lost one was to and what it said, when that much is readable, or that the file could not
// be read at all. The damaged file is kept beside it, and the good part is on disk at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../../main/core/outbox/outbox.js';
import { tempDir } from '../../../support/server.js';
import { capturedLog } from '../log/captured-log.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'outbox.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const item = (clientId: string, fields: Record<string, unknown> = {}) => ({
  clientId,
  to: 2,
  content: `text of ${clientId}`,
  createdAt: 1,
  state: 'sending',
  ...fields,
});

describe('opening a damaged outbox', () => {
  it('keeps the whole items, in order, and describes each broken one', async () => {
    const stored = {
      version: 1,
      items: [
        item('a'),
        item('bad id!', { to: 3, content: 'lost but readable' }),
        item('b', { state: 'failed', failure: { code: 'too_large', message: 'Too long.' } }),
        'not an item',
        item('c', { to: -1, content: 42 }),
        item('d'),
      ],
    };
    fs.writeFileSync(file, JSON.stringify(stored));
    const log = capturedLog();

    const outbox = await Outbox.open(dir, log.logger);

    expect(outbox.items.map((i) => i.clientId)).toEqual(['a', 'b', 'd']);
    expect(outbox.next()?.clientId).toBe('a');
    expect(outbox.recovery).toEqual({
      kept: 3,
      lost: [
        { to: 3, content: 'lost but readable' },
        { to: null, content: null },
        { to: null, content: null },
      ],
      unreadable: false,
    });
    // What was kept is on disk already; the damaged file is kept for diagnosis.
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).items.map((i: { clientId: string }) => i.clientId)).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect(JSON.parse(fs.readFileSync(`${file}.corrupt`, 'utf8'))).toEqual(stored);
    expect(log.at('warn')).toEqual([
      expect.stringMatching(/^the outbox file .* is bad \(.*\): set aside as \.corrupt, keeping what could be read$/),
      'outbox recovered: 3 kept, 3 lost',
    ]);
    expect(log.lines.join('\n')).not.toContain('lost but readable');

    const reopened = await Outbox.open(dir, capturedLog().logger);
    expect(reopened.recovery).toBeNull();
    expect(reopened.items).toEqual(outbox.items);
  });

  it.each([
    ['not JSON', '{"version":1,"items":[{"clientId":"a","to":2,"con'],
    ['JSON without a list of items', JSON.stringify({ version: 1, items: 'gone' })],
  ])('says it could not read a file that is %s, and starts empty', async (_what, text) => {
    fs.writeFileSync(file, text);
    const log = capturedLog();
    const outbox = await Outbox.open(dir, log.logger);
    expect(outbox.items).toEqual([]);
    expect(outbox.recovery).toEqual({ kept: 0, lost: [], unreadable: true });
    expect(log.at('warn').at(-1)).toBe('outbox recovered: 0 kept, an unknown number lost');
    expect(fs.readFileSync(`${file}.corrupt`, 'utf8')).toBe(text);
  });

  it('has nothing to tell for a good file or a missing one', async () => {
    expect((await Outbox.open(dir, capturedLog().logger)).recovery).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ version: 1, items: [item('a')] }));
    const outbox = await Outbox.open(dir, capturedLog().logger);
    expect(outbox.recovery).toBeNull();
    expect(outbox.items.map((i) => i.clientId)).toEqual(['a']);
  });
});
