// Browser runtime. The plain actions about files: the preview strip, download progress and
// the image viewer (file commands and the fileProgress event call these).
import type { FileProgress, StagedFile } from '../../main/ipc/files-contract.js';
import {
  stagedOf,
  withItemChanged,
  withProgress,
  withStaged,
  withTooMany,
  type ImageInView,
  type StagedItem,
} from './files-slice.js';
import { appStore } from './store.js';

const { setState } = appStore;

export function stagingStarted(who: number, items: StagedItem[], tooMany: boolean): void {
  setState((state) => ({
    files: withTooMany(withStaged(state.files, who, [...stagedOf(state.files, who), ...items]), who, tooMany),
  }));
}

export function stagingFinished(who: number, key: string, file: StagedFile): void {
  setState((state) => ({ files: withItemChanged(state.files, who, key, { state: 'ready', file, name: file.name }) }));
}

export function stagingFailed(who: number, key: string, failure: string): void {
  setState((state) => ({ files: withItemChanged(state.files, who, key, { state: 'failed', failure }) }));
}

export function stagedRemoved(who: number, key: string): void {
  setState((state) => ({
    files: withTooMany(
      withStaged(
        state.files,
        who,
        stagedOf(state.files, who).filter((item) => item.key !== key),
      ),
      who,
      false,
    ),
  }));
}

/** The strip's files went out with a message (or the send gave them back: `items`). */
export function stagedReplaced(who: number, items: StagedItem[]): void {
  setState((state) => ({ files: withTooMany(withStaged(state.files, who, items), who, false) }));
}

export function fileProgressed(progress: FileProgress): void {
  setState((state) => ({ files: withProgress(state.files, progress) }));
}

export function viewerShown(image: ImageInView | null): void {
  setState((state) => ({ files: { ...state.files, viewer: image } }));
}

/** The staged copies of a message's files, shown in its image bubbles until the upload is done. */
export function sendingShown(clientId: string, urls: Array<string | null>): void {
  setState((state) => ({ files: { ...state.files, sending: { ...state.files.sending, [clientId]: urls } } }));
}
