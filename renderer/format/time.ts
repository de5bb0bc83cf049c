// Browser runtime, but pure. How times read in the chat list, on day separators and on
// hover. The clock is a parameter, so tests fix it; dates are in the user's local zone.
import type { Translate } from '../i18n/strings.js';

const dayMs = 24 * 60 * 60 * 1000;

function startOfDay(time: number): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from `time`'s day to `now`'s day (0 = same day); DST-safe. */
export function daysAgo(time: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(time)) / dayMs);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:mm, 24-hour. */
export function clockTime(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function calendarDate(time: number, t: Translate): string {
  const date = new Date(time);
  const [y, m, d] = [date.getFullYear(), date.getMonth() + 1, date.getDate()];
  return t('date', { y, m, d, mm: pad(m), dd: pad(d) });
}

function weekday(time: number, t: Translate): string {
  const day = new Date(time).getDay();
  return t(`weekday${day}` as `weekday${0 | 1 | 2 | 3 | 4 | 5 | 6}`);
}

/** Whether `time` falls in the six days before today (what "this week" means here). */
function withinWeek(days: number): boolean {
  return days >= 1 && days < 7;
}

/** The chat list: today HH:mm; this week the weekday; else the date. */
export function chatListTime(time: number, now: number, t: Translate): string {
  const days = daysAgo(time, now);
  if (days <= 0) return clockTime(time);
  if (withinWeek(days)) return weekday(time, t);
  return calendarDate(time, t);
}

/** A day separator in the chat: Today, Yesterday, a weekday this week, else the date. */
export function dayLabel(time: number, now: number, t: Translate): string {
  const days = daysAgo(time, now);
  if (days <= 0) return t('today');
  if (days === 1) return t('yesterday');
  if (withinWeek(days)) return weekday(time, t);
  return calendarDate(time, t);
}

/** The full time shown when hovering a message. */
export function fullTime(time: number, t: Translate): string {
  return `${calendarDate(time, t)} ${clockTime(time)}`;
}

/** A key for the local calendar day of `time`, for grouping messages by day. */
export function dayKey(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}
