// Browser runtime. Image bubbles show a small copy made here: the full image drawn on a canvas
// at most `thumbnailSide` px wide and tall, kept as a data: URL (the CSP allows img-src data:)
// in a small LRU, so scrolling back does not decode the full image again.

export const thumbnailSide = 320;
const keptMax = 200;

const kept = new Map<string, string>();
const making = new Map<string, Promise<string>>();

/** The thumbnail of the image with this content hash, if one was made this session. */
export function keptThumbnail(sha256: string): string | undefined {
  const url = kept.get(sha256);
  if (url !== undefined) {
    // Most recently used last: the first key is the one to forget.
    kept.delete(sha256);
    kept.set(sha256, url);
  }
  return url;
}

function keep(sha256: string, url: string): void {
  kept.set(sha256, url);
  while (kept.size > keptMax) kept.delete(kept.keys().next().value!);
}

/** Draws the image at `source` within thumbnailSide × thumbnailSide (never enlarged). */
export async function drawThumbnail(source: string): Promise<string> {
  const image = new Image();
  image.src = source;
  await image.decode();
  const scale = Math.min(1, thumbnailSide / Math.max(image.naturalWidth, image.naturalHeight, 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas to draw a thumbnail on.');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/webp', 0.85);
}

/** The thumbnail for `sha256`, made once from the URL `source()` resolves with. */
export function thumbnail(sha256: string, source: () => Promise<string>): Promise<string> {
  const ready = keptThumbnail(sha256);
  if (ready !== undefined) return Promise.resolve(ready);
  let pending = making.get(sha256);
  if (!pending) {
    pending = source()
      .then(drawThumbnail)
      .then((url) => {
        keep(sha256, url);
        return url;
      })
      .finally(() => making.delete(sha256));
    making.set(sha256, pending);
  }
  return pending;
}

/** Tests start from an empty cache. */
export function forgetThumbnails(): void {
  kept.clear();
}
