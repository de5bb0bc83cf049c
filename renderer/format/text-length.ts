// Browser runtime, but pure. The composer counts a message's length as the server does, in
// code points, against the server's limit.
import { codePoints, limits } from '../../main/ipc/rules.js';

export const maxMessageLength = limits.contentMaxCodePoints;
/** From here on the composer shows how many characters are left. */
export const showCounterFrom = maxMessageLength - 500;

export interface LengthCheck {
  length: number;
  /** Characters still allowed; negative when over. */
  left: number;
  showCounter: boolean;
  tooLong: boolean;
}

export function checkLength(text: string): LengthCheck {
  const length = codePoints(text);
  return {
    length,
    left: maxMessageLength - length,
    showCounter: length >= showCounterFrom,
    tooLong: length > maxMessageLength,
  };
}
