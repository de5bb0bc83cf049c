// WeChat-style times in the chat list and on the chat's time labels, in both languages,
// against a fixed clock in local time: midnight, yesterday vs a weekday, 6 vs 7 days, a new
// year, a DST change, and the 5-minute rule.
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  chatListTime,
  clockTime,
  daysAgo,
  fullTime,
  messageTimeLabel,
  needsTimeLabel,
  timeLocale,
} from '../../../renderer/format/time.js';
import { translator } from '../../../renderer/i18n/strings.js';

const en = translator('en');
const zh = translator('zh');
// The system locales: en-US writes 12 hours, en-GB and zh-CN 24.
const us = 'en-US';
const cn = 'zh-CN';

// Europe/Berlin changes to summer time on 31 March 2024 (02:00 → 03:00) and back on 27 October.
// Set before the times below are made (Node reads TZ anew); put back for the next file in this worker.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

/** A local time: month is 1-based here, as people write it. */
const at = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) =>
  new Date(year, month - 1, day, hour, minute, second).getTime();
// Thursday 14 March 2024, 15:30.
const now = at(2024, 3, 14, 15, 30);

describe('the clock', () => {
  it('writes 12 hours in US English and 24 hours in Chinese', () => {
    expect(clockTime(at(2024, 3, 14, 14, 5), en, us)).toBe('2:05 PM');
    expect(clockTime(at(2024, 3, 14, 0, 1), en, us)).toBe('12:01 AM');
    expect(clockTime(at(2024, 3, 14, 14, 5), zh, cn)).toBe('14:05');
    expect(clockTime(at(2024, 3, 14, 9, 3), zh, cn)).toBe('09:03');
  });

  it('follows the system locale only when it speaks the UI language', () => {
    expect(timeLocale(en, 'en-GB')).toBe('en-GB');
    expect(clockTime(at(2024, 3, 14, 0, 1), en, 'en-GB')).toBe('00:01');
    // A Chinese system with the UI in English: English's own 12 hours.
    expect(timeLocale(en, cn)).toBe('en-US');
    expect(clockTime(at(2024, 3, 14, 14, 5), en, cn)).toBe('2:05 PM');
    // An English system with the UI in 中文: 24 hours.
    expect(timeLocale(zh, us)).toBe('zh-CN');
    expect(clockTime(at(2024, 3, 14, 14, 5), zh, us)).toBe('14:05');
    // No system locale, or a malformed one: the language's own.
    expect(timeLocale(zh, undefined)).toBe('zh-CN');
    expect(timeLocale(en, 'not a locale!')).toBe('en-US');
  });
});

describe('chatListTime', () => {
  it('shows the time today, Yesterday (never its weekday), the weekday this week, else the date', () => {
    expect(chatListTime(at(2024, 3, 14, 0, 5), now, en, us)).toBe('12:05 AM');
    expect(chatListTime(at(2024, 3, 14, 0, 5), now, zh, cn)).toBe('00:05');
    expect(chatListTime(at(2024, 3, 13, 23, 59), now, en, us)).toBe('Yesterday');
    expect(chatListTime(at(2024, 3, 13, 0, 0), now, zh, cn)).toBe('昨天');
    expect(chatListTime(at(2024, 3, 12, 23, 59), now, en, us)).toBe('Tuesday');
    expect(chatListTime(at(2024, 3, 12, 23, 59), now, zh, cn)).toBe('星期二');
  });

  it('turns a weekday into a date at 7 days', () => {
    // 6 days before Thursday is Friday; 7 days is last Thursday, written as a date.
    expect(chatListTime(at(2024, 3, 8, 0, 0), now, en, us)).toBe('Friday');
    expect(chatListTime(at(2024, 3, 8, 0, 0), now, zh, cn)).toBe('星期五');
    expect(chatListTime(at(2024, 3, 7, 23, 59), now, en, us)).toBe('Mar 7, 2024');
    expect(chatListTime(at(2024, 3, 7, 23, 59), now, zh, cn)).toBe('2024/3/7');
  });

  it('writes last year’s dates with their year', () => {
    const newYear = at(2025, 1, 1, 0, 1);
    expect(chatListTime(at(2024, 12, 31, 23, 59), newYear, en, us)).toBe('Yesterday');
    expect(chatListTime(at(2024, 12, 25, 9, 0), newYear, en, us)).toBe('Dec 25, 2024');
    expect(chatListTime(at(2024, 12, 25, 9, 0), newYear, zh, cn)).toBe('2024/12/25');
  });

  it('treats a time slightly in the future (clock skew) as today', () => {
    expect(chatListTime(now + 60_000, now, zh, cn)).toBe('15:31');
  });
});

describe('messageTimeLabel', () => {
  it('gives the time today, and the day and the time before', () => {
    expect(messageTimeLabel(at(2024, 3, 14, 14, 5), now, en, us)).toBe('2:05 PM');
    expect(messageTimeLabel(at(2024, 3, 14, 14, 5), now, zh, cn)).toBe('14:05');
    expect(messageTimeLabel(at(2024, 3, 13, 14, 5), now, en, us)).toBe('Yesterday 2:05 PM');
    expect(messageTimeLabel(at(2024, 3, 13, 14, 5), now, zh, cn)).toBe('昨天 14:05');
    expect(messageTimeLabel(at(2024, 3, 12, 14, 5), now, en, us)).toBe('Tuesday 2:05 PM');
    expect(messageTimeLabel(at(2024, 3, 12, 14, 5), now, zh, cn)).toBe('星期二 14:05');
    expect(messageTimeLabel(at(2024, 3, 7, 14, 5), now, en, us)).toBe('Mar 7, 2024 2:05 PM');
    expect(messageTimeLabel(at(2023, 11, 20, 14, 5), now, zh, cn)).toBe('2023/11/20 14:05');
  });

  it('moves across midnight: 23:59 is yesterday one minute after midnight', () => {
    const justAfter = at(2024, 3, 15, 0, 1);
    expect(messageTimeLabel(at(2024, 3, 14, 23, 59), justAfter, zh, cn)).toBe('昨天 23:59');
    expect(messageTimeLabel(at(2024, 3, 15, 0, 1), justAfter, zh, cn)).toBe('00:01');
    expect(messageTimeLabel(at(2024, 3, 14, 23, 59), justAfter, en, us)).toBe('Yesterday 11:59 PM');
    expect(messageTimeLabel(at(2024, 3, 15, 0, 1), justAfter, en, us)).toBe('12:01 AM');
  });

  it('counts calendar days across a DST change, where a day has 23 or 25 hours', () => {
    // 31 March 2024 has 23 hours in Berlin: 22:00 on the 30th is yesterday at 21:00 on the 31st.
    const afterSpring = at(2024, 3, 31, 21, 0);
    expect(afterSpring - at(2024, 3, 30, 22, 0)).toBeLessThan(24 * 3_600_000);
    expect(messageTimeLabel(at(2024, 3, 30, 22, 0), afterSpring, en, us)).toBe('Yesterday 10:00 PM');
    expect(messageTimeLabel(at(2024, 3, 31, 3, 0), afterSpring, zh, cn)).toBe('03:00');
    // 27 October 2024 has 25 hours: a week back is still a date, six days a weekday.
    const afterAutumn = at(2024, 10, 27, 23, 30);
    expect(daysAgo(at(2024, 10, 20, 23, 59), afterAutumn)).toBe(7);
    expect(chatListTime(at(2024, 10, 21, 0, 0), afterAutumn, en, us)).toBe('Monday');
    expect(chatListTime(at(2024, 10, 20, 23, 59), afterAutumn, zh, cn)).toBe('2024/10/20');
  });
});

describe('needsTimeLabel: a label every 5 minutes', () => {
  const first = at(2024, 3, 14, 14, 0);
  it('labels the first message', () => {
    expect(needsTimeLabel(null, first)).toBe(true);
  });

  it('labels a message 5:00 after the one before, not 4:59', () => {
    expect(needsTimeLabel(first, at(2024, 3, 14, 14, 4, 59))).toBe(false);
    expect(needsTimeLabel(first, at(2024, 3, 14, 14, 5, 0))).toBe(true);
  });

  it('labels a new day even a few minutes after the last message', () => {
    expect(needsTimeLabel(at(2024, 3, 14, 23, 59), at(2024, 3, 15, 0, 1))).toBe(true);
  });
});

describe('fullTime', () => {
  it('gives the date and the time, for hovering a message', () => {
    expect(fullTime(at(2024, 3, 7, 8, 9), en, us)).toBe('Mar 7, 2024 8:09 AM');
    expect(fullTime(at(2024, 3, 7, 18, 0), zh, cn)).toBe('2024/3/7 18:00');
  });
});
