// Browser runtime, but pure. Files in the composer's preview strip (per chat), download
// progress per file id, and the image the viewer shows.
import type { FileProgress, StagedFile } from '../../main/ipc/files-contract.js';

/** One item of the preview strip: being copied into the profile, ready to send, or refused. */
export interface StagedItem {
  /** The renderer's own key: the staged id is not known until beginFile answers. */
  key: string;
  name: string;
  size: number;
  state: 'staging' | 'ready' | 'failed';
  file: StagedFile | null;
  /** Why it was refused (an error code). */
  failure: string | null;
}

export interface ImageInView {
  who: number;
  /** The file id of the image shown. */
  id: string;
}

export interface FilesState {
  staged: Record<number, StagedItem[]>;
  /** Per chat: more files were offered than a message may carry. */
  tooMany: Record<number, true>;
  progress: Record<string, FileProgress>;
  viewer: ImageInView | null;
  /** The user's own messages still uploading: each file's staged copy the page can show, by clientId. */
  sending: Record<string, Array<string | null>>;
}

export const initialFiles: FilesState = { staged: {}, tooMany: {}, progress: {}, viewer: null, sending: {} };

export function stagedOf(files: FilesState, who: number): StagedItem[] {
  return files.staged[who] ?? noneStaged;
}
const noneStaged: StagedItem[] = [];

export function withStaged(files: FilesState, who: number, items: StagedItem[]): FilesState {
  const staged = { ...files.staged };
  if (items.length === 0) delete staged[who];
  else staged[who] = items;
  return { ...files, staged };
}

export function withItemChanged(files: FilesState, who: number, key: string, change: Partial<StagedItem>): FilesState {
  const items = stagedOf(files, who);
  if (!items.some((item) => item.key === key)) return files;
  return withStaged(
    files,
    who,
    items.map((item) => (item.key === key ? { ...item, ...change } : item)),
  );
}

export function withTooMany(files: FilesState, who: number, tooMany: boolean): FilesState {
  if (Boolean(files.tooMany[who]) === tooMany) return files;
  const next = { ...files.tooMany };
  if (tooMany) next[who] = true;
  else delete next[who];
  return { ...files, tooMany: next };
}

/** Finished downloads are forgotten: the bubble then shows no progress. */
export function withProgress(files: FilesState, progress: FileProgress): FilesState {
  const next = { ...files.progress };
  if (progress.received >= progress.total) delete next[progress.id];
  else next[progress.id] = progress;
  return { ...files, progress: next };
}

/** Stored messages show their stored files: their staged copies are forgotten. */
export function withUploadsDone(
  files: FilesState,
  messages: ReadonlyArray<{ clientId: string; state: string }>,
): FilesState {
  const done = messages.filter((message) => message.state === 'sent' && message.clientId in files.sending);
  if (done.length === 0) return files;
  const sending = { ...files.sending };
  for (const message of done) delete sending[message.clientId];
  return { ...files, sending };
}
