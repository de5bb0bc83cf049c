// Browser runtime, but pure. Do not disturb's three choices and the settings each one means;
// "until tomorrow 8:00" is the next calendar day at 8:00 local time (DST-safe: built from the
// date's parts, not by adding 24 hours). The desktop side may end it at that time by itself.
import type { Settings } from '../../main/ipc/contract.js';
import { tomorrowAt } from '../../main/ipc/local-time.js';

export type DoNotDisturbChoice = 'off' | 'on' | 'untilMorning';

/** The morning "until tomorrow" ends at. */
export const morningHour = 8;

/** The choice the settings show; a time already past reads as off. */
export function doNotDisturbChoice(
  settings: Pick<Settings, 'doNotDisturb' | 'doNotDisturbUntil'>,
  now: number,
): DoNotDisturbChoice {
  if (!settings.doNotDisturb) return 'off';
  if (settings.doNotDisturbUntil === null) return 'on';
  return settings.doNotDisturbUntil > now ? 'untilMorning' : 'off';
}

/** The settings change a choice makes at `now`. */
export function doNotDisturbChange(
  choice: DoNotDisturbChoice,
  now: number,
): Pick<Settings, 'doNotDisturb' | 'doNotDisturbUntil'> {
  switch (choice) {
    case 'off':
      return { doNotDisturb: false, doNotDisturbUntil: null };
    case 'on':
      return { doNotDisturb: true, doNotDisturbUntil: null };
    case 'untilMorning':
      return { doNotDisturb: true, doNotDisturbUntil: tomorrowAt(morningHour, now) };
  }
}
