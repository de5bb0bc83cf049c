// Browser runtime, but pure. How times read, WeChat-style: in the chat list ("14:05",
// "Yesterday", "Tuesday", a date) and on the chat's time labels ("Yesterday 14:05"). The clock
// is a parameter, so tests fix it; dates are in the user's local zone. 12 or 24 hours follows
// the system's locale when it speaks the UI's language, else the language's own habit
// (en: 2:05 PM, 中文: 14:05).
import type { Translate } from '../i18n/strings.js';

const dayMs = 24 * 60 * 60 * 1000;
/** Consecutive messages this far apart (or more) get a time label between them. */
export const timeLabelGapMs = 5 * 60 * 1000;

function startOfDay(time: number): number {
  const date = new Date(time);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from `time`'s day to `now`'s day (0 = same day); DST-safe. */
export function daysAgo(time: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(time)) / dayMs);
}

/** The system's locale (navigator.language), when there is one. */
function systemLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

const language = (locale: string) => locale.toLowerCase().split(/[-_]/)[0];

/**
 * The locale times are written in: the system's when its language is the UI's (en-GB keeps its
 * 24 hours, zh-TW its 上午/下午), else the UI language's own (`timeLocale`: en-US, zh-CN).
 */
export function timeLocale(t: Translate, system: string | undefined = systemLocale()): string {
  const own = t('timeLocale');
  if (!system) return own;
  const key = `${own} ${system}`;
  let chosen = chosenLocales.get(key);
  if (chosen === undefined) {
    chosen = matching(own, system);
    chosenLocales.set(key, chosen);
  }
  return chosen;
}

/** Asked once per pair: every label on the screen asks again. */
const chosenLocales = new Map<string, string>();

function matching(own: string, system: string): string {
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(system);
    return supported && language(supported) === language(own) ? supported : own;
  } catch {
    return own; // a malformed system locale
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, kind: 'clock' | 'date'): Intl.DateTimeFormat {
  const key = `${kind}:${locale}`;
  let found = formats.get(key);
  if (!found) {
    found = kind === 'clock' ? clockFormat(locale) : dateFormat(locale);
    formats.set(key, found);
  }
  return found;
}

function clockFormat(locale: string): Intl.DateTimeFormat {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const twelve = hourCycle === 'h12' || hourCycle === 'h11';
  // 24 hours read "09:05", as clocks do; 12 hours "9:05 AM".
  return new Intl.DateTimeFormat(locale, { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit', hourCycle });
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  // 中文 as WeChat writes it (2026/11/20); English with the month's name, so 3/7 is never ambiguous.
  const month = language(locale) === 'zh' ? 'numeric' : 'short';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month, day: 'numeric' });
}

/** The time of day: "14:05" or "2:05 PM", by locale. */
export function clockTime(time: number, t: Translate, system?: string): string {
  return format(timeLocale(t, system ?? systemLocale()), 'clock').format(time);
}

export function calendarDate(time: number, t: Translate, system?: string): string {
  return format(timeLocale(t, system ?? systemLocale()), 'date').format(time);
}

function weekday(time: number, t: Translate): string {
  const day = new Date(time).getDay();
  return t(`weekday${day}` as `weekday${0 | 1 | 2 | 3 | 4 | 5 | 6}`);
}

/** The day's word: null for today, Yesterday, a weekday in the six days before, else the date. */
function dayWord(time: number, now: number, t: Translate, system: string | undefined): string | null {
  const days = daysAgo(time, now);
  if (days <= 0) return null;
  if (days === 1) return t('yesterday');
  if (days < 7) return weekday(time, t);
  return calendarDate(time, t, system);
}

/** The chat list: today the time; yesterday "Yesterday" (never its weekday); this week the weekday; else the date. */
export function chatListTime(time: number, now: number, t: Translate, system?: string): string {
  return dayWord(time, now, t, system) ?? clockTime(time, t, system);
}

/** A time label in the chat: "14:05", "Yesterday 14:05", "Tuesday 14:05", "2026/11/20 14:05". */
export function messageTimeLabel(time: number, now: number, t: Translate, system?: string): string {
  const day = dayWord(time, now, t, system);
  const clock = clockTime(time, t, system);
  return day === null ? clock : `${day} ${clock}`;
}

/** Whether a label goes before a message sent at `time`, after one sent at `previous` (null: the first). */
export function needsTimeLabel(previous: number | null, time: number): boolean {
  if (previous === null) return true;
  // A new day always says so, even a minute after midnight.
  return time - previous >= timeLabelGapMs || dayKey(previous) !== dayKey(time);
}

/** The full time shown when hovering a message. */
export function fullTime(time: number, t: Translate, system?: string): string {
  return `${calendarDate(time, t, system)} ${clockTime(time, t, system)}`;
}

/** A key for the local calendar day of `time`, for grouping messages by day. */
export function dayKey(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}
