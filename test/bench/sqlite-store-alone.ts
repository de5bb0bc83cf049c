// The SQLite store alone, without sockets: what a send costs in the store, to compare two
// builds of it in the same conditions (docs/performance.md, "S1 one node: the pages a batch
// touches"). 200 users in 100 pairs; each round queues 4 sends of every user at once (800
// calls: group commits of 512 and 288), 20,000 sends of warm-up, then `sends` measured.
//
//   taskset -c 0 node --import tsx test/bench/sqlite-store-alone.ts [ROOT] [sends]
//
// ROOT is the checkout whose server/store/sqlite/sqlite-store.ts runs (default: this one), so
// `main`'s store and a branch's can be run alternately. Prints one JSON line: CPU per send
// (user and system), wall time per send, and the bytes the process wrote per send (`wchar`
// of /proc/self/io: WAL frames, checkpoints and any temporary files).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../server/store/store.js';

const root = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../../', import.meta.url)));
const sends = Number(process.argv[3] ?? 60_000);
const warmup = 20_000;
const content = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs, thanks! 0123';

const { SqliteStore } = (await import(path.join(root, 'server/store/sqlite/sqlite-store.ts'))) as {
  SqliteStore: new (dataDir: string) => Store;
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-store-alone-'));
const store = new SqliteStore(dir);
const users: number[] = [];
for (let i = 0; i < 200; i++) {
  const user = await store.createUser(`u${i}`, `u${i}`, 'not-a-hash', Date.now());
  users.push(user!.id);
}
const judge = { receiverViewing: () => false, admit: () => true };
let sequence = 0;

async function send(count: number): Promise<void> {
  for (let done = 0; done < count; done += 4 * users.length) {
    const batch: Array<Promise<unknown>> = [];
    for (let k = 0; k < 4; k++) {
      users.forEach((from, i) => {
        const to = users[i ^ 1]!;
        const clientId = `b${from}-${++sequence}`;
        batch.push(store.sendMessage({ from, to, clientId, content, date: Date.now() }, judge));
      });
    }
    await Promise.all(batch);
  }
}

const written = () => Number(/^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);
await send(warmup);
const wchar0 = written();
const cpu0 = process.cpuUsage();
const started = performance.now();
await send(sends);
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - started;
const wchar = written() - wchar0;
const perSend = (value: number) => Number((value / sends).toFixed(1));
process.stdout.write(
  `${JSON.stringify({
    root,
    sends,
    cpuUsPerSend: perSend(cpu.user + cpu.system),
    userUsPerSend: perSend(cpu.user),
    systemUsPerSend: perSend(cpu.system),
    wallUsPerSend: perSend(wallMs * 1000),
    writtenBytesPerSend: Math.round(wchar / sends),
  })}\n`,
);
await store.close();
fs.rmSync(dir, { recursive: true, force: true });
