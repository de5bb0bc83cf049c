// Avatars: the same colour for the same id, and one or two initials.
import { describe, expect, it } from 'vitest';
import { avatarColour, avatarColourCount, initials } from '../../../renderer/format/avatar.js';

describe('avatarColour', () => {
  it('is the same for the same id, every time', () => {
    for (const id of [1, 2, 42, 9_007_199_254]) expect(avatarColour(id)).toBe(avatarColour(id));
    expect([1, 2, 3, 4, 5].map(avatarColour)).toEqual([1, 2, 3, 4, 5].map(avatarColour));
  });

  it('picks one of the defined colours and spreads ids across them', () => {
    const colours = Array.from({ length: 200 }, (_, i) => avatarColour(i + 1));
    expect(colours.every((c) => Number.isInteger(c) && c >= 0 && c < avatarColourCount)).toBe(true);
    expect(new Set(colours).size).toBe(avatarColourCount);
  });

  it('gives neighbouring ids different colours more often than not', () => {
    const same = Array.from({ length: 100 }, (_, i) => avatarColour(i) === avatarColour(i + 1)).filter(Boolean).length;
    expect(same).toBeLessThan(30);
  });
});

describe('initials', () => {
  it('takes the first letter of up to two words, in capitals', () => {
    expect(initials('alice')).toBe('A');
    expect(initials('Carol  smith jones')).toBe('CS');
    expect(initials('  bob ')).toBe('B');
  });

  it('keeps whole characters: CJK and emoji', () => {
    expect(initials('张伟')).toBe('张');
    expect(initials('李雷')).toBe('李');
    expect(initials('é')).toBe('É');
    expect(initials('e\u0301')).toBe('E\u0301');
  });

  it('skips symbols and emoji in front for the first letter or number', () => {
    expect(initials('🙂Bob')).toBe('B');
    expect(initials('@alice')).toBe('A');
    expect(initials('👨‍👩‍👧 family')).toBe('F');
    expect(initials('👩‍💻 dev')).toBe('D');
    expect(initials('#1 fan')).toBe('1F');
  });

  it('shows a name of only emoji as its first emoji, never half of one', () => {
    expect(initials('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(initials('__ 🇨🇳🙂')).toBe('🇨🇳');
    expect(initials('\u200d👍🏽')).toBe('👍🏽');
  });

  it('shows a question mark when there is nothing to show', () => {
    expect(initials('__')).toBe('?');
    expect(initials('  ')).toBe('?');
  });

  it('shows a question mark for an empty name', () => {
    expect(initials('')).toBe('?');
  });
});
