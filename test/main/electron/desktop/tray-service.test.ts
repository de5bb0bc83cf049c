// The tray as the user sees it: icon, tooltip and menu for no, one and many unread messages,
// on each platform, and what its menu items and a click on the icon do.
import { describe, expect, it } from 'vitest';
import { tooltip } from '../../../../main/core/notify/policy.js';
import { TrayService, type TrayActions, type TrayState } from '../../../../main/electron/desktop/tray-service.js';
import { fakeDesktop, type FakeImage, type FakeMenu } from './fakes.js';

function trayOn(platform: string, state: Partial<TrayState> = {}) {
  const { pieces, made } = fakeDesktop(platform);
  const calls: string[] = [];
  const actions: TrayActions = {
    open: () => calls.push('open'),
    quit: () => calls.push('quit'),
    setDoNotDisturb: (on) => calls.push(`doNotDisturb(${on})`),
    doNotDisturbUntilTomorrow: () => calls.push('doNotDisturbUntilTomorrow'),
  };
  const initial: TrayState = {
    unreadTotal: 0,
    tooltip: tooltip(0),
    doNotDisturb: false,
    doNotDisturbUntil: null,
    language: 'en',
    ...state,
  };
  const service = new TrayService<FakeImage, FakeMenu>({ platform, ...pieces.tray }, actions, initial);
  const tray = made.trays[0]!;
  return { service, tray, calls, made };
}

describe('TrayService', () => {
  it.each([
    [0, 'Messenger', 'No unread messages'],
    [1, 'Messenger — 1 unread message', '1 unread message'],
    [3, 'Messenger — 3 unread messages', '3 unread messages'],
  ])('with %i unread: tooltip "%s", menu line "%s"', (unreadTotal, expectedTooltip, unreadLine) => {
    const { tray } = trayOn('linux', { unreadTotal, tooltip: tooltip(unreadTotal) });
    expect(tray.toolTip).toBe(expectedTooltip);
    expect(tray.labels).toEqual([
      'Open',
      unreadLine,
      'Do not disturb',
      'Do not disturb until tomorrow 8:00',
      '---',
      'Quit',
    ]);
    expect(tray.item(unreadLine).enabled).toBe(false);
    expect(tray.item('Do not disturb')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it.each([
    ['linux', 'png', 'png-unread'],
    ['win32', 'ico', 'ico-unread'],
    ['darwin', 'template', 'template-unread'],
  ])('on %s shows the %s icon, and %s while messages are unread', (platform, normal, unread) => {
    const { service, tray } = trayOn(platform);
    expect(tray.image.icon).toBe(normal);
    service.update({ unreadTotal: 2, tooltip: tooltip(2) });
    expect(tray.image.icon).toBe(unread);
    expect(tray.toolTip).toBe('Messenger — 2 unread messages');
    expect(tray.labels[1]).toBe('2 unread messages');
    service.update({ unreadTotal: 0, tooltip: tooltip(0) });
    expect(tray.image.icon).toBe(normal);
    expect(tray.labels[1]).toBe('No unread messages');
  });

  it('loads each icon once, however often it redraws', () => {
    const { service, made } = trayOn('win32');
    for (let total = 1; total <= 5; total++) service.update({ unreadTotal: total, tooltip: tooltip(total) });
    service.update({ unreadTotal: 0, tooltip: tooltip(0) });
    expect(made.loadedIcons).toEqual(['ico', 'ico-unread']);
  });

  it('Do not disturb asks to change the setting, and shows it checked once the setting changes', () => {
    const { service, tray, calls } = trayOn('linux');
    tray.choose('Do not disturb');
    expect(calls).toEqual(['doNotDisturb(true)']);
    service.update({ doNotDisturb: true });
    expect(tray.item('Do not disturb').checked).toBe(true);
    tray.choose('Do not disturb');
    expect(calls).toEqual(['doNotDisturb(true)', 'doNotDisturb(false)']);
    service.update({ doNotDisturb: false });
    expect(tray.item('Do not disturb').checked).toBe(false);
  });

  it.each(['win32', 'linux'])('on %s Open and a click on the icon open the window; Quit quits', (platform) => {
    const { tray, calls } = trayOn(platform);
    tray.choose('Open');
    tray.click();
    tray.choose('Quit');
    expect(calls).toEqual(['open', 'open', 'quit']);
  });

  it('on macOS a click shows the menu only, whose Open opens the window', () => {
    const { tray, calls } = trayOn('darwin');
    tray.click();
    expect(calls).toEqual([]);
    tray.choose('Open');
    expect(calls).toEqual(['open']);
  });

  it('redraws only when something changed, and never after it is destroyed', () => {
    const { service, tray } = trayOn('linux', { unreadTotal: 1, tooltip: tooltip(1) });
    const menu = tray.menu;
    service.update({ unreadTotal: 1, tooltip: tooltip(1) });
    expect(tray.menu).toBe(menu);
    service.destroy();
    expect(tray.destroyed).toBe(true);
    service.update({ unreadTotal: 4, tooltip: tooltip(4) });
    expect(tray.toolTip).toBe('Messenger — 1 unread message');
  });
});

describe('TrayService, issue 16', () => {
  it('"until tomorrow 8:00" asks for it; checked while a timed Do not disturb is on, when it turns it off', () => {
    const { service, tray, calls } = trayOn('linux');
    const timed = 'Do not disturb until tomorrow 8:00';
    expect(tray.item(timed).checked).toBe(false);
    tray.choose(timed);
    expect(calls).toEqual(['doNotDisturbUntilTomorrow']);
    service.update({ doNotDisturb: true, doNotDisturbUntil: 5_000 });
    expect(tray.item(timed).checked).toBe(true);
    expect(tray.item('Do not disturb').checked).toBe(true);
    tray.choose(timed);
    expect(calls).toEqual(['doNotDisturbUntilTomorrow', 'doNotDisturb(false)']);
    // On until turned off: only the plain item is checked.
    service.update({ doNotDisturbUntil: null });
    expect(tray.item(timed).checked).toBe(false);
    expect(tray.item('Do not disturb').checked).toBe(true);
  });

  it('speaks Chinese once the language changes, and English again', () => {
    const { service, tray, calls } = trayOn('win32', { unreadTotal: 3, tooltip: tooltip(3) });
    service.update({ language: 'zh', tooltip: tooltip(3, 'zh') });
    expect(tray.labels).toEqual(['打开', '3 条未读消息', '勿扰模式', '勿扰至明天 8:00', '---', '退出']);
    expect(tray.toolTip).toBe('Messenger — 3 条未读消息');
    tray.choose('勿扰模式');
    tray.choose('退出');
    expect(calls).toEqual(['doNotDisturb(true)', 'quit']);
    service.update({ unreadTotal: 0, tooltip: tooltip(0, 'zh') });
    expect(tray.labels[1]).toBe('没有未读消息');
    service.update({ language: 'en', tooltip: tooltip(0) });
    expect(tray.labels).toContain('Open');
  });
});
