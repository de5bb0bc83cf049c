// The unread total on the dock or taskbar: a count on macOS and Linux, an overlay on Windows.
import { describe, expect, it } from 'vitest';
import { UnreadBadge } from '../../../../main/electron/desktop/unread-badge.js';
import { fakeDesktop, FakeWindow } from './fakes.js';

function badgeOn(platform: string) {
  const { pieces, made } = fakeDesktop(platform);
  return { badge: new UnreadBadge({ platform, ...pieces.badge }), made };
}

describe('UnreadBadge', () => {
  it.each(['darwin', 'linux'])('on %s sets the badge count to the unread total, 0 clearing it', (platform) => {
    const { badge, made } = badgeOn(platform);
    badge.show(3);
    badge.show(3);
    badge.show(1);
    badge.show(0);
    expect(made.badgeCounts).toEqual([3, 1, 0]);
    expect(made.window!.overlay).toBeNull();
  });

  it('on Windows puts a red overlay with "N unread messages" on the taskbar button, and clears it at 0', () => {
    const { badge, made } = badgeOn('win32');
    const window = made.window!;
    badge.show(3);
    expect(window.overlay).toEqual({ image: { icon: 'overlay' }, description: '3 unread messages' });
    badge.show(1);
    expect(window.overlay).toEqual({ image: { icon: 'overlay' }, description: '1 unread message' });
    badge.show(0);
    expect(window.overlay).toEqual({ image: null, description: '' });
    expect(made.badgeCounts).toEqual([]);
    expect(made.loadedIcons).toEqual(['overlay']);
  });

  it('on Windows puts the overlay back on a new window, and skips a missing one', () => {
    const { badge, made } = badgeOn('win32');
    made.window = null;
    badge.show(2);
    const fresh = new FakeWindow();
    made.window = fresh;
    badge.windowCreated();
    expect(fresh.overlay?.description).toBe('2 unread messages');
  });
});
