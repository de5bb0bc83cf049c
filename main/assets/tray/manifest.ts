// Build time (Node): every tray asset file, what it holds and how it is drawn. generate.ts
// writes them; a test checks that the committed files still show what this draws.
import { overlayGlyph, trayGlyph } from './glyph.js';
import type { RgbaImage } from '../image-files.js';

export interface TrayAsset {
  /** File name in main/assets/tray. */
  file: string;
  container: 'png' | 'ico';
  /** One image for a PNG; one per size, smallest first, for an ICO. */
  images: RgbaImage[];
}

/** Linux: the tray picks the closest size; the base is 16 px at 1x. */
export const colorSizes = [16, 24, 32, 48] as const;
/** Windows: Electron recommends 16/20/24/32 for small icons (100-200 % scale); 40 and 48 for good measure. */
export const icoSizes = [16, 20, 24, 32, 40, 48] as const;

export function trayAssets(): TrayAsset[] {
  const assets: TrayAsset[] = [];
  for (const unread of [false, true]) {
    const name = unread ? 'tray-unread' : 'tray';
    for (const size of colorSizes)
      assets.push({ file: `${name}-${size}.png`, container: 'png', images: [trayGlyph(size, 'color', unread)] });
    assets.push({
      file: `${name}.ico`,
      container: 'ico',
      images: icoSizes.map((size) => trayGlyph(size, 'color', unread)),
    });
    // macOS: the "Template" suffix marks a template image, "@2x" the Retina version.
    const template = unread ? 'trayUnreadTemplate' : 'trayTemplate';
    assets.push({ file: `${template}.png`, container: 'png', images: [trayGlyph(16, 'template', unread)] });
    assets.push({ file: `${template}@2x.png`, container: 'png', images: [trayGlyph(32, 'template', unread)] });
  }
  // Windows taskbar overlay: 16 px at 1x, 32 px for 200 % scale.
  assets.push({ file: 'overlay-unread-16.png', container: 'png', images: [overlayGlyph(16)] });
  assets.push({ file: 'overlay-unread-32.png', container: 'png', images: [overlayGlyph(32)] });
  return assets;
}
