// Browser runtime (Vitest's Chromium). Files for renderer tests: real images drawn on a canvas,
// a fake main that stages what it is handed (keeping every piece), and attachments as the core
// shows them.
import type { ChatAttachment, StagedFile } from '../../../main/ipc/files-contract.js';
import type { FakeApi } from '../ipc/fake-api.js';

/** A PNG of `width` × `height` pixels, half red and half blue. */
export async function pngBlob(width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#d33';
  context.fillRect(0, 0, width / 2, height);
  context.fillStyle = '#33d';
  context.fillRect(width / 2, 0, width / 2, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}

export async function pngDataUrl(width: number, height: number): Promise<string> {
  const blob = await pngBlob(width, height);
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsDataURL(blob);
  });
}

/** What main was handed for each staged file: its name and its bytes, piece by piece. */
export interface StagedByMain {
  name: string;
  size: number;
  pieces: Uint8Array[];
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Main stages every file it is handed; `mimeOf` says what it sniffed (default from the name). */
export function stagesFiles(
  fake: FakeApi,
  mimeOf: (name: string) => string = (name) => (name.endsWith('.png') ? 'image/png' : 'application/pdf'),
): Map<string, StagedByMain> {
  const staged = new Map<string, StagedByMain>();
  fake.answer('beginFile', ({ name, size }) => {
    const stagedId = `staged-${staged.size + 1}`;
    staged.set(stagedId, { name, size, pieces: [] });
    return { stagedId };
  });
  fake.answer('appendFile', ({ stagedId, data }) => {
    staged.get(stagedId)!.pieces.push(decode(data));
  });
  fake.answer('finishFile', ({ stagedId }): StagedFile => {
    const { name, size } = staged.get(stagedId)!;
    const mime = mimeOf(name);
    return { stagedId, name, size, mime, sha256: stagedId.padEnd(64, '0'), url: null };
  });
  return staged;
}

export function attachment(id: string, fields: Partial<ChatAttachment> = {}): ChatAttachment {
  return {
    id,
    name: `${id}.png`,
    size: 12_345,
    mime: 'image/png',
    sha256: id.padEnd(64, 'a'),
    width: 800,
    height: 600,
    ...fields,
  };
}

/** Hands `files` to a file input as if the user picked them. */
export function pick(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function transferOf(files: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}
