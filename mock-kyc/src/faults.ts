/**
 * Fault injection, settable at run time through /v1/sandbox/faults.
 *
 * API faults (latency, 5xx, timeouts) apply to the provider API proper —
 * applicants and checks — and never to the sandbox/deliveries control plane,
 * otherwise an error rate of 1.0 would lock the tester out of resetting it.
 * Callback faults (duplicates, out-of-order) are drawn by the dispatcher.
 */
import type { RequestHandler, Response } from 'express';
import type { Logger } from './log';
import { Prng } from './prng';
import { ProblemError, sendProblem } from './problem';
import type { Scheduler } from './scheduler';

/** Fault settings; rates are probabilities in [0, 1]. */
export interface FaultSettings {
  /** Share of API requests answered 500 or 503. */
  errorRate: number;
  /** Extra latency added to every API request, in ms. */
  latencyMs: number;
  /** Share of API requests that are processed but never answered; the connection is dropped later. */
  timeoutRate: number;
  /** Share of callback events delivered twice. */
  duplicateRate: number;
  /** Share of callback events held back so a newer event of the same check arrives first. */
  outOfOrderRate: number;
}

/** No faults at all. */
export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  errorRate: 0,
  latencyMs: 0,
  timeoutRate: 0,
  duplicateRate: 0,
  outOfOrderRate: 0,
});

/** Current faults plus the seed the PRNG was last (re)started from. */
export interface FaultState extends FaultSettings {
  seed: number;
}

/** Holds the fault settings and the seeded random source every fault draw uses. */
export class FaultInjector {
  private settings: FaultSettings;
  private readonly prng: Prng;
  private seed: number;

  constructor(
    private readonly initial: Partial<FaultSettings>,
    private readonly initialSeed: number,
    private readonly scheduler: Scheduler,
    private readonly log: Logger,
    private readonly timeoutHangMs: number,
  ) {
    this.settings = { ...NO_FAULTS, ...initial };
    this.seed = initialSeed;
    this.prng = new Prng(initialSeed);
  }

  /** Current settings and seed. */
  get(): FaultState {
    return { ...this.settings, seed: this.seed };
  }

  /** Replace all settings; a given seed restarts the PRNG so the next draws are reproducible. */
  set(settings: FaultSettings, seed?: number): FaultState {
    this.settings = { ...settings };
    if (seed !== undefined) {
      this.seed = seed;
      this.prng.reseed(seed);
    }
    return this.get();
  }

  /** Back to the configured start-up faults and seed. */
  reset(): FaultState {
    this.settings = { ...NO_FAULTS, ...this.initial };
    this.seed = this.initialSeed;
    this.prng.reseed(this.initialSeed);
    return this.get();
  }

  /** One Bernoulli draw. Rates 0 and 1 consume no randomness, so they never shift other draws. */
  chance(rate: number): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.prng.next() < rate;
  }

  /** Express middleware applying latency, error and timeout faults to the provider API. */
  apiMiddleware(): RequestHandler {
    return async (req, res, next) => {
      const { latencyMs, errorRate, timeoutRate } = this.settings;
      if (latencyMs > 0) await this.scheduler.sleep(latencyMs);
      if (this.chance(errorRate)) {
        // Mix 500 and 503 because clients tend to treat them differently (503 + Retry-After invites a retry).
        const unavailable = this.prng.next() < 0.5;
        this.log('fault.injected', { kind: 'error', status: unavailable ? 503 : 500, requestId: res.locals.requestId as string });
        res.setHeader('X-Mock-Fault', 'error');
        const err = unavailable
          ? new ProblemError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable', 'Injected fault (errorRate).', undefined, {
              'Retry-After': '1',
            })
          : new ProblemError(500, 'INTERNAL_ERROR', 'Internal server error', 'Injected fault (errorRate).');
        return sendProblem(req, res, err);
      }
      if (this.chance(timeoutRate)) {
        this.log('fault.injected', { kind: 'timeout', requestId: res.locals.requestId as string });
        this.withholdResponse(res);
      }
      next();
    };
  }

  /**
   * The nastiest timeout: the request IS processed (an applicant or check is
   * created, a callback will follow) but the answer is lost and the connection
   * dropped later — exactly the case Idempotency-Key retries exist for.
   */
  private withholdResponse(res: Response): void {
    const mute = res as unknown as Record<'writeHead' | 'write' | 'end', unknown>;
    mute.writeHead = () => res;
    mute.write = () => true;
    mute.end = () => res;
    const timer = this.scheduler.schedule(() => res.socket?.destroy(), this.timeoutHangMs);
    res.on('close', () => this.scheduler.clear(timer));
  }
}
