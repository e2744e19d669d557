/**
 * What a function instance builds once and shares between its invocations:
 * the composition root, built on the first invocation (not on import — see
 * index.ts for why). Used by index.ts and the trigger declarations in
 * triggers/.
 */
import type { Services } from './composition';

/** Memoise an async load; a failed load is not cached, so the next call tries again. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= load().catch((err: unknown) => {
      value = undefined;
      throw err;
    }));
}

/** The instance's services (composition.ts), built on first use. */
export const services = once<Services>(async () => (await import('./composition')).defaultServices());
