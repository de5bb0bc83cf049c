// Reads a V8 .cpuprofile and sums self time per function and per package, so a profile of
// the server under load reads as a short list. Usable on its own:
//   node --import tsx test/bench/support/cpu-profile.ts FILE.cpuprofile [TOP]
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatGc, readGcSummary, type GcSummary } from './gc-profile.js';

const projectUrl = pathToFileURL(fileURLToPath(new URL('../../../', import.meta.url))).href;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  where: string;
  selfMs: number;
  /** Share of the time the process was not idle. */
  share: number;
}

export interface ProfileSummary {
  /** What the garbage collector did meanwhile, when the probe recorded it beside the profile. */
  gc?: GcSummary;
  totalMs: number;
  idleMs: number;
  busyMs: number;
  functions: ProfileLine[];
  packages: ProfileLine[];
}

/** node_modules/<pkg>, the project folder it lives in, node:internals, or V8's own entries. */
function packageOf(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return 'node: internals';
  if (url.startsWith(projectUrl)) return url.slice(projectUrl.length).split('/').slice(0, 2).join('/');
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  const module = /node_modules\/(.*)$/.exec(url);
  if (module) return module[1]!;
  return url.startsWith(projectUrl) ? url.slice(projectUrl.length) : url.replace(/^file:\/\//, '');
}

export function summarize(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const functions = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    totalUs += us;
    if (name === '(idle)') {
      idleUs += us;
      continue;
    }
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const pkg = packageOf(url, name);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const line = (name: string, where: string, us: number): ProfileLine => ({
    name,
    where,
    selfMs: us / 1000,
    share: busyUs > 0 ? us / busyUs : 0,
  });
  const gc = readGcSummary(file);
  return {
    ...(gc ? { gc } : {}),
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => line(f.name, f.where, f.us)),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => line(name, '', us)),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `  busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled (${((summary.busyMs / Math.max(1, summary.totalMs)) * 100).toFixed(0)} %)`,
    '  self time by package:',
    ...summary.packages.slice(0, 8).map((p) => `    ${pct(p.share)}  ${p.name}`),
    '  self time by function:',
    ...summary.functions.map((f) => `    ${pct(f.share)}  ${f.name}  ${f.where}`),
    ...(summary.gc ? [formatGc(summary.gc)] : []),
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node --import tsx test/bench/support/cpu-profile.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summarize(file, Number(process.argv[3] ?? 20)))}\n`);
}
