// Browser runtime. The desktop's requests: quitting to install a downloaded update.
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';

/** Never rejects: when main refuses (`conflict`: nothing ready), its next `update` event says where things stand. */
export async function restartToUpdate(): Promise<void> {
  try {
    await messenger().restartToUpdate();
  } catch (error) {
    reportUnlessAnswered('restarting to update', error);
  }
}
