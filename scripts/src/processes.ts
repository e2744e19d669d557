/**
 * Child processes of the local stack. Each service runs in its own process
 * group (detached) so stopping it also stops what it spawned (the Functions
 * emulator forks a runtime per function); stop() signals the group by PID,
 * waits for the exit and escalates to SIGKILL after a grace period. A process
 * 'exit' hook kills whatever is still running if the parent dies first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

export interface Service {
  name: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with each line of output (stdout and stderr). */
  onLine?: (line: string) => void;
}

/** Start a service in its own process group. */
export function spawnService(name: string, command: string, args: string[], options: SpawnOptions = {}): Service {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  running.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    });
  }
  return {
    name,
    pid: child.pid,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren may outlive their parent: sweep the group once more.
      killGroup(child, 'SIGKILL');
    },
  };
}

/** Poll until fn resolves true, the service exits, or the deadline passes. */
export async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  void service?.exited.then(() => {
    exitedEarly = true;
  });
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`${service?.name} exited before ${what}`);
    if (await fn().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** True when an HTTP GET answers with the expected status. */
export async function httpAnswers(url: string, status = 200): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.status === status;
}

/** True when something accepts TCP connections on host:port. */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
