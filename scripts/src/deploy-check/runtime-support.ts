/**
 * Check (a): is the configured runtime deployable, according to firebase-tools'
 * own runtime table (node_modules/firebase-tools/lib/deploy/functions/runtimes/
 * supported/types.js, the table `firebase deploy` consults)? Fails when the
 * runtime is unknown, decommissioned, deprecated, or deprecated within
 * WARNING_DAYS — the window in which firebase-tools starts warning, so CI
 * notices before deploys start failing.
 */
export const WARNING_DAYS = 90;

/** One row of firebase-tools' RUNTIMES table. */
export interface RuntimeRow {
  friendly: string;
  status: string;
  deprecationDate: string;
  decommissionDate: string;
}

export interface CheckResult {
  ok: boolean;
  lines: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Pure: the verdict on `runtime` at `now`, given firebase-tools' table. */
export function checkRuntimeSupport(runtime: string, table: Record<string, RuntimeRow | undefined>, now: Date): CheckResult {
  const row = table[runtime];
  if (!row) return { ok: false, lines: [`runtime ${runtime} is not in firebase-tools' runtime table`] };
  const deprecation = new Date(row.deprecationDate);
  const decommission = new Date(row.decommissionDate);
  const facts = `${row.friendly}: ${row.status}, deprecated from ${row.deprecationDate}, decommissioned from ${row.decommissionDate}`;
  if (now >= decommission) return { ok: false, lines: [`${facts} — decommissioned: firebase deploy refuses it`] };
  if (now >= deprecation) return { ok: false, lines: [`${facts} — already deprecated`] };
  const daysLeft = Math.floor((deprecation.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < WARNING_DAYS) return { ok: false, lines: [`${facts} — deprecated in ${daysLeft} days (< ${WARNING_DAYS})`] };
  if (row.status !== 'GA') return { ok: false, lines: [`${facts} — not GA`] };
  return { ok: true, lines: [`${facts} — ${daysLeft} days before deprecation`] };
}

/** Loads firebase-tools' runtime table from the installed package. */
export function firebaseToolsRuntimeTable(): Record<string, RuntimeRow | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- firebase-tools ships CommonJS without types for this internal module
  const mod = require('firebase-tools/lib/deploy/functions/runtimes/supported/types.js') as { RUNTIMES: Record<string, RuntimeRow> };
  return mod.RUNTIMES;
}
