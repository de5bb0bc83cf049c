// Node runtime. The unsent text of each chat of one signed-in user, kept in their folder so the
// composer shows it again after a restart; gone once the message is sent or the text is cleared.
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { openJsonDoc, type JsonDoc } from '../storage/json-doc.js';

const draftsFile = z.object({
  version: z.literal(1),
  /** By the peer's id. */
  drafts: z.record(z.string().regex(/^[1-9]\d*$/), z.string()),
});
type DraftsFile = z.infer<typeof draftsFile>;

export class Drafts {
  private constructor(private readonly doc: JsonDoc<DraftsFile>) {}

  static async open(dir: string, logger: Logger): Promise<Drafts> {
    const doc = await openJsonDoc(
      path.join(dir, 'drafts.json'),
      draftsFile,
      (): DraftsFile => ({ version: 1, drafts: {} }),
      {
        kind: 'drafts',
        logger,
      },
    );
    return new Drafts(doc);
  }

  get all(): Record<number, string> {
    return Object.fromEntries(Object.entries(this.doc.data.drafts).map(([who, text]) => [Number(who), text]));
  }

  /** '' removes the chat's draft. */
  async save(who: number, text: string): Promise<void> {
    const key = String(who);
    if ((this.doc.data.drafts[key] ?? '') === text) return;
    await this.doc.update((file) => {
      const { [key]: _old, ...others } = file.drafts;
      return { ...file, drafts: text === '' ? others : { ...others, [key]: text } };
    });
  }
}
