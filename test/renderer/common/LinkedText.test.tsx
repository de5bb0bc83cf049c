// Browser runtime (Vitest's Chromium). Links in a message are real links a user can click or
// reach with Tab and Enter; a click asks main to open it and never navigates the window, and
// text that only looks like a script link stays text.
import { fireEvent, screen } from '@testing-library/react';
import { userEvent } from 'vitest/browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageItem } from '../../../renderer/chat/MessageItem.js';
import { LinkedText } from '../../../renderer/common/LinkedText.js';
import { linkParts } from '../../../renderer/format/links.js';
import { sent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from '../chat/chat-stage.js';

let fake: FakeApi;
let navigations: boolean[];
function recordDefault(event: MouseEvent): void {
  // Runs after React's handlers: whether the browser would still follow the link.
  navigations.push(!event.defaultPrevented);
  event.preventDefault();
}

beforeEach(() => {
  fake = setUpStage();
  navigations = [];
  window.addEventListener('click', recordDefault);
});
afterEach(() => {
  window.removeEventListener('click', recordDefault);
  tearDownStage();
});

describe('links in messages', () => {
  it('makes a full and a bare www link clickable with their hrefs and the words as written', async () => {
    show(
      <MessageItem
        message={sent(1, { content: 'see https://example.com/a?b=1 and www.example.org' })}
        own={false}
        who={2}
        now={Date.now()}
      />,
    );
    const links = screen.getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['https://example.com/a?b=1', 'www.example.org']);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'http://www.example.org',
    ]);
    expect(document.querySelector('.message-text')?.textContent).toBe(
      'see https://example.com/a?b=1 and www.example.org',
    );

    await userEvent.click(links[0]!);
    expect(fake.named('openLink')).toEqual([{ url: 'https://example.com/a?b=1' }]);
    expect(navigations).toEqual([false]);
  });

  it('opens a link from the keyboard', async () => {
    show(<LinkedText text="mail bob@example.com" />);
    const link = screen.getByRole('link', { name: 'bob@example.com' });
    link.focus();
    await userEvent.keyboard('{Enter}');
    expect(fake.named('openLink')).toEqual([{ url: 'mailto:bob@example.com' }]);
    expect(navigations).toEqual([false]);
  });

  it('opens a middle-clicked link the same way, and a right click opens nothing', () => {
    show(<LinkedText text="https://example.com" />);
    const link = screen.getByRole('link');
    fireEvent.contextMenu(link, { button: 2 });
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 2 }));
    expect(fake.named('openLink')).toEqual([]);
    fireEvent(link, new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }));
    expect(fake.named('openLink')).toEqual(
      [{ url: 'https://example.com/' }].map(() => ({ url: 'https://example.com' })),
    );
  });

  it('leaves script, data and file links as text', () => {
    const text = 'javascript:alert(1) data:text/html,<b>x</b> file:///etc/passwd ftp://example.com';
    show(<LinkedText text={text} />);
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(screen.getByText(text)).toBeTruthy();
    expect(linkParts(text)).toEqual([{ text }]);
  });
});
