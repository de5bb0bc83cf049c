// The room a message's files take before anything loads: image boxes keep the image's
// proportions within 240 px, and the list's first guess of a row counts every file.
import { describe, expect, it } from 'vitest';
import { attachmentsHeight, imageBox } from '../../../renderer/chat/attachment-size.js';

const image = (width?: number, height?: number) => ({
  id: 'i',
  name: 'i.png',
  size: 1,
  mime: 'image/png',
  sha256: 'a'.repeat(64),
  ...(width ? { width } : {}),
  ...(height ? { height } : {}),
});

describe('image boxes', () => {
  it('fit within 240 px with the image’s proportions, never enlarged', () => {
    expect(imageBox(1200, 600)).toEqual({ width: 240, aspectRatio: '1200 / 600' });
    expect(imageBox(600, 1200)).toEqual({ width: 120, aspectRatio: '600 / 1200' });
    expect(imageBox(100, 150)).toEqual({ width: 100, aspectRatio: '100 / 150' });
    // A very tall sliver keeps a width that can still be clicked.
    expect(imageBox(10, 2000).width).toBe(64);
  });

  it('are 4:3 when the server could not tell the size', () => {
    expect(imageBox()).toEqual({ width: 240, aspectRatio: '4 / 3' });
  });
});

describe('a row’s first guess', () => {
  it('adds each image’s box and each file bubble', () => {
    expect(attachmentsHeight(undefined)).toBe(0);
    expect(attachmentsHeight([image(1200, 600)])).toBe(6 + 120);
    expect(attachmentsHeight([image(1200, 600), { ...image(), mime: 'application/pdf' }])).toBe(6 + 120 + 6 + 84);
  });
});
