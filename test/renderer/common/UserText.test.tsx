// Browser runtime (Vitest's Chromium, real layout). A name or message holding a right-to-left
// override (U+202E) is shown in an element of its own with dir="auto" and unicode-bidi: isolate,
// so the app's text after it stays where it belongs instead of being reversed with it.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageItem } from '../../../renderer/chat/MessageItem.js';
import { UserText } from '../../../renderer/common/UserText.js';
import { sent } from '../fixtures.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

const overridden = 'eve\u202Egnp.exe';

beforeEach(() => {
  setUpStage();
});
afterEach(tearDownStage);

function expectIsolated(element: HTMLElement): void {
  expect(element.getAttribute('dir')).toBe('auto');
  expect(getComputedStyle(element).unicodeBidi).toBe('isolate');
}

describe('user text', () => {
  it('keeps the text after a name with U+202E in its place', async () => {
    show(
      <p style={{ whiteSpace: 'nowrap' }}>
        <UserText text={overridden} /> <span data-testid="after">online</span>
      </p>,
    );
    const name = screen.getByText(overridden);
    expectIsolated(name);
    const after = screen.getByTestId('after');
    // The app's own word stays to the right of the name; without isolation the override would
    // carry on to the end of the paragraph and reverse it to the left.
    expect(after.getBoundingClientRect().left).toBeGreaterThanOrEqual(name.getBoundingClientRect().right);
    const range = document.createRange();
    range.selectNodeContents(after.firstChild!);
    expect(range.getBoundingClientRect().left).toBeGreaterThanOrEqual(name.getBoundingClientRect().right);
  });

  it('isolates a message whose content holds U+202E', () => {
    show(
      <MessageItem
        message={sent(1, { user: 2, name: overridden, content: overridden })}
        own={false}
        who={2}
        now={Date.now()}
      />,
    );
    expectIsolated(screen.getByText(overridden));
  });
});
