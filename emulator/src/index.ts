/**
 * @nff/firestore-emulator: an embedded, Java-free Firestore emulator speaking
 * the google.firestore.v1 gRPC API that firebase-admin uses, plus REST
 * endpoints for clearing, export/import and trigger registration.
 */
export { start } from './server';
export type { StartOptions, RunningEmulator } from './server';
export type { TriggerSpec } from './triggers';
export type { DatabaseExport, EmulatorExport } from './data';
export { RulesCompileError } from './rules-registry';
export type { RulesCompiler } from './rules-registry';
export { callerOf } from './identity';
export type { Caller } from './identity';
