// Shared by main and renderer, pure: times the user picks in their own local time.

/**
 * The next calendar day at `hour`:00 local time, in ms (e.g. "Do not disturb until tomorrow
 * 8:00"). Counted in calendar days, not 24 h steps, so a daylight-saving change in between
 * still lands on 8:00 on the clock.
 */
export function tomorrowAt(hour: number, now: number): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0-23 (got ${hour})`);
  const day = new Date(now);
  day.setDate(day.getDate() + 1);
  day.setHours(hour, 0, 0, 0);
  return day.getTime();
}
