// S4: the main process's event-loop stall for one incoming message with ~100 MB of history
// cached, in the real sharded cache and in a single-file lowdb cache of the same data.
import fs from 'node:fs';
import path from 'node:path';
import type { S4Dataset, S4GenerateRequest, S4Measurement, S4MeasureRequest } from '../s4-child.js';
import { benchDir, startNode } from '../support/procs.js';
import { fmt, median, say, type ScenarioResult } from '../support/report.js';
import { benchTemp } from '../support/seed.js';

export interface S4Params {
  totalMB: number;
  chats: number;
  bigChatMessages: number;
  repeats: number;
  baselineRepeats: number;
}

/** Each step in a fresh process, so no step's heap (the baseline's is large) weighs on the next. */
async function step<R>(request: S4GenerateRequest | S4MeasureRequest): Promise<{ reply: R; coreLabel: string }> {
  const child = startNode({
    name: `S4 ${request.cmd}`,
    role: 'client',
    nodeArgs: ['--import', 'tsx', path.join(benchDir, 's4-child.ts')],
  });
  try {
    return { reply: await child.call<R>(request, 300_000), coreLabel: child.coreLabel };
  } finally {
    await child.stop();
  }
}

const ms = (value: number) => `${fmt(value, value < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${fmt(bytes / 1e6, 1)} MB`;

export async function runS4(params: S4Params): Promise<ScenarioResult> {
  const started = performance.now();
  const dir = benchTemp('s4');
  try {
    const { reply: data } = await step<S4Dataset>({
      cmd: 'generate',
      dir,
      totalMB: params.totalMB,
      chats: params.chats,
      bigChatMessages: params.bigChatMessages,
    });
    say(
      `  history: ${fmt(data.messages)} messages in ${fmt(params.chats)} chats; sharded ${mb(data.shardedBytes)} (chat list ${mb(data.chatListBytes)}, typical chat ${mb(data.typicalChatBytes)}, 10,000-message chat ${mb(data.bigChatBytes)}, its newest page ${mb(data.bigChatNewestPageBytes)}); single file ${mb(data.singleBytes)}; written in ${fmt(data.generateMs / 1000, 1)} s`,
    );
    const { reply: sharded, coreLabel } = await step<S4Measurement>({
      cmd: 'measure-sharded',
      dataset: data,
      repeats: params.repeats,
    });
    const { reply: single } = await step<S4Measurement>({
      cmd: 'measure-single',
      dataset: data,
      repeats: params.baselineRepeats,
    });
    const describe = (set: { label: string; stallsMs: number[]; totalMs: number[] }) =>
      `${set.label}: stall median ${ms(median(set.stallsMs))}, max ${ms(Math.max(...set.stallsMs))} (message to disk ${ms(median(set.totalMs))}, n=${set.stallsMs.length})`;
    for (const set of sharded.sets) say(`  sharded  ${describe(set)}`);
    for (const set of single.sets) say(`  baseline ${describe(set)}`);
    say(
      `  noise floor of the stall probe: ${ms(sharded.floorMs)} (sharded process), ${ms(single.floorMs)} (baseline process)`,
    );

    const find = (label: string) => sharded.sets.find((s) => s.label.startsWith(label))!;
    const warmTypical = find('warm, typical');
    const warmBig = find('warm, 10,000');
    const coldTypical = find('cold, typical');
    const coldBig = find('cold, 10,000');
    const baseline = single.sets[0]!;
    // Goals are read from medians: the maximum of a few dozen samples also catches the
    // probe's own noise (its floor is printed) and other processes taking the core.
    const med = (set: { stallsMs: number[] }) => median(set.stallsMs);
    const max = (set: { stallsMs: number[] }) => Math.max(...set.stallsMs);
    const headline = med(warmTypical);
    const baselineMedian = med(baseline);
    const ratio = headline / baselineMedian;
    const coldWorst = Math.max(med(coldTypical), med(coldBig));
    return {
      id: 'S4',
      title: 'main-process event-loop stall for one incoming message, 100 MB cached',
      measured: `stall ${ms(headline)} (median; max ${ms(max(warmTypical))}) for a message to a typical chat; ${ms(med(warmBig))} (max ${ms(max(warmBig))}) to the 10,000-message chat; first message to a chat since start ${ms(med(coldTypical))} (typical), ${ms(med(coldBig))} (10,000)`,
      reference: `single-file lowdb (${mb(data.singleBytes)} rewritten per message): median stall ${ms(baselineMedian)} (max ${ms(max(baseline))})`,
      ratio,
      ratioMeaning: 'sharded / single-file, medians',
      goals: [
        { text: '< 5 ms, typical chat (median)', pass: headline < 5, reading: ms(headline) },
        { text: '< 5 ms, 10,000-message chat (median)', pass: med(warmBig) < 5, reading: ms(med(warmBig)) },
        {
          text: '< 5 ms, first message to a chat since start (median)',
          pass: coldWorst < 5,
          reading: `${ms(med(coldTypical))} typical, ${ms(med(coldBig))} 10,000-message`,
        },
      ],
      placement: `cache processes ${coreLabel} (a desktop main process is not pinned either)`,
      details: { params, dataset: { ...data, dir: undefined }, sharded, single },
      notes: [],
      durationMs: performance.now() - started,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
