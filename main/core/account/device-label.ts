// Node runtime. The label a new session gets in the user's list of sessions.
import os from 'node:os';
import { codePoints } from '../../../protocol/text.js';

const platformNames: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'Linux',
  darwin: 'macOS',
  win32: 'Windows',
};

/** Its longest, in code points (the server refuses longer). */
export const deviceLabelMax = 64;

/** "Messenger on Linux (hostname)": control characters dropped, cut to 64 code points. */
export function deviceLabel(platform: NodeJS.Platform = process.platform, hostname: string = os.hostname()): string {
  const host = hostname.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  const base = `Messenger on ${platformNames[platform] ?? platform}`;
  const label = host ? `${base} (${host})` : base;
  if (codePoints(label) <= deviceLabelMax) return label;
  return [...label].slice(0, deviceLabelMax - 2).join('') + '…)';
}
