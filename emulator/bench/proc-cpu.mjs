/**
 * CPU time a process has used so far, read from /proc/<pid>/stat (Linux):
 * the benchmarks report server CPU per operation from two readings.
 */
import { readFileSync } from 'node:fs';

/** CPU time (ms, user + system) of `pid`; undefined off Linux or when the process is gone. */
export function cpuMsOf(pid) {
  try {
    // Fields after "(comm) ": state is [0], utime [11], stime [12], in clock ticks (USER_HZ = 100 on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
