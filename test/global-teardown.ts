/** Jest global teardown: stop every server global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__NFF_STACK__?.stop();
  globalThis.__NFF_STACK__ = undefined;
}
