// Scenario results: the table printed at the end, and the JSON written beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Goal {
  text: string;
  pass: boolean;
  /** The numbers the verdict was read from. */
  reading: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** What was measured, e.g. "4,210 acked sends/s". */
  measured: string;
  /** The ceiling or baseline measured in the same run. */
  reference: string;
  /** measured / reference, in the scenario's own sense (stated in `ratioMeaning`). */
  ratio: number | null;
  ratioMeaning: string;
  goals: Goal[];
  /** Which process ran on which core. */
  placement: string;
  /** Everything else worth keeping: raw numbers, parameters, profiles. */
  details: Record<string, unknown>;
  notes: string[];
  durationMs: number;
  error?: string;
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function machine(): Record<string, string | number> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/** Two decimals, or two significant digits for small ratios (0.0032, not 0.00). */
export function ratioText(ratio: number): string {
  return ratio >= 0.1 || ratio === 0 ? fmt(ratio, 2) : ratio.toPrecision(2);
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** A Markdown table: readable on the terminal and pasted as is into docs/performance.md. */
export function table(results: ScenarioResult[]): string {
  const lines = [
    '| id | measured | ceiling / baseline (same run) | ratio | goal | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    if (result.error) {
      lines.push(`| ${result.id} | crashed: ${cell(result.error.split('\n')[0]!.slice(0, 120))} | | | | CRASH |`);
      continue;
    }
    const goals = result.goals.length > 0 ? result.goals : [{ text: '', pass: true, reading: '' }];
    goals.forEach((goal, i) => {
      const ratio = i === 0 && result.ratio !== null ? `${ratioText(result.ratio)} (${cell(result.ratioMeaning)})` : '';
      lines.push(
        `| ${i === 0 ? result.id : ''} | ${i === 0 ? cell(result.measured) : ''} | ${i === 0 ? cell(result.reference) : ''} | ${ratio} | ${cell(goal.text)}: ${cell(goal.reading)} | ${goal.pass ? 'PASS' : 'MISS'} |`,
      );
    });
  }
  return lines.join('\n');
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Machine-wide CPU time so far (seconds busy, from /proc/stat), to tell how busy the rest of the machine was. */
export function machineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...fields] = line.trim().split(/\s+/);
    const ticks = fields.map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return (total - idle) / 100;
  } catch {
    return null;
  }
}
