// Which actions a message offers, by the server's windows; and Re-edit's five minutes.
import { describe, expect, it } from 'vitest';
import { limits } from '../../../main/ipc/rules.js';
import { allowedActions, canReedit } from '../../../renderer/chat/message-permissions.js';
import { initialActs } from '../../../renderer/store/acts-slice.js';
import { me, sent, unsent } from '../fixtures.js';

const windows = initialActs.windows;
const at = 1_700_000_000_000;
const mine = sent(1, { user: me.id, date: at });

describe('allowedActions', () => {
  it('lets the sender edit and recall inside the windows, and not after', () => {
    expect(allowedActions(mine, true, at + 1000, windows)).toEqual([
      'reply',
      'copy',
      'forward',
      'edit',
      'recall',
      'hide',
    ]);
    expect(allowedActions(mine, true, at + limits.defaultRecallWindowMs, windows)).toEqual([
      'reply',
      'copy',
      'forward',
      'edit',
      'hide',
    ]);
    expect(allowedActions(mine, true, at + limits.defaultEditWindowMs, windows)).toEqual([
      'reply',
      'copy',
      'forward',
      'hide',
    ]);
  });

  it('never offers a recall when the server disables it (window 0)', () => {
    expect(allowedActions(mine, true, at, { ...windows, recallMs: 0 })).not.toContain('recall');
  });

  it('offers only Copy on a message not stored yet, and only Delete on a recalled one', () => {
    expect(allowedActions(unsent('x', at), true, at, windows)).toEqual(['copy']);
    expect(allowedActions({ ...mine, content: '', recalled: true }, true, at, windows)).toEqual(['hide']);
  });

  it('offers no Copy on a file without a caption', () => {
    const file = sent(2, { content: '', attachments: [{ id: 'f', name: 'a', mime: 'a/b', size: 1 }] as never });
    expect(allowedActions(file, false, at, windows)).toEqual(['reply', 'forward', 'hide']);
  });
});

describe('canReedit', () => {
  it('holds for five minutes after the recall', () => {
    const recalled = { text: 'oops', at };
    expect(canReedit(recalled, at + limits.recallReeditMs - 1, windows)).toBe(true);
    expect(canReedit(recalled, at + limits.recallReeditMs, windows)).toBe(false);
    expect(canReedit(undefined, at, windows)).toBe(false);
  });
});
