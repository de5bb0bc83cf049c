// Opens the client core for one profile and hands a shell the bridge it adapts.
import { encryptedVault, plainFileVault, type TokenEncryption } from './account/token-vault.js';
import { createDispatch } from './api/dispatch.js';
import type { ShellBridge } from './bridge.js';
import { MessengerCore } from './messenger-core.js';
import { profilePaths } from './profile.js';

export interface CoreOptions {
  /** One folder per profile: account, settings, outbox and cache live under it. */
  profileDir: string;
  /** Pre-filled on the sign-in screen, e.g. http://127.0.0.1:4860. */
  defaultServerUrl: string;
  /** Electron's safeStorage; the Chromium shell passes none and the token is kept in a plain file. */
  encryption?: TokenEncryption;
  now?: () => number;
  log?: (line: string) => void;
}

export async function openMessengerCore(options: CoreOptions): Promise<ShellBridge> {
  const paths = profilePaths(options.profileDir);
  const vault = options.encryption ? encryptedVault(paths.token, options.encryption) : plainFileVault(paths.token);
  const core = await MessengerCore.open({
    paths,
    vault,
    defaultServerUrl: options.defaultServerUrl,
    now: options.now ?? Date.now,
    log: options.log ?? ((line) => process.stderr.write(`messenger core: ${line}\n`)),
  });
  const dispatch = createDispatch(core);
  return {
    request: dispatch,
    subscribe: (listener) => core.subscribe(listener),
    onAttention: (listener) => core.onAttention(listener),
    onNotify: (listener) => core.onNotify(listener),
    setWindowFocused: (focused) => core.setWindowFocused(focused),
    showChat: (who) => core.showChat(who),
    close: () => core.close(),
  };
}
