// Preloaded (`--import`) into every server process the bench starts, the real server and the
// minimal one alike. Over the IPC channel the bench asks it for memory, CPU time and event-loop
// utilisation, to run the garbage collector (with --expose-gc) and to record a CPU profile (and
// what the garbage collector did) of just the measured window. It adds no work of its own between requests.
import fs from 'node:fs';
import { Session } from 'node:inspector';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { gcFileOf } from './gc-profile.js';
import type { ProbeReply, ProbeRequest } from './ipc.js';

const session = new Session();
let profiling = false;
/** Every collection of the profiled window, with the heap before and after (gc-profile.ts reads it). */
const collections = new v8.GCProfiler();

function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function handle(request: ProbeRequest): Promise<ProbeReply> {
  switch (request.cmd) {
    case 'gc': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('start the process with --expose-gc');
      // Twice, with a turn between: weak callbacks and finalizers free more on the second pass.
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      return sample();
    }
    case 'sample':
      return sample();
    case 'profile-start':
      if (!profiling) {
        session.connect();
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 500 });
        await post('Profiler.start');
        collections.start();
        profiling = true;
      }
      return sample();
    case 'profile-stop': {
      if (!profiling) throw new Error('not profiling');
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      await post('Profiler.disable');
      session.disconnect();
      profiling = false;
      fs.writeFileSync(request.file, JSON.stringify(profile));
      fs.writeFileSync(gcFileOf(request.file), JSON.stringify(collections.stop()));
      return sample();
    }
  }
}

function sample(): ProbeReply {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return {
    at: performance.now(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    eluIdle: elu.idle,
    eluActive: elu.active,
  };
}

if (process.send) {
  process.on('message', (message: { id: number; request: ProbeRequest }) => {
    handle(message.request).then(
      (reply) => process.send?.({ id: message.id, ok: true, reply }),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
    );
  });
  // The channel must not keep the server alive: it exits on SIGTERM as it always does.
  process.channel?.unref();
}
