// Browser runtime. The user's own photo (Settings → Account): an image staged like an
// attachment, then made the avatar; or removed. The user:updated that follows shows it.
import { errorCode } from '../format/failure-text.js';
import { stageFile } from '../files/stage-file.js';
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';

/** Resolves with the error code when it fails, or null. */
export async function changePhoto(blob: Blob, name: string): Promise<string | null> {
  try {
    const staged = await stageFile(messenger(), blob, name);
    await messenger().setAvatar({ stagedId: staged.stagedId });
    return null;
  } catch (error) {
    reportUnlessAnswered('changing the photo', error);
    return errorCode(error);
  }
}

export async function removePhoto(): Promise<string | null> {
  try {
    await messenger().removeAvatar();
    return null;
  } catch (error) {
    reportUnlessAnswered('removing the photo', error);
    return errorCode(error);
  }
}
