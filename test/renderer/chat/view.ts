// Browser runtime (Vitest's Chromium). What the reader sees in the message log, read off real
// layout: which message is at the top of the view and where, and whether one is wholly shown.

/** The shown message whose text is exactly `content`. */
export function messageShown(content: string): HTMLElement | null {
  const texts = document.querySelectorAll<HTMLElement>('[data-testid="message"] .message-text');
  for (const element of texts) if (element.textContent === content) return element.closest('[data-testid="message"]');
  return null;
}

export function whollyInView(element: Element | null, scroller: HTMLElement): boolean {
  if (!element) return false;
  const view = scroller.getBoundingClientRect();
  const rect = element.getBoundingClientRect();
  return rect.top >= view.top - 0.5 && rect.bottom <= view.bottom + 0.5;
}

/** The first message at least partly in view, and its distance (whole px) from the view's top. */
export function topOfView(scroller: HTMLElement): { text: string; offset: number } {
  const view = scroller.getBoundingClientRect();
  for (const element of scroller.querySelectorAll('[data-testid="message"]')) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom > view.top)
      return {
        text: element.querySelector('.message-text')?.textContent ?? '',
        offset: Math.round(rect.top - view.top),
      };
  }
  return { text: '', offset: 0 };
}

/**
 * Scrolls as the reader would and resolves once the page has handled the scroll event: the
 * list's own listeners were added before this one, so they have run.
 */
export function scrolledTo(scroller: HTMLElement, top: number): Promise<void> {
  const target = Math.max(0, Math.min(top, scroller.scrollHeight - scroller.clientHeight));
  if (Math.round(scroller.scrollTop) === Math.round(target)) return Promise.resolve();
  const handled = new Promise<void>((resolve) => scroller.addEventListener('scroll', () => resolve(), { once: true }));
  scroller.scrollTop = target;
  return handled;
}

/** Resolves after the browser has rendered a frame (and run its resize observers and scroll events). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Whether a rendered row reaches the view's top edge (none does until the list catches up with a scroll). */
function rowsCoverTop(scroller: HTMLElement): boolean {
  const top = scroller.getBoundingClientRect().top;
  return [...scroller.querySelectorAll('.message-slot')].some((slot) => {
    const rect = slot.getBoundingClientRect();
    return rect.top <= top + 0.5 && rect.bottom > top;
  });
}

/** Frames a list may take to render, measure and re-anchor its rows after one change. */
const framesToSettle = 60;

/**
 * What the reader sees once the list has stopped moving: the same top of view and scroll
 * position in two frames in a row, with rendered rows from the view's top down.
 */
export async function settledView(scroller: HTMLElement): Promise<{ text: string; offset: number }> {
  let last = '';
  for (let frame = 0; frame < framesToSettle; frame++) {
    const view = topOfView(scroller);
    const now = JSON.stringify([view, Math.round(scroller.scrollTop)]);
    if (now === last && rowsCoverTop(scroller)) return view;
    last = now;
    await nextFrame();
  }
  throw new Error(`the message list was still moving after ${framesToSettle} frames`);
}
