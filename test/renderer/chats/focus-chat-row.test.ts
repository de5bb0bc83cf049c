// focusChatRow goes through the mounted chat list, which can reach rows not in the page.
import { describe, expect, it, vi } from 'vitest';
import { focusChatRow, registerRowFocuser } from '../../../renderer/chats/focus-chat-row.js';

describe('focusChatRow', () => {
  it('asks the registered list to focus the row', () => {
    const focus = vi.fn(() => true);
    const unregister = registerRowFocuser(focus);
    focusChatRow(742);
    expect(focus).toHaveBeenCalledWith(742);
    unregister();
  });

  it('an old list unregistering does not remove the list mounted after it', () => {
    const old = vi.fn(() => true);
    const current = vi.fn(() => true);
    const unregisterOld = registerRowFocuser(old);
    const unregisterCurrent = registerRowFocuser(current);
    unregisterOld();
    focusChatRow(7);
    expect(current).toHaveBeenCalledWith(7);
    expect(old).not.toHaveBeenCalled();
    unregisterCurrent();
  });
});
