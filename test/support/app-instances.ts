// "App instances" as `npm start` is one, minus the app (test/main/launcher/fixtures/app-instance.ts):
// real child processes that take a lease on the shared bundled server of a data dir, say what
// they got as JSON lines, and let go of it when told to quit.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from '../../main/build/renderer.config.js';

const fixture = path.join(repoRoot, 'test', 'main', 'launcher', 'fixtures', 'app-instance.ts');

export interface AppInstance {
  child: ChildProcess;
  /** The next JSON line it prints. */
  next(): Promise<any>;
  exited: Promise<number | null>;
  /** Tells it to quit: what its release said, and its exit status. */
  quit(): Promise<{ released: string; status: number | null }>;
}

/** Starts one; `started` collects the child so the caller can kill what is left after a test. */
export function startAppInstance(dataDir: string, url: string, started: ChildProcess[]): AppInstance {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, url], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  started.push(child);
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`app instance ${child.pid} exited without a line`);
    return JSON.parse(value) as unknown;
  };
  return {
    child,
    next,
    exited,
    quit: async () => {
      child.stdin.write('quit\n');
      const { released } = (await next()) as { released: string };
      return { released, status: await exited };
    },
  };
}

/** A loopback port nothing listens on right now (the bundled server needs one fixed in its URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}
