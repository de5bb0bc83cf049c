// Node runtime. The order of a launch: useServer takes the lease (spawning the bundled server
// if need be) and returns without waiting for it to answer; the app starts at once while the
// server comes up beside it, showing its cache and connecting when the server answers. After
// the app exits the lease is dropped: the last one out stops the server.
import type { Released, ServerUse } from './shared-server.js';

export interface BesideApp {
  /** Stops watching and drops the lease; says what became of the server. */
  appExited(): Promise<Released | 'not-ours'>;
}

/**
 * Follows the server while the app runs: says so if it never comes up, watches it once it
 * answers (`watch` returns the function that stops watching).
 */
export function followServer(
  server: ServerUse,
  steps: { watch: (server: ServerUse) => () => void; say: (line: string) => void },
): BesideApp {
  let exited = false;
  let unwatch = () => {};
  void server.ready.then(
    () => {
      if (!exited) unwatch = steps.watch(server);
    },
    (error: unknown) =>
      steps.say(
        `${error instanceof Error ? error.message : String(error)} The app shows its saved chats and connects once a server answers.`,
      ),
  );
  return {
    appExited: async () => {
      exited = true;
      unwatch();
      const released = await server.release();
      if (released === 'stopped') steps.say('Stopped the bundled server: no other app uses it.');
      if (released === 'kept') steps.say('The bundled server keeps running for the other apps using it.');
      return released;
    },
  };
}
