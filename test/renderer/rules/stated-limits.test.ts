// The limits the UI states and enforces come from the protocol: with other limits, the
// sentences and the composer's counter change with them, in both languages.
import { describe, expect, it, vi } from 'vitest';
import type * as rules from '../../../main/ipc/rules.js';
import { text } from '../../../renderer/i18n/strings.js';
import { checkLength } from '../../../renderer/format/text-length.js';

vi.mock('../../../main/ipc/rules.js', async (importOriginal) => {
  const real = await importOriginal<typeof rules>();
  return {
    ...real,
    limits: {
      ...real.limits,
      contentMaxCodePoints: 1234,
      nameMaxCodePoints: 17,
      passwordMinCodePoints: 11,
      passwordMaxCodePoints: 99,
    },
  };
});

describe('limits the UI states', () => {
  it('says how far over the message limit the text is', () => {
    expect(text('en', 'charactersOver', { n: 2 })).toBe('2 characters over the 1234-character limit');
    expect(text('zh', 'charactersOver', { n: 2 })).toBe('超出 1234 字符上限 2 个字符');
  });

  it('states the name and password lengths when the server refuses them', () => {
    expect(text('en', 'errorBadRequest')).toContain(
      'the name (1 to 17 characters) and the password (11 to 99 characters)',
    );
    expect(text('zh', 'errorBadRequest')).toContain('用户名（1 到 17 个字符）和密码（11 到 99 个字符）');
  });
});

describe('the limit the composer enforces', () => {
  it('counts down to the protocol’s message limit and refuses one past it', () => {
    expect(checkLength('x'.repeat(1234 - 500))).toMatchObject({ showCounter: true, left: 500, tooLong: false });
    expect(checkLength('x'.repeat(1234))).toMatchObject({ left: 0, tooLong: false });
    expect(checkLength('x'.repeat(1235))).toMatchObject({ left: -1, tooLong: true });
  });
});
