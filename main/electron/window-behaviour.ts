// Electron main runtime, no electron import: how the main window behaves — focus reports,
// close-to-tray, coming back to the front. Takes the window as an argument for testing.
import type { ShellBridge } from '../core/bridge.js';
import type { PreventableEvent } from './hardening.js';

/** The parts of a BrowserWindow these behaviours use. */
export interface BehavingWindow {
  on(event: 'focus' | 'blur' | 'hide' | 'close', listener: (event: PreventableEvent) => void): unknown;
  isDestroyed(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

/** The core shows no notification for the chat in view, so it must know about focus. */
export function reportFocus(window: BehavingWindow, bridge: Pick<ShellBridge, 'setWindowFocused'>): void {
  window.on('focus', () => bridge.setWindowFocused(true));
  window.on('blur', () => bridge.setWindowFocused(false));
  window.on('hide', () => bridge.setWindowFocused(false));
}

/** Closing hides the window unless the app is quitting or the user turned close-to-tray off. */
export function hideOnClose(window: BehavingWindow, shouldHide: () => boolean): void {
  window.on('close', (event) => {
    if (!shouldHide()) return;
    event.preventDefault();
    window.hide();
  });
}

/** Shows, restores and focuses the window (second launch, dock click, notification click). */
export function bringToFront(window: BehavingWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
