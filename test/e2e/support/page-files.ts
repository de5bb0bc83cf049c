// Files handed to the page as a person does: pasted from the clipboard or dropped from the
// desktop. The events are built in the page (the test project has no DOM types, so the little
// of the DOM used here is typed by hand).
import type { Locator, Page } from '@playwright/test';

interface DataTransferLike {
  items: { add(file: unknown): void };
}
interface PageDom {
  DataTransfer: new () => DataTransferLike;
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  ClipboardEvent: new (
    type: string,
    init: { clipboardData: DataTransferLike; bubbles: boolean; cancelable: boolean },
  ) => unknown;
  atob(base64: string): string;
  document: { activeElement: { dispatchEvent(event: unknown): boolean } | null };
}

export interface PageFile {
  name: string;
  type: string;
  bytes: Buffer;
}

function wire(files: PageFile[]): Array<{ name: string; type: string; base64: string }> {
  return files.map(({ name, type, bytes }) => ({ name, type, base64: bytes.toString('base64') }));
}

/** Pastes the files into the focused element, as Ctrl+V of a copied screenshot does. */
export async function pasteFiles(page: Page, target: Locator, files: PageFile[]): Promise<void> {
  await target.focus();
  await page.evaluate((sent) => {
    const dom = globalThis as unknown as PageDom;
    const data = new dom.DataTransfer();
    for (const { name, type, base64 } of sent) {
      data.items.add(new dom.File([Uint8Array.from(dom.atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    }
    const paste = new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    dom.document.activeElement?.dispatchEvent(paste);
  }, wire(files));
}

/** Drags the files over `target` and drops them there. */
export async function dropFiles(page: Page, target: Locator, files: PageFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((sent) => {
    const dom = globalThis as unknown as PageDom;
    const data = new dom.DataTransfer();
    for (const { name, type, base64 } of sent) {
      data.items.add(new dom.File([Uint8Array.from(dom.atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    }
    return data;
  }, wire(files));
  for (const event of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(event, { dataTransfer });
}
