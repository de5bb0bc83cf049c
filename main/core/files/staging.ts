// Node runtime. Files the user picked, pasted or dropped, copied piece by piece into the
// profile's `outgoing/` folder until they are sent or dropped. Nothing staged outlives the
// session: the folder is emptied at sign-out and at the next start.
import { randomUUID } from 'node:crypto';
import { open, rm, mkdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileLimits, type StagedFile } from '../../ipc/files-contract.js';
import { failure } from '../failure.js';
import type { Logger } from '../log/logger.js';
import { privateDirMode, privateFileMode } from '../storage/durable-write.js';
import { isInlineImage } from '../../../protocol/attachments.js';
import { describeFile, fileUrlPath } from './file-facts.js';

interface Staging {
  name: string;
  size: number;
  written: number;
  file: string;
  handle: FileHandle | null;
  /** Set once finished: what the preview strip shows. */
  staged: StagedFile | null;
  /** Appends to one file run one after another. */
  turn: Promise<void>;
  /** Being handed to a send: not available to another until it is given back. */
  taken?: boolean;
}

/** A finished staged file and where its bytes are. */
export interface StagedCopy {
  file: string;
  staged: StagedFile;
}

export class StagedFiles {
  private readonly files = new Map<string, Staging>();

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  /** Empties what an earlier run left staged. */
  static async open(dir: string, logger: Logger): Promise<StagedFiles> {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true, mode: privateDirMode });
    return new StagedFiles(dir, logger);
  }

  async begin(name: string, size: number, maxBytes: number): Promise<{ stagedId: string }> {
    if (size > maxBytes) {
      throw failure('too_large', `The file is larger than this server accepts (${Math.floor(maxBytes / 1048576)} MB).`);
    }
    if (this.files.size >= fileLimits.stagedMax) {
      throw failure('conflict', `At most ${fileLimits.stagedMax} files can wait to be sent at once.`);
    }
    const stagedId = randomUUID();
    const file = path.join(this.dir, stagedId);
    const handle = await open(file, 'wx', privateFileMode);
    this.files.set(stagedId, { name, size, written: 0, file, handle, staged: null, turn: Promise.resolve() });
    return { stagedId };
  }

  append(stagedId: string, data: Buffer): Promise<void> {
    const staging = this.unfinished(stagedId);
    const write = async () => {
      if (!staging.handle) throw notStaged();
      if (staging.written + data.length > staging.size) {
        throw failure('bad_request', 'The file is longer than the size given when it was begun.');
      }
      await staging.handle.write(data);
      staging.written += data.length;
    };
    const run = staging.turn.then(write);
    staging.turn = run.catch(() => undefined);
    return run;
  }

  async finish(stagedId: string): Promise<StagedFile> {
    const staging = this.unfinished(stagedId);
    await staging.turn;
    if (staging.written !== staging.size) {
      throw failure('bad_request', `Only ${staging.written} of the file's ${staging.size} bytes arrived.`);
    }
    await staging.handle?.close();
    staging.handle = null;
    const facts = await describeFile(staging.file);
    const staged: StagedFile = {
      stagedId,
      name: staging.name,
      size: staging.size,
      ...facts,
      url: isInlineImage(facts.mime) ? fileUrlPath(facts.sha256) : null,
    };
    staging.staged = staged;
    return staged;
  }

  async drop(stagedId: string): Promise<void> {
    const staging = this.files.get(stagedId);
    if (!staging) throw notStaged();
    this.files.delete(stagedId);
    await staging.handle?.close().catch((error: unknown) => this.logger.caught('closing a staged file', error));
    await rm(staging.file, { force: true });
  }

  /** A finished file, for sending or for the avatar. */
  finished(stagedId: string): StagedCopy {
    const staging = this.files.get(stagedId);
    if (!staging?.staged) throw failure('not_found', 'That file is no longer waiting to be sent; add it again.');
    return { file: staging.file, staged: staging.staged };
  }

  /**
   * Sets finished files aside for one send, all or none: a second send naming one of them (or a
   * send naming one twice) is refused until they are given back or released.
   */
  take(stagedIds: string[]): StagedCopy[] {
    if (new Set(stagedIds).size !== stagedIds.length) throw failure('bad_request', 'A file is named twice.');
    const copies = stagedIds.map((stagedId) => {
      if (this.files.get(stagedId)?.taken) throw failure('conflict', 'That file is already being sent.');
      return this.finished(stagedId);
    });
    for (const stagedId of stagedIds) this.files.get(stagedId)!.taken = true;
    return copies;
  }

  /** The send did not take them: they wait in the preview strip again. */
  giveBack(stagedIds: string[]): void {
    for (const stagedId of stagedIds) {
      const staging = this.files.get(stagedId);
      if (staging) staging.taken = false;
    }
  }

  /** Hands a finished file over (to the outbox): it is no longer staged, and its bytes are the taker's. */
  release(stagedId: string): void {
    this.files.delete(stagedId);
  }

  /** A finished staged image with this hash, for the page to show. */
  image(sha256: string): StagedCopy | null {
    for (const { file, staged } of this.files.values()) {
      if (staged?.sha256 === sha256 && staged.url !== null) return { file, staged };
    }
    return null;
  }

  /** Sign-out: everything staged goes. */
  async clear(): Promise<void> {
    for (const stagedId of [...this.files.keys()]) await this.drop(stagedId);
  }

  private unfinished(stagedId: string): Staging {
    const staging = this.files.get(stagedId);
    if (!staging || staging.staged) throw notStaged();
    return staging;
  }
}

function notStaged() {
  return failure('not_found', 'That file is not being added (it was finished, dropped, or never begun).');
}
