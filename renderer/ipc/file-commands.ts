// Browser runtime. What the user does with files: add them to the preview strip, remove them,
// send them with a caption, open, save, cancel an upload, and change their photo.
import type { ChatAttachment, FileInput, StagedFile } from '../../main/ipc/files-contract.js';
import { limits } from '../../main/ipc/rules.js';
import { errorCode } from '../format/failure-text.js';
import { stageFile } from '../files/stage-file.js';
import * as act from '../store/actions.js';
import * as files from '../store/file-actions.js';
import { stagedOf, type StagedItem } from '../store/files-slice.js';
import { appStore } from '../store/store.js';
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';

const state = () => appStore.getState();
let nextKey = 0;

/** Adds files to `who`'s preview strip, up to what a message may carry; each is staged at once. */
export async function addFiles(who: number, picked: ReadonlyArray<{ blob: Blob; name: string }>): Promise<void> {
  const room = Math.max(0, limits.attachmentsMax - stagedOf(state().files, who).length);
  const taken = picked.slice(0, room);
  const items: StagedItem[] = taken.map(({ blob, name }) => ({
    key: `staged-${++nextKey}`,
    name,
    size: blob.size,
    state: 'staging',
    file: null,
    failure: null,
  }));
  files.stagingStarted(who, items, picked.length > room);
  await Promise.all(
    items.map(async (item, index) => {
      try {
        const file = await stageFile(messenger(), taken[index]!.blob, item.name);
        // Removed while it was being copied: main need not keep it.
        if (stagedOf(state().files, who).some((kept) => kept.key === item.key))
          files.stagingFinished(who, item.key, file);
        else await dropStaged(file);
      } catch (error) {
        reportUnlessAnswered('adding a file', error);
        files.stagingFailed(who, item.key, errorCode(error));
      }
    }),
  );
}

async function dropStaged(file: StagedFile): Promise<void> {
  await messenger()
    .dropFile({ stagedId: file.stagedId })
    // The staged copy goes with the session's other leftovers. Main logged anything unexpected.
    .catch((error: unknown) => reportUnlessAnswered('removing a file', error));
}

export async function removeStaged(who: number, key: string): Promise<void> {
  const item = stagedOf(state().files, who).find((staged) => staged.key === key);
  files.stagedRemoved(who, key);
  if (item?.file) await dropStaged(item.file);
}

/** Whether `who`'s strip holds files and all of them are ready to go. */
export function stagedReady(items: readonly StagedItem[]): boolean {
  return items.length > 0 && items.every((item) => item.state === 'ready');
}

/** Sends the strip's files with `caption` (possibly empty) as one message. */
export async function sendWithFiles(who: number, caption: string): Promise<void> {
  const items = stagedOf(state().files, who);
  if (!stagedReady(items)) return;
  const attachments = items.map((item) => ({ stagedId: item.file!.stagedId }));
  act.draftChanged(who, '');
  files.stagedReplaced(who, []);
  try {
    const message = await messenger().send({ to: who, content: caption, attachments });
    files.sendingShown(
      message.clientId,
      items.map((item) => item.file!.url),
    );
    act.messagesArrived(who, [message]);
  } catch (error) {
    reportUnlessAnswered('sending files', error);
    // Nothing was queued: give the files and the caption back rather than lose them.
    files.stagedReplaced(who, [...items, ...stagedOf(state().files, who)]);
    if (!state().ui.drafts[who]) act.draftChanged(who, caption);
    act.chatFailed(errorCode(error));
  }
}

/** What main needs to find a stored attachment; null while its upload has not finished. */
export function fileInput(attachment: ChatAttachment): FileInput | null {
  if (attachment.id === null) return null;
  const { id, sha256, name, size, mime } = attachment;
  return { id, sha256, name, size, mime };
}

/** Resolves with the error code when it fails, or null. */
export async function openAttachment(input: FileInput): Promise<string | null> {
  try {
    await messenger().openFile(input);
    return null;
  } catch (error) {
    reportUnlessAnswered('opening a file', error);
    return errorCode(error);
  }
}

/** Save as…: where it went (null: cancelled), or the error code. */
export async function saveAttachment(input: FileInput): Promise<{ savedTo: string | null } | { failure: string }> {
  try {
    const saved = await messenger().saveFile(input);
    return { savedTo: saved?.savedTo ?? null };
  } catch (error) {
    reportUnlessAnswered('saving a file', error);
    return { failure: errorCode(error) };
  }
}

/** Stops a message still uploading: it is never sent, and leaves the chat. The error code, or null. */
export async function cancelUpload(who: number, clientId: string): Promise<string | null> {
  try {
    await messenger().cancelSend({ clientId });
    act.messageDiscarded(who, clientId);
    return null;
  } catch (error) {
    reportUnlessAnswered('cancelling an upload', error);
    return errorCode(error);
  }
}
