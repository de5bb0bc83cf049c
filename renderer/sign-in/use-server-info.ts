// Browser runtime. What the server being typed in allows (registration mode, limits), asked
// for once the address has stopped changing; null until known, or when it cannot be asked.
import { useEffect, useState } from 'react';
import type { ServerInfo } from '../../main/ipc/account-contract.js';
import { messenger } from '../ipc/api.js';
import { reportUnlessAnswered } from '../ipc/problems.js';

/** The pause after the last keystroke before the server is asked. */
export const serverInfoDelayMs = 300;

export function useServerInfo(serverUrl: string): ServerInfo | null {
  const [known, setKnown] = useState<{ serverUrl: string; info: ServerInfo } | null>(null);
  useEffect(() => {
    if (serverUrl === '') return;
    let current = true;
    const timer = setTimeout(() => {
      messenger()
        .serverInfo({ serverUrl })
        .then((info) => {
          if (current && info) setKnown({ serverUrl, info });
        })
        // Not an address yet, or offline: the sign-in answers what is wrong. Main logged the rest.
        .catch((error: unknown) => reportUnlessAnswered('asking what the server allows', error));
    }, serverInfoDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [serverUrl]);
  return known?.serverUrl === serverUrl ? known.info : null;
}
