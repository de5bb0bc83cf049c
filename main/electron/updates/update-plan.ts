// Node runtime, no Electron: the app's update decisions, pure. Which channel a build follows,
// what a feed (electron-builder's latest*.yml) offers, whether to download it or wait, and how
// electron-updater's events read as the UpdateStatus the window shows.
import semver from 'semver';
import type { UpdateStatus } from '../../ipc/desktop-contract.js';

/** `latest` for a stable build; a prerelease follows its tag: 1.2.0-beta.1 → `beta`. */
export type Channel = string;

/** What a feed offers: the fields of latest.yml the decision reads. */
export interface FeedOffer {
  version: string;
  files: { url: string; sha512: string; size?: number }[];
  releaseDate?: string;
}

export interface Wait {
  kind: 'wait';
  until: number;
}

export type Plan =
  | { kind: 'nothing'; why: 'not-newer' | 'prerelease-on-stable' | 'other-channel' }
  | { kind: 'download'; version: string; file: string }
  | Wait;

/** Why a check runs: at the app's start, or the daily timer. */
export type CheckTrigger = 'start' | 'daily';

export const hourMs = 60 * 60 * 1000;
export const dayMs = 24 * hourMs;

export function channelOf(version: string): Channel {
  const tag = semver.prerelease(version)?.[0];
  return typeof tag === 'string' ? tag : 'latest';
}

/** electron-updater's feed file for this channel and platform (its generic provider's names). */
export function feedFileName(channel: Channel, platform: NodeJS.Platform): string {
  const suffix = platform === 'darwin' ? '-mac' : platform === 'linux' ? '-linux' : '';
  return `${channel}${suffix}.yml`;
}

/**
 * After a failure, the start of the app checks again at most once an hour (a crash loop or a
 * quick restart does not hammer the server); the daily check always tries.
 */
export function waitAfterFailure(trigger: CheckTrigger, lastFailureAt: number | null, now: number): Wait | null {
  if (trigger !== 'start' || lastFailureAt === null) return null;
  const until = lastFailureAt + hourMs;
  return now < until ? { kind: 'wait', until } : null;
}

/** What to do with what the feed offers to a build of `current`. */
export function planUpdate(current: string, offer: FeedOffer): Plan {
  if (semver.lte(offer.version, current)) return { kind: 'nothing', why: 'not-newer' };
  const channel = channelOf(current);
  const offered = channelOf(offer.version);
  // A stable build never takes a prerelease; a beta takes betas and the stable releases after it.
  if (offered !== 'latest' && channel === 'latest') return { kind: 'nothing', why: 'prerelease-on-stable' };
  if (offered !== 'latest' && offered !== channel) return { kind: 'nothing', why: 'other-channel' };
  return { kind: 'download', version: offer.version, file: offer.files[0]!.url };
}

/** electron-updater's events, as the updater pieces hand them on. */
export type UpdaterEvent =
  | { type: 'checking-for-update' }
  | { type: 'update-not-available' }
  | { type: 'update-available'; version: string }
  | { type: 'download-progress'; percent: number }
  | { type: 'update-downloaded'; version: string }
  | { type: 'error'; message: string };

/** The status after `event`, from the status before it; null when the event changes nothing shown. */
export function statusAfter(before: UpdateStatus, event: UpdaterEvent, offered: string | null): UpdateStatus | null {
  switch (event.type) {
    case 'checking-for-update':
      return null;
    case 'update-not-available':
      return before.state === 'ready' ? null : { state: 'idle' };
    case 'update-available':
      return { state: 'downloading', version: event.version, percent: 0 };
    case 'download-progress': {
      const version = before.state === 'downloading' ? before.version : offered;
      if (version === null) return null;
      const percent = Math.min(100, Math.max(0, Math.round(event.percent)));
      return { state: 'downloading', version, percent };
    }
    case 'update-downloaded':
      return { state: 'ready', version: event.version };
    case 'error':
      // A downloaded update stays installable even when a later check fails.
      return before.state === 'ready' ? null : { state: 'failed', message: event.message };
  }
}
