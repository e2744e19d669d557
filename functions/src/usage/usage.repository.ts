/**
 * Firestore side of usage analytics, the only code here touching Firestore:
 *   usageDaily/{YYYY-MM-DD}   { day, requests: {op: {cls: n}}, rateLimited, apiKeys: {id: {cls: n}}, updatedAt }
 * written only with increments (set + merge), so every instance adds to the
 * same document without a transaction and without losing another's counts.
 * The KYC funnel's cases come from the KYC repository (FunnelCasesPort).
 */
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { DayCounts } from './usage.counters';
import type { UsageSink } from './usage.meter';

const USAGE_COLLECTION = 'usageDaily';
/** Field transforms per write, under Firestore's limit of 500 per document write. */
const TRANSFORMS_PER_WRITE = 400;

type Increment = [path: string[], n: number];

function incrementsOf(counts: DayCounts): Increment[] {
  const out: Increment[] = [];
  for (const [op, classes] of Object.entries(counts.requests)) for (const [cls, n] of Object.entries(classes)) if (n) out.push([['requests', op, cls], n]);
  for (const [key, classes] of Object.entries(counts.apiKeys)) for (const [cls, n] of Object.entries(classes)) if (n) out.push([['apiKeys', key, cls], n]);
  if (counts.rateLimited) out.push([['rateLimited'], counts.rateLimited]);
  return out;
}

/** Nested object for set({ merge: true }): map keys may hold any characters, unlike dotted field paths. */
function nestedOf(increments: Increment[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, n] of increments) {
    let node = root;
    for (const segment of path.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = FieldValue.increment(n);
  }
  return root;
}

const plainCounts = (value: unknown): Record<string, Partial<Record<string, number>>> => (value && typeof value === 'object' ? (value as Record<string, Partial<Record<string, number>>>) : {});

export class UsageRepository implements UsageSink {
  constructor(private readonly db: Firestore) {}

  async add(days: Map<string, DayCounts>): Promise<void> {
    for (const [day, counts] of days) {
      const increments = incrementsOf(counts);
      for (let i = 0; i < increments.length; i += TRANSFORMS_PER_WRITE) {
        const chunk = nestedOf(increments.slice(i, i + TRANSFORMS_PER_WRITE));
        await this.db.doc(`${USAGE_COLLECTION}/${day}`).set({ ...chunk, day, updatedAt: FieldValue.serverTimestamp() }, { merge: true });
      }
    }
  }

  /** The stored counts of each day (days without traffic are absent). */
  async days(dayIds: string[]): Promise<Map<string, DayCounts>> {
    if (dayIds.length === 0) return new Map();
    const snapshots = await this.db.getAll(...dayIds.map((day) => this.db.doc(`${USAGE_COLLECTION}/${day}`)));
    const out = new Map<string, DayCounts>();
    for (const snapshot of snapshots) {
      if (!snapshot.exists) continue;
      const data = snapshot.data() ?? {};
      out.set(snapshot.id, { requests: plainCounts(data.requests), apiKeys: plainCounts(data.apiKeys), rateLimited: typeof data.rateLimited === 'number' ? data.rateLimited : 0 });
    }
    return out;
  }
}
