// The update decisions, pure: channels, what is newer, the wait after a failure, and how
// electron-updater's events read as the window's UpdateStatus.
import { describe, expect, it } from 'vitest';
import {
  channelOf,
  feedFileName,
  hourMs,
  planUpdate,
  statusAfter,
  waitAfterFailure,
  type FeedOffer,
} from '../../../../main/electron/updates/update-plan.js';

const offer = (version: string): FeedOffer => ({
  version,
  files: [{ url: `Messenger-${version}.AppImage`, sha512: 'c2hh', size: 10 }],
});

describe('channels', () => {
  it('follows the prerelease tag, stable builds follow latest', () => {
    expect(channelOf('1.2.0')).toBe('latest');
    expect(channelOf('1.2.0-beta.1')).toBe('beta');
    expect(channelOf('2.0.0-alpha')).toBe('alpha');
  });

  it("names electron-updater's feed file per channel and platform", () => {
    expect(feedFileName('latest', 'win32')).toBe('latest.yml');
    expect(feedFileName('latest', 'darwin')).toBe('latest-mac.yml');
    expect(feedFileName('latest', 'linux')).toBe('latest-linux.yml');
    expect(feedFileName('beta', 'linux')).toBe('beta-linux.yml');
  });
});

describe('planUpdate', () => {
  it('downloads a newer release, naming its first file', () => {
    expect(planUpdate('1.0.0', offer('1.1.0'))).toEqual({
      kind: 'download',
      version: '1.1.0',
      file: 'Messenger-1.1.0.AppImage',
    });
  });

  it('does nothing for the same or an older release', () => {
    expect(planUpdate('1.1.0', offer('1.1.0'))).toEqual({ kind: 'nothing', why: 'not-newer' });
    expect(planUpdate('1.1.0', offer('1.0.9'))).toEqual({ kind: 'nothing', why: 'not-newer' });
  });

  it('never gives a stable build a prerelease', () => {
    expect(planUpdate('1.0.0', offer('1.1.0-beta.1'))).toEqual({ kind: 'nothing', why: 'prerelease-on-stable' });
  });

  it('gives a beta the next beta and the next stable release, but not an alpha', () => {
    expect(planUpdate('1.1.0-beta.1', offer('1.1.0-beta.2')).kind).toBe('download');
    expect(planUpdate('1.1.0-beta.2', offer('1.1.0')).kind).toBe('download');
    expect(planUpdate('1.1.0-beta.2', offer('1.2.0-alpha.1'))).toEqual({ kind: 'nothing', why: 'other-channel' });
  });
});

describe('waitAfterFailure', () => {
  const failedAt = 1_000_000;

  it('holds a start within the hour after a failure, until the hour is over', () => {
    expect(waitAfterFailure('start', failedAt, failedAt + hourMs - 1)).toEqual({
      kind: 'wait',
      until: failedAt + hourMs,
    });
    expect(waitAfterFailure('start', failedAt, failedAt + hourMs)).toBeNull();
  });

  it('never holds the daily check, nor a start without a failure', () => {
    expect(waitAfterFailure('daily', failedAt, failedAt + 1)).toBeNull();
    expect(waitAfterFailure('start', null, failedAt)).toBeNull();
  });
});

describe('statusAfter', () => {
  const idle = { state: 'idle' } as const;

  it('reads a download from start to ready', () => {
    const available = statusAfter(idle, { type: 'update-available', version: '1.1.0' }, '1.1.0');
    expect(available).toEqual({ state: 'downloading', version: '1.1.0', percent: 0 });
    const progress = statusAfter(available!, { type: 'download-progress', percent: 42.6 }, '1.1.0');
    expect(progress).toEqual({ state: 'downloading', version: '1.1.0', percent: 43 });
    expect(statusAfter(progress!, { type: 'update-downloaded', version: '1.1.0' }, '1.1.0')).toEqual({
      state: 'ready',
      version: '1.1.0',
    });
  });

  it('keeps percentages within 0-100 and ignores progress of nothing offered', () => {
    expect(statusAfter(idle, { type: 'download-progress', percent: 140 }, '2.0.0')).toMatchObject({ percent: 100 });
    expect(statusAfter(idle, { type: 'download-progress', percent: 10 }, null)).toBeNull();
  });

  it('shows a failure, except over an update that is ready', () => {
    expect(statusAfter(idle, { type: 'error', message: 'sha512 checksum mismatch' }, null)).toEqual({
      state: 'failed',
      message: 'sha512 checksum mismatch',
    });
    const ready = { state: 'ready', version: '1.1.0' } as const;
    expect(statusAfter(ready, { type: 'error', message: 'offline' }, null)).toBeNull();
    expect(statusAfter(ready, { type: 'update-not-available' }, null)).toBeNull();
    expect(statusAfter(idle, { type: 'checking-for-update' }, null)).toBeNull();
  });
});
