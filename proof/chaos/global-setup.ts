/**
 * The chaos run's stack: the regular test stack (test/global-setup.ts) with
 * mock-provider timings suited to hundreds of cases, and the PID of THIS
 * stack's firebase-tools process exported as NFF_FIREBASE_PID, so the run
 * kills its own function workers and nobody else's.
 *
 * A timeout fault holds the connection 5 s instead of 30 s (the functions
 * give up after KYC_PROVIDER_TIMEOUT_MS = 3 s anyway, so a longer hang only
 * ties up sockets); one callback attempt may take 15 s instead of 5 s,
 * because a callback that lands on a function worker still booting (after
 * the kill) is slow, not lost; retries keep their 500 ms base (×2, 8
 * attempts). The mock reads DELIVERY_TIMEOUT_MS from the environment it
 * inherits from here.
 */
import testGlobalSetup from '../../test/global-setup';
import type { Stack } from '../../scripts/src/stack';

export default async function chaosGlobalSetup(): Promise<void> {
  process.env.NFF_MOCK_KYC_TIMEOUT_HANG_MS ??= '5000';
  process.env.DELIVERY_TIMEOUT_MS ??= '15000';
  await testGlobalSetup();
  const stack = globalThis.__NFF_STACK__ as Stack | undefined;
  const firebase = stack?.services.find((service) => service.name === 'firebase');
  if (firebase) process.env.NFF_FIREBASE_PID = String(firebase.pid);
}
