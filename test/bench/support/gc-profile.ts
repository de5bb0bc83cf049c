// What the garbage collector did in a server's measured window, from the statistics node:v8's
// GCProfiler records (the probe writes them beside the CPU profile, as FILE.gc.json). A
// scavenge costs in proportion to what survives it, so each one's survivors are summed: what
// stayed in the young generation and what was promoted to the old one.
import fs from 'node:fs';

interface HeapSpace {
  spaceName: string;
  spaceUsedSize: number;
}

/** One entry of `GCProfiler.stop().statistics`. */
interface GcEntry {
  gcType: string;
  /** Microseconds. */
  cost: number;
  beforeGC: { heapSpaceStatistics: HeapSpace[] };
  afterGC: { heapSpaceStatistics: HeapSpace[] };
}

export interface GcSummary {
  scavenges: number;
  scavengeMs: number;
  /** Young-generation bytes still in use after a scavenge, on average. */
  keptBytes: number;
  /** Old-generation bytes a scavenge added (promoted), on average. */
  promotedBytes: number;
  /** Mark-compact and its incremental steps. */
  majors: number;
  majorMs: number;
}

const used = (spaces: HeapSpace[], name: string) => spaces.find((s) => s.spaceName === name)?.spaceUsedSize ?? 0;

export function summarizeGc(entries: GcEntry[]): GcSummary {
  const scavenges = entries.filter((e) => e.gcType === 'Scavenge');
  const majors = entries.filter((e) => e.gcType !== 'Scavenge');
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    scavenges: scavenges.length,
    scavengeMs: scavenges.reduce((sum, e) => sum + e.cost, 0) / 1000,
    keptBytes: mean(scavenges.map((e) => used(e.afterGC.heapSpaceStatistics, 'new_space'))),
    promotedBytes: mean(
      scavenges.map(
        (e) => used(e.afterGC.heapSpaceStatistics, 'old_space') - used(e.beforeGC.heapSpaceStatistics, 'old_space'),
      ),
    ),
    majors: majors.length,
    majorMs: majors.reduce((sum, e) => sum + e.cost, 0) / 1000,
  };
}

/** The summary of FILE.gc.json beside a CPU profile FILE.cpuprofile, if the probe wrote one. */
export function readGcSummary(cpuProfileFile: string): GcSummary | undefined {
  const file = gcFileOf(cpuProfileFile);
  if (!fs.existsSync(file)) return undefined;
  return summarizeGc((JSON.parse(fs.readFileSync(file, 'utf8')) as { statistics: GcEntry[] }).statistics);
}

export function gcFileOf(cpuProfileFile: string): string {
  return cpuProfileFile.replace(/\.cpuprofile$/, '') + '.gc.json';
}

export function formatGc(gc: GcSummary): string {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  const perScavenge = gc.scavenges === 0 ? 0 : gc.scavengeMs / gc.scavenges;
  return (
    `  garbage collection: ${gc.scavenges} scavenges, ${gc.scavengeMs.toFixed(0)} ms (${perScavenge.toFixed(1)} ms each; ` +
    `${mb(gc.keptBytes)} MB kept and ${mb(gc.promotedBytes)} MB promoted per scavenge); ` +
    `${gc.majors} major, ${gc.majorMs.toFixed(0)} ms`
  );
}
