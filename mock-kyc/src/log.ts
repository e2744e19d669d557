/**
 * Structured logging for the mock server.
 *
 * Log lines carry ids, codes and counters only. Applicant data (names,
 * document numbers, dates of birth, addresses) is PII even in a sandbox —
 * testers paste real-looking data — so callers must never pass it here.
 */

/** Receives one named event with id-only fields. */
export type Logger = (event: string, fields?: Record<string, string | number | boolean | undefined>) => void;

/** Default logger: one JSON object per line on stdout. */
export const jsonLogger: Logger = (event, fields = {}) => {
  process.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), service: 'mock-kyc', event, ...fields })}\n`);
};

/** Logger that drops everything (used when `logger: false` is configured). */
export const silentLogger: Logger = () => undefined;
