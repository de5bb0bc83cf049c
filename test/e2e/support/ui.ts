// What a person does and sees in the messenger window, in the words of its accessible names.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const password = 'correct horse battery';

function startsWith(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

// Sign-in screen.

export async function fillSignIn(page: Page, serverUrl: string, name: string, secret = password): Promise<void> {
  await page.getByRole('textbox', { name: 'Server' }).fill(serverUrl);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(secret);
}

/** Registers a new account in the window and waits for the signed-in layout. */
export async function createAccount(page: Page, serverUrl: string, name: string): Promise<void> {
  await fillSignIn(page, serverUrl, name);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(mainNav(page)).toBeVisible();
  await expect(connectionBanner(page)).toBeHidden();
}

export async function signIn(page: Page, serverUrl: string, name: string, secret = password): Promise<void> {
  await fillSignIn(page, serverUrl, name, secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// The left bar.

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

export async function show(page: Page, screen: 'Chats' | 'Contacts' | 'Settings'): Promise<void> {
  // "Chats, 3 unread" while something is unread.
  await mainNav(page)
    .getByRole('button', { name: new RegExp(`^${screen}(, \\d+ unread)?$`) })
    .click();
}

// Chats.

export function chatList(page: Page): Locator {
  return page.getByRole('list', { name: 'Chats', exact: true });
}

/** The chat list's row of the chat with `peer`. */
export function chatRow(page: Page, peer: string): Locator {
  return page.getByTestId('chat-row').filter({ has: page.getByRole('button', { name: startsWith(peer) }) });
}

export function unreadBadge(row: Locator): Locator {
  return row.getByTestId('unread-badge');
}

/** Peer names of the chat list's rows, top to bottom. */
export async function chatOrder(page: Page, peers: string[]): Promise<string[]> {
  const rows = await chatList(page).getByTestId('chat-row').allTextContents();
  return rows.map((text) => peers.find((peer) => text.includes(peer)) ?? `?${text}`);
}

export async function openChatRow(page: Page, peer: string): Promise<void> {
  await chatRow(page, peer)
    .getByRole('button', { name: startsWith(peer) })
    .click();
  await expect(chatHeading(page, peer)).toBeVisible();
}

export async function chatRowAction(page: Page, peer: string, action: 'Mark as read' | 'Delete chat'): Promise<void> {
  await chatRow(page, peer).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

// Contacts.

export function contactsList(page: Page): Locator {
  return page.getByRole('list', { name: 'Contacts', exact: true });
}

export function contact(page: Page, name: string): Locator {
  return contactsList(page).getByRole('button', { name: startsWith(name) });
}

/** Contacts → search → click: opens (finds or creates) the chat with `name`. */
export async function startChatWith(page: Page, name: string): Promise<void> {
  await show(page, 'Contacts');
  await page.getByRole('textbox', { name: 'Search contacts' }).fill(name);
  await contact(page, name).click();
  await expect(chatHeading(page, name)).toBeVisible();
}

/** The online dot beside a contact: an image named "online" or "offline". */
export function presence(page: Page, name: string): Locator {
  return contactsList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: startsWith(name) }) })
    .getByRole('img', { name: /^(online|offline)$/ });
}

// The open chat.

/** The open chat's header: a level-2 heading with the peer's name. */
export function chatHeading(page: Page, peer: string): Locator {
  return page.getByRole('heading', { level: 2, name: peer, exact: true });
}

export function chatStatus(page: Page): Locator {
  return page.getByTestId('chat-status');
}

export function messageLog(page: Page): Locator {
  return page.getByRole('region', { name: 'Messages' });
}

export function messages(page: Page): Locator {
  return messageLog(page).getByTestId('message');
}

/** The messages whose text contains `text` (a string matches as a substring). */
export function message(page: Page, text: string | RegExp): Locator {
  return messages(page).filter({ hasText: text });
}

export function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Message' });
}

/** Types a message and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await expect(composer(page)).toHaveValue('');
}

export async function sendAndWait(page: Page, text: string): Promise<void> {
  await send(page, text);
  await expect(message(page, text).last()).toHaveAttribute('data-state', 'sent');
}

export function connectionBanner(page: Page): Locator {
  return page.getByTestId('connection-banner');
}

// Barriers: something that must happen after what a test says does not happen. They run in
// the page, and the test project is compiled without DOM types: hence `globalThis as any`.

/**
 * Loads an image that fails as `<img src=x>` fails (same address, same policy), then raises
 * a dialog saying "barrier". An `onerror` of such an image, had the markup made one, was
 * waiting on the same failure and fires first.
 */
export async function dialogAfterImageError(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const probe = new (globalThis as any).Image();
        probe.onerror = probe.onload = () => resolve();
        probe.src = 'x';
      }),
  );
  await page.evaluate(() => (globalThis as any).alert('barrier'));
}

/**
 * Records every delivery state the message holding `text` shows from now on (a repeat of
 * the same state is one entry). Read it back with the returned function.
 */
export async function recordDeliveryStates(page: Page, text: string): Promise<() => Promise<string[]>> {
  const key = await page.evaluate((text) => {
    const window = globalThis as any;
    const record: string[] = [];
    const note = () => {
      const shown = [...window.document.querySelectorAll('[data-testid="message"]')].find((element: any) =>
        element.textContent?.includes(text),
      );
      const state: string | undefined = shown?.dataset.state;
      if (state && record.at(-1) !== state) record.push(state);
    };
    note();
    new window.MutationObserver(note).observe(window.document.body, {
      subtree: true,
      childList: true,
      attributeFilter: ['data-state'],
    });
    window.deliveryStates ??= [];
    return (window.deliveryStates as string[][]).push(record) - 1;
  }, text);
  return () => page.evaluate((key) => (globalThis as any).deliveryStates[key] as string[], key);
}
