// Do not disturb's choices: "until tomorrow 8:00" is the next day's 8:00 local time, also
// across a month, a year and a DST change, and a time already past reads as off.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { doNotDisturbChange, doNotDisturbChoice, tomorrowAt } from '../../../renderer/format/do-not-disturb.js';

// Set before the times below are made; put back for the next file in this worker.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const at = (year: number, month: number, day: number, hour: number, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).getTime();

describe('tomorrowAt', () => {
  it('is 8:00 on the next calendar day, whatever the hour now', () => {
    expect(tomorrowAt(8, at(2024, 3, 14, 0, 1))).toBe(at(2024, 3, 15, 8));
    expect(tomorrowAt(8, at(2024, 3, 14, 23, 59))).toBe(at(2024, 3, 15, 8));
    expect(tomorrowAt(8, at(2024, 3, 31, 12))).toBe(at(2024, 4, 1, 8));
    expect(tomorrowAt(8, at(2024, 12, 31, 22))).toBe(at(2025, 1, 1, 8));
  });

  it('is 8:00 on the clock across a DST change, not 24 hours on', () => {
    // The night of 30 to 31 March 2024 has 23 hours in Berlin.
    const night = at(2024, 3, 30, 20);
    expect(new Date(tomorrowAt(8, night)).getHours()).toBe(8);
    expect(tomorrowAt(8, night) - night).toBe(11 * 3_600_000);
  });
});

describe('the choices', () => {
  const now = at(2024, 3, 14, 22);
  it('turn into settings', () => {
    expect(doNotDisturbChange('off', now)).toEqual({ doNotDisturb: false, doNotDisturbUntil: null });
    expect(doNotDisturbChange('on', now)).toEqual({ doNotDisturb: true, doNotDisturbUntil: null });
    expect(doNotDisturbChange('untilMorning', now)).toEqual({
      doNotDisturb: true,
      doNotDisturbUntil: at(2024, 3, 15, 8),
    });
  });

  it('are read back from settings, a past time as off', () => {
    expect(doNotDisturbChoice({ doNotDisturb: false, doNotDisturbUntil: null }, now)).toBe('off');
    expect(doNotDisturbChoice({ doNotDisturb: true, doNotDisturbUntil: null }, now)).toBe('on');
    expect(doNotDisturbChoice(doNotDisturbChange('untilMorning', now), now)).toBe('untilMorning');
    expect(doNotDisturbChoice(doNotDisturbChange('untilMorning', now), at(2024, 3, 15, 8))).toBe('off');
  });
});
