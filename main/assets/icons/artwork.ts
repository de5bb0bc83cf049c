// Build time (Node): the app icon as SVG — a green tile with two white speech bubbles, the
// front one with eyes, in the style of WeChat. generate.ts rasterizes it at every size.

/** Where the tile sits on the 1024-unit canvas, per platform convention. */
export type IconGrid =
  /** Windows and Linux: the tile almost fills the canvas. */
  | 'full'
  /** 16-32 px: edge to edge, every pixel counts. */
  | 'edge'
  /** macOS: the 824-unit tile of Apple's icon grid, with its drop shadow. */
  | 'mac';

/** Small sizes get one bigger bubble: two bubbles and four eyes turn to mush below 48 px. */
export type IconDetail = 'full' | 'small';

export interface IconArtwork {
  grid: IconGrid;
  detail: IconDetail;
}

/** Artwork for Windows and Linux at `size` px: one bubble below 48 px. */
export function flatArtwork(size: number): IconArtwork {
  return size <= 32 ? { grid: 'edge', detail: 'small' } : { grid: 'full', detail: 'full' };
}

/** macOS draws every size on Apple's grid; the smallest get the simple bubble too. */
export function macArtwork(size: number): IconArtwork {
  return { grid: 'mac', detail: size <= 32 ? 'small' : 'full' };
}

const canvas = 1024;
const tiles: Record<IconGrid, { inset: number; radius: number; shadow: boolean }> = {
  full: { inset: 48, radius: 208, shadow: false },
  edge: { inset: 0, radius: 184, shadow: false },
  mac: { inset: 100, radius: 185, shadow: true },
};

const green = { top: '#2BD26C', bottom: '#06A851', eyes: '#0B6E37' };

/** The bubbles in tile units (0-1000), so every grid scales the same drawing. */
function bubbles(detail: IconDetail): string {
  if (detail === 'small') {
    return [
      '<ellipse cx="500" cy="455" rx="372" ry="318" fill="#fff"/>',
      '<path d="M300 690 Q272 800 168 862 Q334 852 440 768 Z" fill="#fff"/>',
      `<circle cx="374" cy="432" r="64" fill="${green.eyes}"/>`,
      `<circle cx="626" cy="432" r="64" fill="${green.eyes}"/>`,
    ].join('');
  }
  return [
    // The back bubble, lower right, tail to the right.
    '<ellipse cx="660" cy="624" rx="228" ry="192" fill="#fff"/>',
    '<path d="M796 766 Q820 826 878 856 Q786 852 724 806 Z" fill="#fff"/>',
    `<circle cx="684" cy="598" r="30" fill="${green.eyes}"/>`,
    `<circle cx="798" cy="598" r="30" fill="${green.eyes}"/>`,
    // The front bubble; its outline in the tile's own gradient cuts it out of the back one.
    '<g stroke="url(#tile)" stroke-width="30" paint-order="stroke">',
    '<ellipse cx="404" cy="428" rx="286" ry="240" fill="#fff"/>',
    '</g>',
    '<path d="M252 604 Q228 690 156 732 Q276 722 350 652 Z" fill="#fff"/>',
    `<circle cx="308" cy="388" r="38" fill="${green.eyes}"/>`,
    `<circle cx="500" cy="388" r="38" fill="${green.eyes}"/>`,
  ].join('');
}

/** The icon as a standalone SVG document, drawn at `size` pixels. */
export function appIconSvg({ grid, detail }: IconArtwork, size = canvas): string {
  const { inset, radius, shadow } = tiles[grid];
  const side = canvas - 2 * inset;
  const scale = side / 1000;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${canvas} ${canvas}">`,
    '<defs>',
    // userSpaceOnUse in tile units: the front bubble's outline matches the tile behind it.
    `<linearGradient id="tile" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="0" y2="1000">`,
    `<stop offset="0" stop-color="${green.top}"/><stop offset="1" stop-color="${green.bottom}"/>`,
    '</linearGradient>',
    '<filter id="shadow" x="-10%" y="-10%" width="120%" height="130%">',
    '<feDropShadow dx="0" dy="12" stdDeviation="14" flood-color="#000" flood-opacity="0.3"/>',
    '</filter>',
    '</defs>',
    `<g transform="translate(${inset} ${inset}) scale(${scale})">`,
    `<rect width="1000" height="1000" rx="${(radius / scale).toFixed(1)}" fill="url(#tile)"${shadow ? ' filter="url(#shadow)"' : ''}/>`,
    bubbles(detail),
    '</g>',
    '</svg>',
  ].join('');
}
