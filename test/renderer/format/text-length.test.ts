// The composer's limit, counted in code points as the server counts it.
import { describe, expect, it } from 'vitest';
import { codePoints, limits } from '../../../main/ipc/rules.js';
import { checkLength, maxMessageLength } from '../../../renderer/format/text-length.js';
import { errorCode, failureTextKey } from '../../../renderer/format/failure-text.js';
import { failureCodes } from '../../../main/ipc/contract.js';

describe('checkLength', () => {
  it('counts an emoji as one character', () => {
    expect(codePoints('😀😀')).toBe(2);
    expect(codePoints('中文')).toBe(2);
  });

  it('shows the counter from 500 characters before the protocol’s limit and refuses more', () => {
    expect(maxMessageLength).toBe(limits.contentMaxCodePoints);
    expect(checkLength('x'.repeat(maxMessageLength - 501))).toMatchObject({ showCounter: false, tooLong: false });
    expect(checkLength('x'.repeat(maxMessageLength - 500))).toMatchObject({
      showCounter: true,
      left: 500,
      tooLong: false,
    });
    expect(checkLength('😀'.repeat(maxMessageLength))).toMatchObject({ left: 0, tooLong: false });
    expect(checkLength('x'.repeat(maxMessageLength + 1))).toMatchObject({ left: -1, tooLong: true });
  });
});

describe('failure text', () => {
  it('maps the server’s codes to sentences, unknown ones to "something went wrong"', () => {
    expect(failureTextKey('conflict')).toBe('errorConflict');
    expect(failureTextKey('unauthorized')).toBe('errorUnauthorized');
    expect(failureTextKey('offline')).toBe('errorOffline');
    expect(failureTextKey('whatever')).toBe('errorInternal');
  });

  it('has a sentence of its own for every code main can answer', () => {
    const generic = failureCodes.filter((code) => code !== 'internal' && failureTextKey(code) === 'errorInternal');
    expect(generic).toEqual([]);
    expect(failureTextKey('connection_dropped')).toBe('errorConnectionDropped');
  });

  it('reads the code off a rejected request', () => {
    expect(errorCode(Object.assign(new Error('taken'), { code: 'conflict' }))).toBe('conflict');
    expect(errorCode(new Error('plain'))).toBe('internal');
    expect(errorCode('nope')).toBe('internal');
  });
});
