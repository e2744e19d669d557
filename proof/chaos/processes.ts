/**
 * The mid-run "restart": SIGKILL every function worker of THIS stack. The
 * Functions emulator runs each function invocation in a forked
 * functionsEmulatorRuntime process; killing them all loses whatever they were
 * doing (API requests, trigger deliveries, webhook calls) exactly as a
 * crashed instance would, and the emulator forks fresh workers for the next
 * requests. Only descendants of our own firebase-tools process
 * (NFF_FIREBASE_PID, from proof/chaos/global-setup.ts) are touched, never another
 * engineer's stack.
 */
import { execFileSync } from 'node:child_process';

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

function processTable(): Proc[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] }));
}

/** PIDs of the function workers descending from `rootPid`. */
export function functionWorkers(rootPid: number): number[] {
  const table = processTable();
  const descendants = new Set<number>([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const proc of table) {
      if (descendants.has(proc.ppid) && !descendants.has(proc.pid)) {
        descendants.add(proc.pid);
        grew = true;
      }
    }
  }
  return table.filter((proc) => proc.pid !== rootPid && descendants.has(proc.pid) && proc.args.includes('functionsEmulatorRuntime')).map((proc) => proc.pid);
}

/** SIGKILL the workers; returns how many were killed. */
export function killFunctionWorkers(rootPid: number): number {
  let killed = 0;
  for (const pid of functionWorkers(rootPid)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // Exited on its own meanwhile.
    }
  }
  return killed;
}
