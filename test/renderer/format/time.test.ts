// Times in the chat list and on day separators, against a fixed clock in local time.
import { describe, expect, it } from 'vitest';
import { chatListTime, clockTime, dayLabel, daysAgo, fullTime } from '../../../renderer/format/time.js';
import { translator } from '../../../renderer/i18n/strings.js';

const en = translator('en');
const zh = translator('zh');
// Thursday 14 March 2024, 15:30 local time.
const now = new Date(2024, 2, 14, 15, 30).getTime();
const at = (day: number, hour: number, minute = 0, month = 2, year = 2024) =>
  new Date(year, month, day, hour, minute).getTime();

describe('chatListTime', () => {
  it('shows HH:mm for today, in 24-hour time', () => {
    expect(chatListTime(at(14, 0, 5), now, en)).toBe('00:05');
    expect(chatListTime(at(14, 15, 29), now, en)).toBe('15:29');
    expect(chatListTime(at(14, 9, 3), now, zh)).toBe('09:03');
  });

  it('shows the weekday for the six days before today', () => {
    expect(chatListTime(at(13, 23, 59), now, en)).toBe('Wednesday');
    expect(chatListTime(at(8, 8), now, en)).toBe('Friday');
    expect(chatListTime(at(11, 12), now, zh)).toBe('星期一');
  });

  it('shows the date for anything older', () => {
    expect(chatListTime(at(7, 12), now, en)).toBe('2024-03-07');
    expect(chatListTime(at(25, 12, 0, 11, 2023), now, en)).toBe('2023-12-25');
    expect(chatListTime(at(7, 12), now, zh)).toBe('2024/3/7');
  });

  it('treats a time slightly in the future (clock skew) as today', () => {
    expect(chatListTime(now + 60_000, now, en)).toBe('15:31');
  });
});

describe('dayLabel', () => {
  it('says Today, Yesterday, a weekday, or the date', () => {
    expect(dayLabel(at(14, 1), now, en)).toBe('Today');
    expect(dayLabel(at(13, 1), now, en)).toBe('Yesterday');
    expect(dayLabel(at(12, 1), now, en)).toBe('Tuesday');
    expect(dayLabel(at(1, 1), now, en)).toBe('2024-03-01');
    expect(dayLabel(at(13, 1), now, zh)).toBe('昨天');
  });
});

describe('other formats', () => {
  it('counts calendar days, not 24-hour periods', () => {
    expect(daysAgo(at(13, 23, 59), at(14, 0, 1))).toBe(1);
    expect(daysAgo(at(14, 0, 1), at(14, 23, 59))).toBe(0);
  });

  it('gives the full date and time for hovering a message', () => {
    expect(fullTime(at(7, 8, 9), en)).toBe('2024-03-07 08:09');
    expect(clockTime(at(7, 18, 0))).toBe('18:00');
  });
});
