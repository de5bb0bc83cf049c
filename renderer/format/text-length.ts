// Browser runtime, but pure. The server counts message length in code points (an emoji is
// one, not two UTF-16 units), so the composer does too.

export const maxMessageLength = 4000;
/** From here on the composer shows how many characters are left. */
export const showCounterFrom = 3500;

export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

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
