// "Until tomorrow 8:00" lands on 8:00 on the user's clock: across midnight, at the end of a
// month and year, and across both daylight-saving changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tomorrowAt } from '../../../main/ipc/local-time.js';

const zoneBefore = process.env.TZ;

function inZone(zone: string) {
  beforeEach(() => {
    process.env.TZ = zone;
  });
  afterEach(() => {
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
  });
}

describe('tomorrowAt in Europe/Berlin', () => {
  inZone('Europe/Berlin');

  it.each([
    ['late evening', '2026-06-10T23:59:00+02:00', '2026-06-11T08:00:00+02:00'],
    [
      'just after midnight: the next calendar day, as the label says',
      '2026-06-11T00:30:00+02:00',
      '2026-06-12T08:00:00+02:00',
    ],
    ['at 8:00 itself', '2026-06-11T08:00:00+02:00', '2026-06-12T08:00:00+02:00'],
    ['the last day of a year', '2026-12-31T21:00:00+01:00', '2027-01-01T08:00:00+01:00'],
    ['the night the clocks go forward (23 h day)', '2026-03-28T22:00:00+01:00', '2026-03-29T08:00:00+02:00'],
    ['the night the clocks go back (25 h day)', '2026-10-24T22:00:00+02:00', '2026-10-25T08:00:00+01:00'],
  ])('%s', (_case, now, expected) => {
    expect(tomorrowAt(8, Date.parse(now))).toBe(Date.parse(expected));
  });

  it('the DST nights are 9 and 11 hours long, not 10', () => {
    const spring = Date.parse('2026-03-28T22:00:00+01:00');
    const autumn = Date.parse('2026-10-24T22:00:00+02:00');
    expect((tomorrowAt(8, spring) - spring) / 3_600_000).toBe(9);
    expect((tomorrowAt(8, autumn) - autumn) / 3_600_000).toBe(11);
  });
});

describe('tomorrowAt in Asia/Shanghai', () => {
  inZone('Asia/Shanghai');

  it('8:00 in China is 0:00 UTC', () => {
    expect(new Date(tomorrowAt(8, Date.parse('2026-06-10T15:00:00Z'))).toISOString()).toBe('2026-06-11T00:00:00.000Z');
  });
});

describe('tomorrowAt refuses an hour that is not one', () => {
  it.each([-1, 24, 7.5, Number.NaN])('%s', (hour) => {
    expect(() => tomorrowAt(hour, 0)).toThrow(RangeError);
  });
});
