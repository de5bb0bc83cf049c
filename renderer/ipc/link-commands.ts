// Browser runtime. A link in a message opens in the system's browser (or mail app), never in
// the app window: main checks the link again and hands it to the shell.
import { messenger } from './api.js';
import { reportUnlessAnswered } from './problems.js';

export async function openLink(url: string): Promise<void> {
  try {
    await messenger().openLink({ url });
  } catch (error) {
    reportUnlessAnswered('opening a link', error);
  }
}
