// The desktop adapter: the core's attention updates, notifications and settings drive the
// tray, badge, notifier and login item. First with a scripted bridge, then with a real core
// signed in to a real server, where another user's messages arrive as a user would see them.
import { describe, expect, it } from 'vitest';
import type { Attention, DesktopNotification, EventListener } from '../../../../main/core/bridge.js';
import { tooltip } from '../../../../main/core/notify/policy.js';
import { startDesktop, type DesktopBridge } from '../../../../main/electron/desktop/desktop.js';
import { defaultSettings, type IpcResult, type Settings } from '../../../../main/ipc/contract.js';
import { tomorrowAt } from '../../../../main/ipc/local-time.js';
import { eventually, testPassword, useServerAndCores } from '../../../support/cores.js';
import { fakeDesktop } from './fakes.js';

class ScriptedBridge implements DesktopBridge {
  readonly requests: Array<{ name: unknown; payload: unknown }> = [];
  readonly shownChats: number[] = [];
  answer: IpcResult<unknown> = { ok: true, value: null };
  private readonly attention = new Set<(attention: Attention) => void>();
  private readonly notify = new Set<(notification: DesktopNotification) => void>();
  private readonly events = new Set<EventListener>();

  async request(name: unknown, payload: unknown): Promise<IpcResult<unknown>> {
    this.requests.push({ name, payload });
    return this.answer;
  }
  subscribe(listener: EventListener) {
    this.events.add(listener);
    return () => this.events.delete(listener);
  }
  onAttention(listener: (attention: Attention) => void) {
    this.attention.add(listener);
    return () => this.attention.delete(listener);
  }
  onNotify(listener: (notification: DesktopNotification) => void) {
    this.notify.add(listener);
    return () => this.notify.delete(listener);
  }
  showChat(who: number): void {
    this.shownChats.push(who);
  }
  get listeners(): number {
    return this.attention.size + this.notify.size + this.events.size;
  }
  emitAttention(unreadTotal: number): void {
    for (const listener of this.attention) listener({ unreadTotal, tooltip: tooltip(unreadTotal) });
  }
  emitNotify(notification: DesktopNotification): void {
    for (const listener of this.notify) listener(notification);
  }
  emitSettings(settings: Settings): void {
    for (const listener of this.events) listener('settings', settings);
  }
}

function desktopOn(platform: string, initial = { unreadTotal: 0, settings: defaultSettings }, now = Date.now) {
  const bridge = new ScriptedBridge();
  const { pieces, made } = fakeDesktop(platform);
  const windowCalls: string[] = [];
  const desktop = startDesktop(
    bridge,
    { ...pieces, now },
    { showWindow: () => made.window?.bringToFront(), quit: () => windowCalls.push('quit') },
    initial,
  );
  return { bridge, desktop, made, tray: made.trays[0]!, windowCalls };
}

describe('desktop adapter', () => {
  it('starts from the snapshot: unread total, Do not disturb and start at login', () => {
    const { tray, made } = desktopOn('darwin', {
      unreadTotal: 2,
      settings: { ...defaultSettings, doNotDisturb: true, startAtLogin: true },
    });
    expect(tray.toolTip).toBe('Messenger — 2 unread messages');
    expect(tray.image.icon).toBe('template-unread');
    expect(tray.item('Do not disturb').checked).toBe(true);
    expect(made.badgeCounts).toEqual([2]);
    expect(made.loginItems).toEqual([{ openAtLogin: true }]);
  });

  it('attention updates reach the tray and the taskbar', () => {
    const { bridge, tray, made } = desktopOn('win32');
    bridge.emitAttention(5);
    expect(tray.toolTip).toBe('Messenger — 5 unread messages');
    expect(tray.labels[1]).toBe('5 unread messages');
    expect(made.window!.overlay?.description).toBe('5 unread messages');
    bridge.emitAttention(0);
    expect(tray.image.icon).toBe('ico');
    expect(made.window!.overlay).toEqual({ image: null, description: '' });
  });

  it("the policy's notifications are shown, and a click opens that chat", () => {
    const { bridge, made } = desktopOn('linux');
    made.window!.visible = false;
    bridge.emitNotify({ who: 4, title: 'carol', body: 'lunch?' });
    expect(made.notifications.map((n) => n.options)).toEqual([{ title: 'carol', body: 'lunch?', silent: false }]);
    made.notifications[0]!.click();
    expect(made.window!.calls).toContain('show');
    expect(bridge.shownChats).toEqual([4]);
  });

  it('Do not disturb from the tray goes through updateSettings; the settings event checks it', () => {
    const { bridge, tray } = desktopOn('linux');
    tray.choose('Do not disturb');
    expect(bridge.requests).toEqual([
      { name: 'updateSettings', payload: { doNotDisturb: true, doNotDisturbUntil: null } },
    ]);
    bridge.emitSettings({ ...defaultSettings, doNotDisturb: true });
    expect(tray.item('Do not disturb').checked).toBe(true);
  });

  it('a refused Do not disturb change redraws the menu with the setting as it is', async () => {
    const { bridge, tray } = desktopOn('linux');
    bridge.answer = { ok: false, error: { code: 'internal', message: 'disk full' } };
    const before = tray.menu;
    tray.choose('Do not disturb');
    await eventually(() => tray.menu !== before);
    expect(tray.item('Do not disturb').checked).toBe(false);
  });

  it('a settings change applies start at login; Quit quits; dispose lets go of everything', () => {
    const { bridge, desktop, tray, made, windowCalls } = desktopOn('win32');
    bridge.emitSettings({ ...defaultSettings, startAtLogin: true });
    expect(made.loginItems).toEqual([{ openAtLogin: false }, { openAtLogin: true }]);
    tray.choose('Quit');
    expect(windowCalls).toEqual(['quit']);
    desktop.dispose();
    expect(bridge.listeners).toBe(0);
    expect(tray.destroyed).toBe(true);
  });
});

describe('desktop adapter, issue 16', () => {
  it('"until tomorrow 8:00" from the tray asks the core for that end, counted from the clock', () => {
    const now = Date.parse('2026-12-04T23:30:00');
    const { bridge, tray } = desktopOn('linux', undefined, () => now);
    tray.choose('Do not disturb until tomorrow 8:00');
    expect(bridge.requests).toEqual([
      {
        name: 'updateSettings',
        payload: { doNotDisturb: true, doNotDisturbUntil: tomorrowAt(8, now) },
      },
    ]);
    expect(new Date(tomorrowAt(8, now)).getHours()).toBe(8);
    bridge.emitSettings({ ...defaultSettings, doNotDisturb: true, doNotDisturbUntil: tomorrowAt(8, now) });
    expect(tray.item('Do not disturb until tomorrow 8:00').checked).toBe(true);
  });

  it('the tray menu and the taskbar overlay follow the language, from the start and on a change', () => {
    const { bridge, tray, made } = desktopOn('win32', {
      unreadTotal: 2,
      settings: { ...defaultSettings, language: 'zh' },
    });
    expect(tray.toolTip).toBe('Messenger — 2 条未读消息');
    expect(tray.labels[0]).toBe('打开');
    expect(made.window!.overlay?.description).toBe('2 条未读消息');
    bridge.emitSettings({ ...defaultSettings, language: 'en' });
    expect(tray.labels[0]).toBe('Open');
    expect(made.window!.overlay?.description).toBe('2 unread messages');
  });
});

describe('desktop adapter on a real core', () => {
  const world = useServerAndCores();
  const signedUp = () => world.signedUp('desk');

  it("shows the peer's messages as the policy decides: preview, Do not disturb, hidden content", async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const snapshot = await bob.core.call('snapshot');
    const { pieces, made } = fakeDesktop('win32');
    const window = made.window!;
    // Bob's window is hidden in the tray, as reportFocus would tell the core.
    window.visible = false;
    bob.core.bridge.setWindowFocused(false);
    const desktop = startDesktop(
      bob.core.bridge,
      pieces,
      { showWindow: () => window.bringToFront(), quit: () => {} },
      snapshot,
    );
    const tray = made.trays[0]!;
    expect(tray.toolTip).toBe('Messenger');

    await alice.core.call('send', { to: bob.id, content: 'hello bob' });
    await eventually(() => made.notifications.length === 1, 'a notification');
    expect(made.notifications[0]!.options).toEqual({ title: alice.name, body: 'hello bob', silent: false });
    await eventually(() => tray.toolTip === 'Messenger — 1 unread message', 'the tooltip');
    expect(tray.image.icon).toBe('ico-unread');
    expect(window.overlay?.description).toBe('1 unread message');
    expect(window.flashing).toBe(true);

    // The click brings the window back and the renderer is told to open Alice's chat.
    made.notifications[0]!.click();
    expect(window.visible && window.focused).toBe(true);
    expect(window.flashing).toBe(false);
    await eventually(() => bob.core.last('showChat')?.who === alice.id, 'showChat');

    // Do not disturb from the tray: the core's settings change, so the renderer's do too.
    window.focused = false;
    tray.choose('Do not disturb');
    await eventually(() => bob.core.last('settings')?.doNotDisturb === true, 'settings');
    expect(tray.item('Do not disturb').checked).toBe(true);
    await alice.core.call('send', { to: bob.id, content: 'quiet please' });
    await eventually(() => tray.toolTip === 'Messenger — 2 unread messages', 'the second message');
    expect(made.notifications).toHaveLength(1);

    // Hidden content: only "New message".
    await bob.core.call('updateSettings', { doNotDisturb: false, hideContent: true });
    expect(tray.item('Do not disturb').checked).toBe(false);
    await alice.core.call('send', { to: bob.id, content: 'the secret plan' });
    await eventually(() => made.notifications.length === 2, 'the third message');
    expect(made.notifications[1]!.options).toEqual({ title: alice.name, body: 'New message', silent: false });

    // Chinese: the tooltip (from the core's attention), the menu and the hidden body follow at once.
    await bob.core.call('updateSettings', { language: 'zh' });
    expect(tray.toolTip).toBe('Messenger — 3 条未读消息');
    expect(tray.labels[0]).toBe('打开');
    await alice.core.call('send', { to: bob.id, content: 'the secret plan B' });
    await eventually(() => made.notifications.length === 3, 'the fourth message');
    expect(made.notifications[2]!.options.body).toBe('新消息');

    // Start at login follows the setting.
    await bob.core.call('updateSettings', { startAtLogin: true });
    expect(made.loginItems).toEqual([{ openAtLogin: false }, { openAtLogin: true }]);
    desktop.dispose();
  });

  it('tells nothing of your own messages sent from another device', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const { pieces, made } = fakeDesktop('linux');
    made.window!.visible = false;
    bob.core.bridge.setWindowFocused(false);
    const desktop = startDesktop(
      bob.core.bridge,
      pieces,
      { showWindow: () => {}, quit: () => {} },
      await bob.core.call('snapshot'),
    );
    // Bob's second device: the same account in another core.
    const other = await world.open();
    await other.call('login', { serverUrl: world.server.url, name: bob.name, password: testPassword });
    await other.call('send', { to: alice.id, content: 'from my phone' });
    await eventually(
      async () => (await bob.core.call('listChats')).some((chat: { who: number }) => chat.who === alice.id),
      'the chat on this device',
    );
    await alice.core.call('send', { to: bob.id, content: 'got it' });
    await eventually(() => made.notifications.length > 0, "alice's reply");
    expect(made.notifications.map((n) => n.options.body)).toEqual(['got it']);
    desktop.dispose();
  });
});
