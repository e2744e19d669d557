/**
 * Owner of every timer the server sets (decisions, retries, held events,
 * hung requests). Keeping them in one place is what lets stop() leave no
 * timer behind — a stray timer would keep a test runner or the CLI alive.
 */
import type { Logger } from './log';

/** Tracks timers, optionally grouped (by check id) so a group can be cancelled. */
export class Scheduler {
  private readonly timers = new Map<NodeJS.Timeout, string | undefined>();
  private closed = false;

  constructor(private readonly log: Logger) {}

  /** Run `fn` after `ms`; returns undefined once closed. Errors are logged, never thrown into the event loop. */
  schedule(fn: () => unknown, ms: number, group?: string): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      Promise.resolve()
        .then(fn)
        .catch((err: unknown) => this.log('timer.failed', { error: err instanceof Error ? err.name : 'unknown' }));
    }, ms);
    this.timers.set(handle, group);
    return handle;
  }

  /** Resolve after `ms` (immediately once closed). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.schedule(resolve, ms)) resolve();
    });
  }

  /** Cancel one timer. */
  clear(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    this.timers.delete(handle);
  }

  /** Cancel every timer of a group. */
  cancelGroup(group: string): void {
    for (const [handle, g] of this.timers) if (g === group) this.clear(handle);
  }

  /** Cancel everything and refuse new timers. */
  close(): void {
    this.closed = true;
    for (const handle of this.timers.keys()) clearTimeout(handle);
    this.timers.clear();
  }

  /** True after close(). */
  get isClosed(): boolean {
    return this.closed;
  }
}
