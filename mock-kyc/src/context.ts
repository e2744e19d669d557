/** The per-instance services shared by the routers. */
import type { ResolvedConfig } from './config';
import type { Decider } from './decisions';
import type { Dispatcher } from './dispatcher';
import type { FaultInjector } from './faults';
import type { IdempotencyStore } from './idempotency';
import type { Logger } from './log';
import type { Scheduler } from './scheduler';
import type { Store } from './store';

/** Everything a router needs; built once per createMockKyc() call. */
export interface Context {
  config: ResolvedConfig;
  store: Store;
  faults: FaultInjector;
  dispatcher: Dispatcher;
  decider: Decider;
  idempotency: IdempotencyStore;
  scheduler: Scheduler;
  log: Logger;
}
