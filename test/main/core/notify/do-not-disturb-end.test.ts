// A timed Do not disturb ends by itself: the core turns it off when its time comes (timers
// driven by the test), at start when the time passed while the app was closed, and notifies
// again from then on.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { longestTimerMs } from '../../../../main/core/notify/do-not-disturb-end.js';
import type { DesktopNotification } from '../../../../main/core/bridge.js';
import type { MessengerCore } from '../../../../main/core/messenger-core.js';
import { eventually, TestCore, testPassword, useServerAndCores } from '../../../support/cores.js';
import { ManualTimers } from '../../../support/manual-timers.js';

const hour = 3_600_000;
const start = 1_000_000;

const opened: TestCore[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function openCore(timers: ManualTimers, profileDir?: string): Promise<TestCore> {
  const core = await TestCore.open(profileDir, undefined, { now: timers.now, timers });
  opened.push(core);
  return core;
}

function clock(): ManualTimers {
  const timers = new ManualTimers();
  timers.advance(start);
  return timers;
}

const turnedOff = (core: TestCore) =>
  eventually(() => core.last('settings')?.doNotDisturb === false && core.last('settings'), 'Do not disturb off');

describe('timed Do not disturb in the core', () => {
  it('turns itself off when its time comes, and says so', async () => {
    const timers = clock();
    const core = await openCore(timers);
    await core.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: start + hour });
    expect(timers.waiting).toBe(1);
    timers.advance(hour - 1);
    expect(core.last('settings')).toMatchObject({ doNotDisturb: true, doNotDisturbUntil: start + hour });
    timers.advance(1);
    expect(await turnedOff(core)).toMatchObject({ doNotDisturb: false, doNotDisturbUntil: null });
    expect((await core.call('snapshot')).settings).toMatchObject({ doNotDisturb: false, doNotDisturbUntil: null });
    expect(timers.waiting).toBe(0);
  });

  it('follows every change: a later end moves the timer, turning it off clears the end', async () => {
    const timers = clock();
    const core = await openCore(timers);
    await core.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: start + hour });
    await core.call('updateSettings', { doNotDisturbUntil: start + 2 * hour });
    expect(timers.waiting).toBe(1);
    timers.advance(hour);
    expect(core.last('settings')?.doNotDisturb).toBe(true);
    timers.advance(hour);
    await turnedOff(core);

    await core.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: start + 5 * hour });
    expect(await core.call('updateSettings', { doNotDisturb: false })).toMatchObject({ doNotDisturbUntil: null });
    expect(timers.waiting).toBe(0);

    // Without an end it lasts until turned off.
    await core.call('updateSettings', { doNotDisturb: true });
    expect(timers.waiting).toBe(0);
    timers.advance(100 * hour);
    expect(core.last('settings')?.doNotDisturb).toBe(true);
  });

  it('reaches an end further away than one timer can wait', async () => {
    const timers = clock();
    const core = await openCore(timers);
    const end = start + longestTimerMs + 10 * hour;
    await core.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: end });
    timers.advance(longestTimerMs);
    expect(core.last('settings')?.doNotDisturb).toBe(true);
    expect(timers.waiting).toBe(1);
    timers.advance(10 * hour);
    await turnedOff(core);
  });

  it('at start: an end that passed while closed is off at once; one still to come is waited for', async () => {
    const timers = clock();
    const first = await openCore(timers);
    await first.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: start + hour });
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    // Reopened before the end: still on, and it ends on time.
    const early = new ManualTimers();
    early.advance(start + hour / 2);
    const before = await openCore(early, first.profileDir);
    expect((await before.call('snapshot')).settings.doNotDisturb).toBe(true);
    expect(early.waiting).toBe(1);
    await before.close();
    opened.splice(opened.indexOf(before), 1);

    // Reopened after it: off before the first snapshot, and the file says so too.
    const late = new ManualTimers();
    late.advance(start + 2 * hour);
    const after = await openCore(late, first.profileDir);
    expect((await after.call('snapshot')).settings).toMatchObject({ doNotDisturb: false, doNotDisturbUntil: null });
    const file = JSON.parse(fs.readFileSync(`${first.profileDir}/settings.json`, 'utf8'));
    expect(file.settings).toMatchObject({ doNotDisturb: false, doNotDisturbUntil: null });
  });
});

describe('timed Do not disturb after the computer slept', () => {
  it('is off as soon as the user is back at the window, though its timer has not fired', async () => {
    const timers = clock();
    // Sleep: the wall clock moves on, the timers do not.
    let slept = 0;
    const core = await TestCore.open(undefined, undefined, { now: () => timers.now() + slept, timers });
    opened.push(core);
    await core.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: start + hour });
    core.bridge.setWindowFocused(false);
    slept = 2 * hour;
    expect(core.last('settings')?.doNotDisturb).toBe(true);
    core.bridge.setWindowFocused(true);
    await turnedOff(core);
    expect(timers.waiting).toBe(0);
  });
});

describe('timed Do not disturb on a real server', () => {
  const world = useServerAndCores();

  it('no notification until the end, then notifications again', async () => {
    const alice = await world.signedUp('dnd');
    // Bob's clock runs on the real one, moved on by the test; his timers only fire when told.
    let shift = 0;
    const timers = new ManualTimers();
    const bob = await TestCore.open(undefined, undefined, { now: () => Date.now() + shift, timers });
    opened.push(bob);
    const account = await bob.call('register', {
      serverUrl: world.server.url,
      name: `bob${Date.now()}`,
      password: testPassword,
    });
    await bob.waitFor((e) => e.event === 'connection' && e.payload === 'online');
    const notified: DesktopNotification[] = [];
    bob.bridge.onNotify((notification) => notified.push(notification));
    bob.bridge.setWindowFocused(false);

    await bob.call('updateSettings', { doNotDisturb: true, doNotDisturbUntil: Date.now() + hour });
    await alice.core.call('send', { to: account.user.id, content: 'while quiet' });
    await eventually(async () => (await bob.call('snapshot')).unreadTotal === 1, 'the first message');
    // The count shows before the message's handler ends; settled() waits for the rest of it.
    await (bob.bridge as MessengerCore).chatSession?.settled();
    expect(notified).toEqual([]);

    shift = hour;
    timers.advance(hour);
    await turnedOff(bob);
    await alice.core.call('send', { to: account.user.id, content: 'awake now' });
    await eventually(() => notified.length === 1, 'a notification');
    expect(notified[0]?.body).toBe('awake now');
  });
});
