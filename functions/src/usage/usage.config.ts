/** The usage meter's one setting (a deploy-time param, like those in ../config.ts). */
import { defineInt } from 'firebase-functions/params';

export const DEFAULT_USAGE_FLUSH_SECONDS = 30;

export const usageFlushSeconds = defineInt('USAGE_FLUSH_SECONDS', {
  default: DEFAULT_USAGE_FLUSH_SECONDS,
  description: 'How often (seconds) each API instance adds its request counts to Firestore: fewer writes vs. less to lose when an instance stops.',
});

/** The interval in force; outside the Functions runtime (in-process tests, benchmarks) params read as 0, so the default applies. */
export function flushSeconds(): number {
  const value = usageFlushSeconds.value();
  return value > 0 ? value : DEFAULT_USAGE_FLUSH_SECONDS;
}
