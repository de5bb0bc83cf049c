// Node runtime. A file's name from a message, made safe to write on this computer: the sender
// chose it, so it may hold path separators, control characters or a reserved Windows name.
import path from 'node:path';

const reservedOnWindows = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function safeFileName(name: string): string {
  let safe = [...name]
    .map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' || '<>:"/\\|?*'.includes(char) ? '_' : char))
    .join('')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 200);
  if (safe === '' || reservedOnWindows.test(safe)) safe = `file${safe ? `-${safe}` : ''}`;
  return safe;
}

/** `name`, or `name (2).ext`, `name (3).ext`… : the first that `taken` says is free. */
export async function freeName(dir: string, name: string, taken: (file: string) => Promise<boolean>): Promise<string> {
  const { name: stem, ext } = path.parse(name);
  for (let n = 1; ; n++) {
    const file = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!(await taken(file))) return file;
  }
}
