/**
 * CPU time per process, read around each measured round: how many
 * milliseconds of CPU one request costs in the server under test, the
 * Firestore emulator, the Auth emulator (firebase-tools) and the load
 * generator. Throughput on this 2-core machine is shared by all of them, so a
 * route's req/s moves with the load of everyone else; CPU per request does
 * not, which makes it the steadier way to say where a route's cost lies.
 *
 * Linux only (/proc/<pid>/stat); elsewhere every reading is undefined and the
 * report leaves the table out.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (nearly always 100). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of a process in ms, or undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3 (state);
    // utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Processes whose CPU a round is charged with, by name. */
export type CpuProcesses = Record<string, number>;

/** Starts a reading; the returned function gives each process's CPU ms since. */
export function startCpuReading(processes: CpuProcesses): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, processCpuMs(pid)]));
  return () => {
    const spent: Record<string, number> = {};
    for (const [name, pid] of Object.entries(processes)) {
      const start = before[name];
      const end = processCpuMs(pid);
      if (start !== undefined && end !== undefined) spent[name] = end - start;
    }
    return spent;
  };
}

/** Sums readings of several rounds. */
export function addCpu(total: Record<string, number>, round: Record<string, number>): void {
  for (const [name, ms] of Object.entries(round)) total[name] = (total[name] ?? 0) + ms;
}
