// Do not disturb's choices: "until tomorrow 8:00" is the next day's 8:00 local time
// (tomorrowAt's own cases are in test/main/ipc/local-time.test.ts), and a time already past
// reads as off.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { doNotDisturbChange, doNotDisturbChoice } from '../../../renderer/format/do-not-disturb.js';

// Set before the times below are made; put back for the next file in this worker.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const at = (year: number, month: number, day: number, hour: number, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).getTime();

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
