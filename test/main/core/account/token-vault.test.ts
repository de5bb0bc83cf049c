// The session token on disk: owner-only files, atomic replacement, encryption when the OS
// offers it, and "signed out" rather than a crash when the file cannot be used.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptedVault, plainFileVault, type TokenEncryption } from '../../../../main/core/account/token-vault.js';
import { tempDir } from '../../../support/server.js';
import { capturedLog, type CapturedLog } from '../log/captured-log.js';

const token = 'tok_3f9a-secret';

/** Stands in for safeStorage: reversible, but the token never appears in the bytes. */
class FakeEncryption implements TokenEncryption {
  available = true;
  /** What safeStorage.getSelectedStorageBackend() answers on Linux. */
  backend = 'gnome_libsecret';
  failDecrypt = false;
  failEncrypt = false;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    if (this.failEncrypt) throw new Error('keyring locked');
    return Buffer.from(`sealed:${Buffer.from(plainText).toString('hex')}`);
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (this.failDecrypt || !text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice('sealed:'.length), 'hex').toString();
  }
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

let dir: string;
let file: string;
let log: CapturedLog;
beforeEach(() => {
  log = capturedLog();
  dir = tempDir();
  file = path.join(dir, 'profile', 'session-token');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('plainFileVault', () => {
  it('reads null before anything is saved', async () => {
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
  });

  it('saves, loads from a fresh vault, and clears', async () => {
    await plainFileVault(file, log.logger).save(token);
    expect(await plainFileVault(file, log.logger).load()).toBe(token);
    await plainFileVault(file, log.logger).clear();
    expect(fs.existsSync(file)).toBe(false);
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
  });

  it('clearing when nothing is saved is not an error', async () => {
    await expect(plainFileVault(file, log.logger).clear()).resolves.toBeUndefined();
  });

  it('writes the file readable and writable by its owner only, even over a looser file', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await plainFileVault(file, log.logger).save(token);
    expect(modeOf(file)).toBe(0o600);
  });

  it('replaces the token whole and leaves no temporary files behind', async () => {
    const vault = plainFileVault(file, log.logger);
    await vault.save(token);
    await vault.save('second-token');
    expect(await vault.load()).toBe('second-token');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['session-token']);
  });

  it.each([
    { case: 'not JSON', contents: 'tok_3f9a-secret\u0000garbage{' },
    { case: 'truncated JSON', contents: '{"version":1,"kind":"plain","tok' },
    { case: 'the wrong shape', contents: '{"version":1,"kind":"plain","token":42}' },
    { case: 'an empty token', contents: '{"version":1,"kind":"plain","token":""}' },
    { case: 'an empty file', contents: '' },
    {
      case: 'an encrypted token, which it cannot read',
      contents: '{"version":1,"kind":"encrypted","data":"c2VhbGVk"}',
    },
  ])('reads a file with $case as null', async ({ contents }) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
  });

  it('says in the log why it read null, never quoting the file, which holds the token', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // V8's SyntaxError for this text would quote the token.
    fs.writeFileSync(file, `{"version":1,"kind":"plain","token":${token}}`);
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
    expect(log.at('warn')).toEqual(['the saved session file is not JSON: sign in again']);
    expect(log.lines.join('\n')).not.toContain('secret');
  });

  it('logs nothing when there is simply no file yet', async () => {
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
    expect(log.lines).toEqual([]);
  });

  it('reads an unreadable path (a folder) as null', async () => {
    fs.mkdirSync(file, { recursive: true });
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
  });
});

describe('encryptedVault', () => {
  it('stores the token encrypted, never in plain text, in an owner-only file', async () => {
    const encryption = new FakeEncryption();
    await encryptedVault(file, encryption, log.logger).save(token);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
    expect(modeOf(file)).toBe(0o600);
    expect(await encryptedVault(file, encryption, log.logger).load()).toBe(token);
    expect(await plainFileVault(file, log.logger).load()).toBeNull();
  });

  it('falls back to the plain file when encryption is unavailable, and encrypts on the next save once it is', async () => {
    const encryption = new FakeEncryption();
    encryption.available = false;
    const vault = encryptedVault(file, encryption, log.logger);
    await vault.save(token);
    expect(await plainFileVault(file, log.logger).load()).toBe(token);
    expect(modeOf(file)).toBe(0o600);
    expect(await vault.load()).toBe(token);

    encryption.available = true;
    expect(await vault.load()).toBe(token);
    await vault.save(token);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
    expect(await vault.load()).toBe(token);
  });

  it('falls back to the plain file when encrypting throws', async () => {
    const encryption = new FakeEncryption();
    encryption.failEncrypt = true;
    await encryptedVault(file, encryption, log.logger).save(token);
    expect(await plainFileVault(file, log.logger).load()).toBe(token);
  });

  it('reads null when decrypting fails', async () => {
    const encryption = new FakeEncryption();
    await encryptedVault(file, encryption, log.logger).save(token);
    encryption.failDecrypt = true;
    expect(await encryptedVault(file, encryption, log.logger).load()).toBeNull();
    expect(log.at('warn')).toEqual(['the saved session could not be decrypted (Error): sign in again']);
  });

  it('reads null when an encrypted token is found but encryption has become unavailable', async () => {
    const encryption = new FakeEncryption();
    await encryptedVault(file, encryption, log.logger).save(token);
    encryption.available = false;
    expect(await encryptedVault(file, encryption, log.logger).load()).toBeNull();
  });

  it('reads a corrupt file as null', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"version":1,"kind":"encrypted","data":"!!not base64!!"}');
    expect(await encryptedVault(file, new FakeEncryption(), log.logger).load()).toBeNull();
    fs.writeFileSync(file, '\u0000\u0001');
    expect(await encryptedVault(file, new FakeEncryption(), log.logger).load()).toBeNull();
  });

  it('clears the file', async () => {
    const vault = encryptedVault(file, new FakeEncryption(), log.logger);
    await vault.save(token);
    await vault.clear();
    expect(fs.existsSync(file)).toBe(false);
    expect(await vault.load()).toBeNull();
  });
});

describe('encryptedVault on Linux without a keyring (safeStorage basic_text)', () => {
  it('treats basic_text as no encryption: an owner-only plain file, said so in the log and by protection()', async () => {
    const encryption = new FakeEncryption();
    encryption.backend = 'basic_text';
    const vault = encryptedVault(file, encryption, log.logger, 'linux');
    expect(vault.protection()).toBe('plain');
    await vault.save(token);
    expect(await plainFileVault(file, log.logger).load()).toBe(token);
    expect(modeOf(file)).toBe(0o600);
    expect(log.at('warn')).toEqual([
      'the OS cannot encrypt the session (no keyring, only basic_text): kept in a file only its owner can read',
    ]);
    expect(await vault.load()).toBe(token);
  });

  it('encrypts with a real keyring, and says so', async () => {
    const encryption = new FakeEncryption();
    const vault = encryptedVault(file, encryption, log.logger, 'linux');
    expect(vault.protection()).toBe('encrypted');
    await vault.save(token);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
  });

  it('still reads a token a basic_text run encrypted earlier', async () => {
    const encryption = new FakeEncryption();
    await encryptedVault(file, encryption, log.logger, 'linux').save(token);
    encryption.backend = 'basic_text';
    expect(await encryptedVault(file, encryption, log.logger, 'linux').load()).toBe(token);
  });

  it('asks for the backend only on Linux: elsewhere an available encryption protects', () => {
    const encryption = new FakeEncryption();
    encryption.backend = 'basic_text';
    expect(encryptedVault(file, encryption, log.logger, 'darwin').protection()).toBe('encrypted');
    expect(encryptedVault(file, encryption, log.logger, 'win32').protection()).toBe('encrypted');
    encryption.available = false;
    expect(encryptedVault(file, encryption, log.logger, 'darwin').protection()).toBe('plain');
  });

  it('reports a plain file vault as plain', () => {
    expect(plainFileVault(file, log.logger).protection()).toBe('plain');
  });
});
