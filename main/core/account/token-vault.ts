// Where the session token is kept between runs. The token signs the user in, so it is
// never logged, the file is readable by its owner only, and it is encrypted by the OS
// (Electron's safeStorage) whenever that is available.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface TokenVault {
  /** The saved token, or null when there is none or it cannot be read. */
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  clear(): Promise<void>;
}

/** The shape of Electron's safeStorage, so the core stays free of Electron. */
export interface TokenEncryption {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
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
export function plainFileVault(file: string): TokenVault {
  return {
    async load() {
      const saved = await readVaultFile(file);
      return saved?.kind === 'plain' ? saved.token : null;
    },
    save: (token) => writeVaultFile(file, { version: 1, kind: 'plain', token }),
    clear: () => fs.rm(file, { force: true }),
  };
}

/**
 * The token encrypted with `encryption` (Electron's safeStorage). When the OS cannot
 * encrypt — Linux with no secret service, before the app is ready, a locked keyring — it
 * is kept as in plainFileVault instead: refusing would sign the user out on every start,
 * and the file is still readable by its owner only. The next save encrypts it if it can.
 */
export function encryptedVault(file: string, encryption: TokenEncryption): TokenVault {
  const plain = plainFileVault(file);
  return {
    async load() {
      const saved = await readVaultFile(file);
      if (saved?.kind === 'plain') return saved.token;
      if (!saved || !encryption.isEncryptionAvailable()) return null;
      try {
        const token = encryption.decryptString(Buffer.from(saved.data, 'base64'));
        return token || null;
      } catch {
        // Encrypted under another OS user or a lost keyring key: the user signs in again.
        return null;
      }
    },
    async save(token) {
      const data = encryptOrNull(encryption, token);
      if (data === null) return plain.save(token);
      await writeVaultFile(file, { version: 1, kind: 'encrypted', data });
    },
    clear: () => plain.clear(),
  };
}

/** Base64 of the encrypted token, or null when the OS cannot encrypt right now (e.g. a locked keyring). */
function encryptOrNull(encryption: TokenEncryption, token: string): string | null {
  if (!encryption.isEncryptionAvailable()) return null;
  try {
    return encryption.encryptString(token).toString('base64');
  } catch {
    return null;
  }
}

async function readVaultFile(file: string): Promise<VaultFile | null> {
  try {
    const parsed = vaultFile.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Missing, unreadable or corrupt all mean the same to the user: sign in again.
    return null;
  }
}

/** Writes to a temporary file and renames it over the old one, so a crash leaves one or the other whole. */
async function writeVaultFile(file: string, contents: VaultFile): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(contents));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
