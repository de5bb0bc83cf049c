// Linux /proc, read by the tests and the bench to follow the processes of the throwaway
// PostgreSQL and Redis: their state, their parent, and the CPU time they used.
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticks = 100;

export interface ProcStat {
  pid: number;
  /** R, S, D, … ; Z (zombie) and X (dead) hold nothing any more. */
  state: string;
  ppid: number;
  /** CPU seconds (user + system) of the process itself. */
  cpu: number;
  /** CPU seconds of its children that exited and were waited for. */
  reapedCpu: number;
}

export function procStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command, which is in parentheses and may hold spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(f[i]);
    return { pid, state: f[0]!, ppid: n(1), cpu: (n(11) + n(12)) / ticks, reapedCpu: (n(13) + n(14)) / ticks };
  } catch {
    return undefined;
  }
}

export function processIds(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export function childrenOf(parent: number): ProcStat[] {
  return processIds()
    .map(procStat)
    .filter((stat): stat is ProcStat => stat?.ppid === parent);
}

/** Still running: an orphan that exited and was not reaped yet (a zombie) holds nothing. */
export function alive(pid: number): boolean {
  const state = procStat(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}
