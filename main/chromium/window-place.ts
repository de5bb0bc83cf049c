// Node runtime. Where the Chromium shell's window was, kept in the profile folder so the
// next start opens it at the same size and place (Electron keeps its own).
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { z } from 'zod';
import type { Logger } from '../core/log/logger.js';

export interface WindowPlace {
  width: number;
  height: number;
  /** Absent: the window manager places the window. */
  left?: number;
  top?: number;
  maximized?: boolean;
}

export const defaultWindowPlace: WindowPlace = { width: 1024, height: 760 };

/** Smaller, the layout does not fit; larger than four 4K screens side by side, the file is nonsense. */
export const windowLimits = { minWidth: 800, minHeight: 600, maxWidth: 4 * 3840, maxHeight: 4 * 2160 };

const placeSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  left: z.number().int().optional(),
  top: z.number().int().optional(),
  maximized: z.boolean().optional(),
});

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Keeps a saved place within sane limits, so a bad file cannot open an unusable window. */
export function saneWindowPlace(place: WindowPlace): WindowPlace {
  const { minWidth, minHeight, maxWidth, maxHeight } = windowLimits;
  const sane: WindowPlace = {
    width: clamp(place.width, minWidth, maxWidth),
    height: clamp(place.height, minHeight, maxHeight),
  };
  if (place.left !== undefined && place.top !== undefined) {
    sane.left = clamp(place.left, -maxWidth, maxWidth);
    sane.top = clamp(place.top, -maxHeight, maxHeight);
  }
  if (place.maximized) sane.maximized = true;
  return sane;
}

/** Chromium's switches for the window's first size and place. */
export function windowArgs(place: WindowPlace): string[] {
  const args = [`--window-size=${place.width},${place.height}`];
  if (place.left !== undefined && place.top !== undefined) args.push(`--window-position=${place.left},${place.top}`);
  if (place.maximized) args.push('--start-maximized');
  return args;
}

export function windowPlaceFile(profileDir: string): string {
  return path.join(profileDir, 'window.json');
}

/** The saved place, or the default when there is none; a file that does not parse is logged and ignored. */
export function readWindowPlace(file: string, logger: Logger): WindowPlace {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.caught('reading the window place', error);
    return defaultWindowPlace;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = placeSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn(`${file} is not a window place; the window opens at its default size`);
    return defaultWindowPlace;
  }
  return saneWindowPlace(parsed.data);
}

/** Asks Chromium where the page's window is now; null once it is gone. */
export async function currentWindowPlace(cdp: CDPSession): Promise<WindowPlace | null> {
  try {
    const { bounds } = await cdp.send('Browser.getWindowForTarget');
    if (bounds.windowState === 'minimized' || bounds.windowState === 'fullscreen') return null;
    const { width, height, left, top } = bounds;
    if (width === undefined || height === undefined) return null;
    if (bounds.windowState === 'maximized') return { ...defaultWindowPlace, maximized: true };
    return saneWindowPlace({ width, height, left, top });
  } catch {
    // The window or the browser closed: the place saved last stays.
    return null;
  }
}

/** Remembers the window's place; writes only when it changed. */
export class WindowPlaceKeeper {
  private saved: string;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    start: WindowPlace,
  ) {
    this.saved = JSON.stringify(start);
  }

  async save(cdp: CDPSession): Promise<void> {
    const place = await currentWindowPlace(cdp);
    if (!place) return;
    // Maximized, the size to come back to is the one from before.
    const kept = place.maximized ? { ...(JSON.parse(this.saved) as WindowPlace), maximized: true } : place;
    const text = JSON.stringify(kept);
    if (text === this.saved) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(`${this.file}.tmp`, `${text}\n`);
      fs.renameSync(`${this.file}.tmp`, this.file);
      this.saved = text;
    } catch (error) {
      this.logger.caught('saving the window place', error);
    }
  }
}
