// Build time (Node): draws the tray glyph — a speech bubble with three dots — and the red
// "unread" dot, as shapes on a 32-unit grid, sampled 16×16 times per pixel at any size.
import type { RgbaImage } from '../image-files.js';

export type GlyphStyle = 'color' | 'template';

/** A colour with straight alpha: r, g, b in 0-255, a in 0-1. */
type Colour = readonly [number, number, number, number];
/** What covers one point of the design grid, or null for nothing. */
type Paint = (x: number, y: number) => Colour | null;

const grid = 32;
const samplesPerAxis = 16;

const bubbleBlue: Colour = [0x2f, 0x80, 0xed, 1];
const white: Colour = [0xff, 0xff, 0xff, 1];
const unreadRed: Colour = [0xf0, 0x3a, 0x3a, 1];
// macOS template images: only black and alpha, the menu bar tints them for light and dark.
const templateBlack: Colour = [0, 0, 0, 1];

// Centres on pixel corners at 16 and 32 px keep the dots round and sharp there.
const dots = [10, 16, 22].map((x) => ({ x, y: 14, r: 2.25 }));
const unreadDot = { x: 26.5, y: 5.5, r: 5.25 };
// A transparent ring around the unread dot keeps it apart from the bubble at 16 px.
const unreadGap = 1.75;

function inRoundedRect(
  x: number,
  y: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
  radius: number,
): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const dx = Math.max(left + radius - x, 0, x - (right - radius));
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function inCircle(x: number, y: number, circle: { x: number; y: number; r: number }, grow = 0): boolean {
  const r = circle.r + grow;
  return (x - circle.x) ** 2 + (y - circle.y) ** 2 <= r * r;
}

type Point = readonly [number, number];
function inTriangle(x: number, y: number, a: Point, b: Point, c: Point): boolean {
  const side = (p: Point, q: Point) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const ab = side(a, b);
  const bc = side(b, c);
  const ca = side(c, a);
  return (ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0);
}

function inBubble(x: number, y: number): boolean {
  // The tail leaves the bottom left of the body and points down-left.
  return inRoundedRect(x, y, 2, 3, 30, 24, 8) || inTriangle(x, y, [6, 19], [3.5, 29.5], [15, 23]);
}

/** The tray glyph: a filled bubble with three dots; `unread` adds the dot at the top right. */
export function trayGlyph(size: number, style: GlyphStyle, unread: boolean): RgbaImage {
  const body = style === 'color' ? bubbleBlue : templateBlack;
  const dotColour = style === 'color' ? white : null; // template: the dots are holes
  const badge = style === 'color' ? unreadRed : templateBlack;
  return rasterize(size, (x, y) => {
    if (unread && inCircle(x, y, unreadDot)) return badge;
    if (unread && inCircle(x, y, unreadDot, unreadGap)) return null;
    if (!inBubble(x, y)) return null;
    if (dots.some((dot) => inCircle(x, y, dot))) return dotColour;
    return body;
  });
}

/** Windows' taskbar overlay: a red dot with a white rim, so it shows on any app icon. */
export function overlayGlyph(size: number): RgbaImage {
  const centre = { x: grid / 2, y: grid / 2, r: 13 };
  return rasterize(size, (x, y) => {
    if (inCircle(x, y, centre)) return unreadRed;
    if (inCircle(x, y, centre, 2.5)) return white;
    return null;
  });
}

/** Box-filtered coverage: each pixel averages samplesPerAxis² points, in premultiplied space. */
function rasterize(size: number, paint: Paint): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const scale = grid / size;
  const count = samplesPerAxis * samplesPerAxis;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const colour = paint((px + (sx + 0.5) / samplesPerAxis) * scale, (py + (sy + 0.5) / samplesPerAxis) * scale);
          if (!colour) continue;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const at = (py * size + px) * 4;
      if (a === 0) continue;
      pixels[at] = Math.round(r / a);
      pixels[at + 1] = Math.round(g / a);
      pixels[at + 2] = Math.round(b / a);
      pixels[at + 3] = Math.round((a / count) * 255);
    }
  }
  return { width: size, height: size, pixels };
}
