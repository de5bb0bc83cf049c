// Browser runtime (Vitest's Chromium). The emoji picker beside the composer: it opens with the
// bundled data, puts the picked emoji where the caret was, searches by name in the UI language,
// moves with the arrow keys, and Esc closes it with focus back in the composer.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Composer } from '../../../renderer/chat/Composer.js';
import { loadEmoji, searchEmoji } from '../../../renderer/chat/emoji-data.js';
import * as act from '../../../renderer/store/actions.js';
import { defaultSettings } from '../../../main/ipc/contract.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

const messageBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: /Message|消息/ });
const picker = () => screen.queryByRole('dialog', { name: /Emoji|表情/ });

// The data is a large lazy chunk: loaded once up front, so that on a busy machine no test waits
// on its first download instead of on what the picker does with it.
beforeAll(async () => {
  await Promise.all([loadEmoji('en'), loadEmoji('zh')]);
});

beforeEach(() => {
  setUpStage();
});
afterEach(tearDownStage);

/** At the page's foot, as in the app: the picker opens upwards, over the messages. */
function showComposer(): void {
  show(
    <div style={{ paddingTop: 420 }}>
      <Composer who={2} />
    </div>,
  );
}

async function typeAndPlaceCaret(text: string, caret: number): Promise<void> {
  await userEvent.type(messageBox(), text);
  messageBox().setSelectionRange(caret, caret);
}

describe('emoji picker', () => {
  it('opens grouped, and puts a clicked emoji at the caret with focus back in the composer', async () => {
    showComposer();
    await typeAndPlaceCaret('hello world', 5);
    await userEvent.click(screen.getByRole('button', { name: 'Emoji' }));
    expect(picker()).not.toBeNull();
    const smileys = await screen.findByRole('region', { name: 'smileys & emotion' });
    expect(screen.getAllByRole('region').length).toBeGreaterThan(5);
    await userEvent.click(within(smileys).getByRole('button', { name: 'grinning face' }));

    expect(picker()).toBeNull();
    expect(messageBox().value).toBe('hello😀 world');
    expect(document.activeElement).toBe(messageBox());
    expect(messageBox().selectionStart).toBe('hello😀'.length);
  });

  it('searches by name, moves with the arrow keys and picks with Enter', async () => {
    showComposer();
    await userEvent.click(screen.getByRole('button', { name: 'Emoji' }));
    // The search box has focus as the picker opens.
    await userEvent.keyboard('thumbs up');
    await expect.element(screen.getByRole('button', { name: 'thumbs up' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'grinning face' })).toBeNull();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('thumbs up');
    await userEvent.keyboard('{Enter}');
    expect(messageBox().value).toBe('\u{1F44D}\u{FE0F}');
    expect(document.activeElement).toBe(messageBox());
  });

  it('closes with Esc and gives focus back to the composer, its text unchanged', async () => {
    showComposer();
    await typeAndPlaceCaret('draft', 2);
    await userEvent.click(screen.getByRole('button', { name: 'Emoji' }));
    await screen.findByRole('button', { name: 'grinning face' });
    await userEvent.keyboard('{ArrowDown}{ArrowRight}');
    await userEvent.keyboard('{Escape}');
    expect(picker()).toBeNull();
    expect(document.activeElement).toBe(messageBox());
    expect(messageBox().value).toBe('draft');
  });

  it('names and finds emoji in Chinese when the UI is Chinese', async () => {
    act.settingsChanged({ ...defaultSettings, language: 'zh' });
    showComposer();
    await userEvent.click(screen.getByRole('button', { name: '表情' }));
    await userEvent.keyboard('嘿嘿');
    await userEvent.click(await screen.findByRole('button', { name: '嘿嘿' }));
    expect(messageBox().value).toBe('😀');
  });
});

describe('emoji data', () => {
  it('leaves out skin-tone pieces and finds by every word', async () => {
    const groups = await loadEmoji('en');
    expect(groups.map((group) => group.key)).not.toContain('component');
    const found = searchEmoji(groups, 'RED heart').flatMap((group) => group.emoji.map((emoji) => emoji.unicode));
    expect(found).toContain('❤️');
    expect(searchEmoji(groups, 'zzzz-nothing')).toEqual([]);
  });
});
