// Node runtime. The log on disk: lines appended to one file, readable by its owner only,
// which rotates when it reaches its size cap (messenger.log → messenger.1.log → …), so the
// log never takes more than (keep + 1) × maxBytes. Writes are synchronous: the lines
// written just before a crash are the ones that explain it.
import fs from 'node:fs';
import path from 'node:path';

export interface LogFileOptions {
  /** Bytes one file may hold before it rotates (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 2). */
  keep?: number;
}

/** One file's cap and how many rotated files are kept, unless a caller asks otherwise. */
export const logFileDefaults = { maxBytes: 1024 * 1024, keep: 2 } as const;

export class LogFile {
  readonly #maxBytes: number;
  readonly #keep: number;
  #fd: number | null = null;
  #size = 0;
  /** Set once the disk refused a write: logging must never take the app down. */
  #broken = false;

  constructor(
    readonly file: string,
    options: LogFileOptions = {},
  ) {
    this.#maxBytes = options.maxBytes ?? logFileDefaults.maxBytes;
    this.#keep = options.keep ?? logFileDefaults.keep;
  }

  write(line: string): void {
    if (this.#broken) return;
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      if (this.#fd === null) this.#open();
      if (this.#size > 0 && this.#size + bytes.length > this.#maxBytes) this.#rotate();
      fs.writeSync(this.#fd!, bytes);
      this.#size += bytes.length;
    } catch {
      this.#broken = true;
      this.close();
    }
  }

  close(): void {
    if (this.#fd === null) return;
    try {
      fs.closeSync(this.#fd);
    } catch {
      // Already gone: nothing left to flush.
    }
    this.#fd = null;
  }

  /** The rotated file `n` (1 is the newest). */
  rotated(n: number): string {
    const { dir, name, ext } = path.parse(this.file);
    return path.join(dir, `${name}.${n}${ext}`);
  }

  #open(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    this.#fd = fs.openSync(this.file, 'a', 0o600);
    this.#size = fs.fstatSync(this.#fd).size;
  }

  #rotate(): void {
    this.close();
    fs.rmSync(this.rotated(this.#keep), { force: true });
    for (let n = this.#keep - 1; n >= 1; n--) {
      if (fs.existsSync(this.rotated(n))) fs.renameSync(this.rotated(n), this.rotated(n + 1));
    }
    if (this.#keep > 0) fs.renameSync(this.file, this.rotated(1));
    else fs.rmSync(this.file, { force: true });
    this.#open();
  }
}
