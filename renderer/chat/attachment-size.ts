// Browser runtime, but pure. How much room a message's files take: an image bubble's box has
// the image's proportions before anything loads, and the list's first guess of a row's height
// counts the files, so neither moves the reader's place when they load.
import type { CSSProperties } from 'react';
import type { ChatAttachment } from '../../main/ipc/files-contract.js';
import { isInlineImage } from '../format/file-kind.js';

/** The longest side of an image bubble, in CSS pixels. */
export const imageBubbleSide = 240;
const imageBubbleMin = 64;
/** A file bubble with its buttons (files.css), and the gap between files. */
const fileBubbleHeight = 84;
const gap = 6;

function imageSize(width?: number, height?: number): { width: number; height: number } {
  if (!width || !height) return { width: imageBubbleSide, height: (imageBubbleSide * 3) / 4 };
  const scale = Math.min(1, imageBubbleSide / width, imageBubbleSide / height);
  const shownWidth = Math.max(imageBubbleMin, Math.round(width * scale));
  return { width: shownWidth, height: (shownWidth * height) / width };
}

/** The bubble's box: the image's proportions, at most imageBubbleSide either way, never enlarged. */
export function imageBox(width?: number, height?: number): CSSProperties {
  const size = imageSize(width, height);
  return { width: size.width, aspectRatio: width && height ? `${width} / ${height}` : '4 / 3' };
}

/** The files' share of a message row's height, before it is measured. */
export function attachmentsHeight(attachments: readonly ChatAttachment[] | undefined): number {
  let total = 0;
  for (const attachment of attachments ?? [])
    total +=
      gap + (isInlineImage(attachment.mime) ? imageSize(attachment.width, attachment.height).height : fileBubbleHeight);
  return total;
}
