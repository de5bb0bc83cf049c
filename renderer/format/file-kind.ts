// Browser runtime, but pure. What kind of file an attachment is, and its size in words.
// Which files are image bubbles (and "[Image]" in the chat list) is the wire's rule.
export { isInlineImage } from '../../main/ipc/rules.js';

export type FileKind = 'image' | 'pdf' | 'text' | 'archive' | 'audio' | 'video' | 'other';

/** Which icon a file bubble shows. */
export function fileKind(mime: string): FileKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('text/')) return 'text';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (/zip|compressed|x-tar|gzip|x-7z|x-rar/u.test(mime)) return 'archive';
  return 'other';
}

const units = ['B', 'KB', 'MB', 'GB'] as const;

/** "980 B", "1.5 KB", "12 MB": one decimal below ten, whole numbers above. */
export function humanSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
  return `${shown} ${units[unit]}`;
}
