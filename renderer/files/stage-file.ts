// Browser runtime. A picked, pasted or dropped file handed to main: beginFile, then appendFile
// pieces of at most fileLimits.pieceBytes (base64), then finishFile. A failure part-way drops
// what main had kept, so nothing half-copied stays in the profile.
import { fileLimits, type FileRequests, type StagedFile } from '../../main/ipc/files-contract.js';
import { reportUnlessAnswered } from '../ipc/problems.js';

type Staging = Pick<FileRequests, 'beginFile' | 'appendFile' | 'finishFile' | 'dropFile'>;

/** `blob`'s bytes as base64 (FileReader does it natively, without a string per byte). */
export function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // readAsDataURL always yields a string.
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export async function stageFile(api: Staging, blob: Blob, name: string): Promise<StagedFile> {
  const { stagedId } = await api.beginFile({ name, size: blob.size });
  try {
    for (let start = 0; start < blob.size; start += fileLimits.pieceBytes) {
      const data = await base64Of(blob.slice(start, start + fileLimits.pieceBytes));
      await api.appendFile({ stagedId, data });
    }
    return await api.finishFile({ stagedId });
  } catch (error) {
    // The staged copy then goes with the session's other leftovers. Main logged anything unexpected.
    await api.dropFile({ stagedId }).catch((dropError: unknown) => reportUnlessAnswered('dropping a file', dropError));
    throw error;
  }
}

/** A pasted image has no useful name ("image.png"): one saying when, in the user's words. */
export function pastedName(file: File, label: (when: string) => string, now = new Date()): string {
  if (file.name !== '' && file.name !== 'image.png') return file.name;
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}.${pad(now.getSeconds())}`;
  const extension = file.type.startsWith('image/') ? file.type.slice('image/'.length).replace('jpeg', 'jpg') : 'bin';
  return `${label(when)}.${extension}`;
}
