/** The usage meter's one setting (a deploy-time param, like those in ../config.ts). */
import { defineInt } from 'firebase-functions/params';

export const usageFlushSeconds = defineInt('USAGE_FLUSH_SECONDS', {
  default: 30,
  description: 'How often (seconds) each API instance adds its request counts to Firestore: fewer writes vs. less to lose when an instance stops.',
});
