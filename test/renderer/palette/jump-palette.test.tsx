// Browser runtime (Vitest's Chromium). The Ctrl+K palette to screen readers: the input points at
// a listbox of matching chats while there are some, and says "no match" in a status when none
// is left, instead of pointing at an empty listbox.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { JumpPalette } from '../../../renderer/palette/JumpPalette.js';
import * as act from '../../../renderer/store/actions.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';
import { chat } from '../fixtures.js';

const input = () => screen.getByRole('textbox', { name: 'Chat name' });
const results = () => screen.queryByRole('listbox', { name: 'Matching chats' });

beforeEach(() => {
  setUpStage();
  act.chatsChanged([chat(2, 'bob', { unread: 3 }), chat(3, 'carol')]);
});
afterEach(tearDownStage);

describe('jump palette', () => {
  it('points the input at the chosen option while chats match', async () => {
    show(<JumpPalette />);
    await userEvent.type(input(), 'b');
    const list = results();
    expect(list).not.toBeNull();
    expect(input().getAttribute('aria-controls')).toBe(list!.id);
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(input().getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('has no listbox when nothing matches, and says so in a status', async () => {
    show(<JumpPalette />);
    await userEvent.type(input(), 'nobody');
    expect(results()).toBeNull();
    expect(input().hasAttribute('aria-controls')).toBe(false);
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('No chat or contact matches.');

    await userEvent.clear(input());
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
