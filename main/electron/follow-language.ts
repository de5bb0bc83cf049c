// Electron main runtime, no electron import: tells the shell the chosen language at start
// and on every change, so what main draws itself (app menu, right-click menu, spell checker)
// follows the Settings like the window does.
import type { ShellBridge } from '../core/bridge.js';
import type { Language } from '../core/notify/desktop-strings.js';
import type { Settings, Snapshot } from '../ipc/contract.js';

export function followLanguage(
  bridge: Pick<ShellBridge, 'request' | 'subscribe'>,
  apply: (language: Language) => void,
): () => void {
  let current: Language | null = null;
  const take = (language: Language) => {
    if (language === current) return;
    current = language;
    apply(language);
  };
  const unsubscribe = bridge.subscribe((event, payload) => {
    if (event === 'settings') take((payload as Settings).language);
  });
  void bridge.request('snapshot', undefined).then((snapshot) => {
    // A settings event may have come first: it is newer than this snapshot.
    if (snapshot.ok && current === null) take((snapshot.value as Snapshot).settings.language);
  });
  return unsubscribe;
}
