// Where the session token is kept between runs. The token signs the user in, so it is
// never logged (nor is any error that could quote it), the file is readable by its owner
// only, and it is encrypted by the OS (Electron's safeStorage) whenever that is available.
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { stderrLogger } from '../log/profile-log.js';
import { writeFileDurably } from '../storage/durable-write.js';

export interface TokenVault {
  /** The saved token, or null when there is none or it cannot be read. */
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
  /** How a save keeps the token now: what Settings tells the user. */
  protection(): TokenProtection;
}

/** `plain`: in a file only its owner can read, and nothing more. */
export type TokenProtection = 'encrypted' | 'plain';

/** The shape of Electron's safeStorage, so the core stays free of Electron. */
export interface TokenEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only: where the key lives. `basic_text` (no keyring found) encrypts with a key built
   * into Chromium, which protects nothing; `unknown` before the app is ready.
   */
  getSelectedStorageBackend?(): string;
}

/** Whether encrypting now really protects the token: on Linux, not with basic_text. */
function protects(encryption: TokenEncryption, platform: NodeJS.Platform): boolean {
  if (!encryption.isEncryptionAvailable()) return false;
  if (platform !== 'linux' || !encryption.getSelectedStorageBackend) return true;
  const backend = encryption.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

const vaultFile = z.discriminatedUnion('kind', [
  z.object({ version: z.literal(1), kind: z.literal('plain'), token: z.string().min(1) }),
  z.object({ version: z.literal(1), kind: z.literal('encrypted'), data: z.base64().min(1) }),
]);
type VaultFile = z.infer<typeof vaultFile>;

/**
 * The token in a JSON file, unencrypted, mode 0600. The fallback for when the OS offers no
 * encryption (the Chromium shell, or Linux without a keyring): like a browser's cookie
 * file, it relies on the user's account permissions alone.
 */
export function plainFileVault(file: string, logger: Logger = stderrLogger): TokenVault {
  return {
    async load() {
      const saved = await readVaultFile(file, logger);
      return saved?.kind === 'plain' ? saved.token : null;
    },
    save: (token) => writeVaultFile(file, { version: 1, kind: 'plain', token }),
    clear: () => fs.rm(file, { force: true }),
    protection: () => 'plain',
  };
}

/**
 * The token encrypted with `encryption` (Electron's safeStorage). When the OS cannot
 * encrypt — Linux with no secret service, before the app is ready, a locked keyring — it
 * is kept as in plainFileVault instead: refusing would sign the user out on every start,
 * and the file is still readable by its owner only. The next save encrypts it if it can.
 */
export function encryptedVault(
  file: string,
  encryption: TokenEncryption,
  logger: Logger = stderrLogger,
  platform: NodeJS.Platform = process.platform,
): TokenVault {
  const plain = plainFileVault(file, logger);
  return {
    async load() {
      const saved = await readVaultFile(file, logger);
      if (saved?.kind === 'plain') return saved.token;
      if (!saved) return null;
      if (!encryption.isEncryptionAvailable()) {
        logger.warn('the saved session is encrypted, but the OS cannot decrypt now: sign in again');
        return null;
      }
      try {
        const token = encryption.decryptString(Buffer.from(saved.data, 'base64'));
        return token || null;
      } catch (error) {
        // Encrypted under another OS user or a lost keyring key: the user signs in again. The
        // error's name only: a decryption error could quote what it was given.
        logger.warn(`the saved session could not be decrypted (${errorName(error)}): sign in again`);
        return null;
      }
    },
    async save(token) {
      const data = encryptOrNull(encryption, token, logger, platform);
      if (data === null) return plain.save(token);
      await writeVaultFile(file, { version: 1, kind: 'encrypted', data });
    },
    clear: () => plain.clear(),
    protection: () => (protects(encryption, platform) ? 'encrypted' : 'plain'),
  };
}

/** Base64 of the encrypted token, or null when the OS cannot encrypt right now (e.g. a locked keyring). */
function encryptOrNull(
  encryption: TokenEncryption,
  token: string,
  logger: Logger,
  platform: NodeJS.Platform,
): string | null {
  const unencrypted = (why: string) => {
    logger.warn(`the OS cannot encrypt the session (${why}): kept in a file only its owner can read`);
    return null;
  };
  if (!encryption.isEncryptionAvailable()) return unencrypted('no keyring');
  if (!protects(encryption, platform))
    return unencrypted(`no keyring, only ${encryption.getSelectedStorageBackend?.()}`);
  try {
    return encryption.encryptString(token).toString('base64');
  } catch (error) {
    return unencrypted(errorName(error));
  }
}

/** Missing, unreadable or corrupt all mean the same to the user: sign in again. */
async function readVaultFile(file: string, logger: Logger): Promise<VaultFile | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') logger.warn(`the saved session file cannot be read (${code ?? errorName(error)})`);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the SyntaxError: V8 quotes the text it failed on, and this text is the token.
    logger.warn('the saved session file is not JSON: sign in again');
    return null;
  }
  const parsed = vaultFile.safeParse(json);
  if (!parsed.success) logger.warn('the saved session file is not in the expected shape: sign in again');
  return parsed.success ? parsed.data : null;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : `thrown ${typeof error}`;
}

/** A crash leaves the old file or the new one, whole and owner-only. */
async function writeVaultFile(file: string, contents: VaultFile): Promise<void> {
  await writeFileDurably(file, JSON.stringify(contents));
}
