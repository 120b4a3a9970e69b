// Per-process CPU time and memory from /proc (Linux only), so each server's cost is measured
// separately even though they share the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process, in microseconds (resolution one clock tick, usually 10 ms). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields after it are space separated (utime is field 14).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / ticksPerSecond;
}

/** Resident set size in KiB. */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)/.exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

export interface CpuWindow {
  /** CPU µs each named process used since the window opened. */
  close(): Record<string, number>;
}

/** Starts measuring CPU of several processes at once; close() returns the µs each one used. */
export function openCpuWindow(pids: Record<string, number>): CpuWindow {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMicros(pid)]));
  return {
    close: () =>
      Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMicros(pid) - before[name]!])),
  };
}
