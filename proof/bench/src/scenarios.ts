/**
 * The measured routes. Each scenario builds the same load for the baseline
 * and for the app (same method, path, body, connections, identities), checks
 * every response body, and afterwards checks the state the app left in
 * Firestore (no lost or duplicated write, one audit entry per update).
 */
import { randomUUID } from 'node:crypto';
import { BASELINE_KYC_COLLECTION } from './baseline';
import { SAME_WORK_KYC_CASES } from './samework';
import { cycle, KYC_SUBMISSION, kycSliceSize, once, type BenchOptions, type Fixtures } from './fixtures';
import type { Identity, LoadSpec } from './load';
import { benchDb, mapLimit } from './seed';

/** bare baseline, same-work baseline (samework.ts), the app. */
export type Target = 'baseline' | 'samework' | 'app';
export const TARGETS: readonly Target[] = ['baseline', 'samework', 'app'];

export interface Scenario {
  route: string;
  /** What one request does and how identities are chosen (for the report). */
  note: string;
  /** The load for one target and round; `warmup` builds the unmeasured warm-up run. */
  spec(target: Target, baseUrl: string, warmup: boolean, round: number): LoadSpec;
  /** Runs after the warm-ups, before the measured rounds (e.g. snapshots state to compare). */
  beforeRounds?(): Promise<void>;
  /** Checks Firestore after all rounds of a target; returns violations. */
  verify?(target: Target, okByUid: Map<string, number>): Promise<string[]>;
}

interface Body {
  uid?: string;
  items?: { uid: string }[];
  nextCursor?: string | null;
}
const parse = (body: string): Body => {
  try {
    return JSON.parse(body) as Body;
  } catch {
    return {};
  }
};

/** The caller's own profile, nobody else's. */
const ownProfile = (identity: Identity, body: string): string | undefined => {
  const uid = parse(body).uid;
  return uid === identity.uid ? undefined : `response for ${identity.uid} carried uid ${String(uid)}`;
};

/** A full page starting at the expected uid, strictly ascending. */
const pageCheck =
  (pageSize: number, firstUid: string) =>
  (_identity: Identity, body: string): string | undefined => {
    const items = parse(body).items ?? [];
    if (items.length !== pageSize) return `page has ${items.length} items, expected ${pageSize}`;
    if (items[0].uid !== firstUid) return `page starts at ${items[0].uid}, expected ${firstUid}`;
    for (let i = 1; i < items.length; i++) if (items[i].uid <= items[i - 1].uid) return 'page is not in uid order';
    return undefined;
  };

/** Audit entries of profile updates for `uid`, counted while its version stood still. */
async function auditsAtStableVersion(uid: string): Promise<{ audits: number; stableVersion: number }> {
  const ref = benchDb().collection('users').doc(uid);
  const count = benchDb().collection('auditLogs').where('action', '==', 'user.profile.updated').where('target.id', '==', uid).count();
  for (let attempt = 0; ; attempt++) {
    const before = Number((await ref.get()).get('version') ?? 0);
    const audits = (await count.get()).data().count;
    const after = Number((await ref.get()).get('version') ?? 0);
    // A commit writes the version and its audit entry atomically, so with no
    // version change around the count, the two must agree.
    if (before === after || attempt >= 20) return { audits, stableVersion: after };
  }
}

/** Follow nextCursor from the first page to page `index`; checks every page joins the last. */
export async function walkToPage(appUrl: string, admin: Identity, pageSize: number, index: number): Promise<string> {
  let cursor: string | undefined;
  let lastUid = '';
  for (let page = 0; page < index; page++) {
    const query = `limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(`${appUrl}/v1/admin/users?${query}`, { headers: { authorization: `Bearer ${admin.idToken}` } });
    const body = (await response.json()) as Body;
    const items = body.items ?? [];
    if (response.status !== 200 || items.length !== pageSize || !body.nextCursor) throw new Error(`cursor walk: page ${page} answered ${response.status} with ${items.length} items`);
    if (items[0].uid <= lastUid) throw new Error(`cursor walk: page ${page} repeats or skips (starts at ${items[0].uid} after ${lastUid})`);
    lastUid = items[items.length - 1].uid;
    cursor = body.nextCursor;
  }
  if (!cursor) throw new Error('cursor walk produced no cursor');
  return cursor;
}

export function buildScenarios(options: BenchOptions, fixtures: Fixtures, deepCursor: string): Scenario[] {
  const { connections, duration, warmup, pageSize } = options;
  const me = fixtures.meUsers.slice(0, connections);
  const timed = (isWarmup: boolean) => ({ duration: isWarmup ? warmup : duration });
  const versionsBefore = new Map<string, number>();
  const readVersions = async (): Promise<Map<string, number>> => {
    const snapshots = await benchDb().getAll(...me.map((u) => benchDb().collection('users').doc(u.uid)));
    return new Map(snapshots.map((s) => [s.id, Number(s.get('version') ?? 0)]));
  };

  return [
    {
      route: 'GET /v1/me',
      note: `${connections} connections, one user each; body checked to be the caller's own profile`,
      spec: (target, url, isWarmup) => ({ title: `${target} GET /v1/me`, url: `${url}/v1/me`, method: 'GET', connections, ...timed(isWarmup), nextIdentity: cycle(me), expectedStatus: 200, check: ownProfile }),
    },
    {
      route: 'PATCH /v1/me',
      note: `${connections} connections, one user each (no write contention), no If-Match (unconditional update, allowed by the contract)`,
      spec: (target, url, isWarmup) => ({
        title: `${target} PATCH /v1/me`,
        url: `${url}/v1/me`,
        method: 'PATCH',
        body: { displayName: 'Bench Patched' },
        connections,
        ...timed(isWarmup),
        nextIdentity: cycle(me),
        expectedStatus: 200,
        check: ownProfile,
      }),
      beforeRounds: async () => {
        for (const [uid, version] of await readVersions()) versionsBefore.set(uid, version);
      },
      verify: async (target, okByUid) => {
        if (target !== 'app') return [];
        const problems: string[] = [];
        const after = await readVersions();
        for (const user of me) {
          const ok = okByUid.get(user.uid) ?? 0;
          const version = after.get(user.uid) ?? 0;
          const grew = version - (versionsBefore.get(user.uid) ?? 0);
          // A request in flight when a timed run stops is applied, but its response is
          // not counted: at most one per connection (= user) and run, the warm-up
          // included (its last request may land after the snapshot).
          if (grew < ok || grew > ok + options.rounds + 1) problems.push(`PATCH /v1/me: ${user.uid} got ${ok} × 200 but its version grew by ${grew} (lost or duplicated update)`);
          // Requests still in flight may commit meanwhile: count the audit entries
          // between two equal reads of the version, so both describe one state.
          const { audits, stableVersion } = await auditsAtStableVersion(user.uid);
          if (audits !== stableVersion - 1) problems.push(`PATCH /v1/me: ${user.uid} is at version ${stableVersion} with ${audits} audit entries`);
        }
        return problems;
      },
    },
    {
      route: `GET /v1/admin/users (first page, limit ${pageSize})`,
      note: `admin identity on all ${connections} connections; ${options.listUsers + fixtures.meUsers.length + fixtures.kycUsers.length + fixtures.kycWarmupUsers.length + 1} profiles; page checked (size, first uid, order)`,
      spec: (target, url, isWarmup) => ({
        title: `${target} GET /v1/admin/users first`,
        url: `${url}/v1/admin/users?limit=${pageSize}`,
        method: 'GET',
        connections,
        ...timed(isWarmup),
        nextIdentity: () => fixtures.admin,
        expectedStatus: 200,
        check: pageCheck(pageSize, fixtures.admin.uid),
      }),
    },
    {
      route: `GET /v1/admin/users (deep page ${fixtures.deepPage.index + 1}, via cursor)`,
      note: `cursor obtained by following nextCursor through ${fixtures.deepPage.index} pages (each checked to join the previous); baseline resumes after the same uid`,
      spec: (target, url, isWarmup) => ({
        title: `${target} GET /v1/admin/users deep`,
        url:
          target === 'app'
            ? `${url}/v1/admin/users?limit=${pageSize}&cursor=${encodeURIComponent(deepCursor)}`
            : `${url}/v1/admin/users?limit=${pageSize}&after=${encodeURIComponent(fixtures.deepPage.afterUid)}`,
        method: 'GET',
        connections,
        ...timed(isWarmup),
        nextIdentity: () => fixtures.admin,
        expectedStatus: 200,
        check: pageCheck(pageSize, fixtures.deepPage.firstUid),
      }),
    },
    {
      route: 'POST /v1/me/kyc',
      note: `${options.kycRequests} requests per round on ${connections} connections, each by a new user (profile already provisioned, as by the Auth onCreate trigger) with a new Idempotency-Key: the 201 "case opened" path`,
      spec: (target, url, isWarmup, round) => {
        // Warm-up identities are split between the servers; each round has its own slice.
        const third = Math.floor(fixtures.kycWarmupUsers.length / TARGETS.length);
        const at = TARGETS.indexOf(target);
        const warmPool = fixtures.kycWarmupUsers.slice(at * third, (at + 1) * third);
        return {
          title: `${target} POST /v1/me/kyc`,
          url: `${url}/v1/me/kyc`,
          method: 'POST',
          body: KYC_SUBMISSION,
          connections,
          amount: isWarmup ? warmPool.length - connections - 1 : options.kycRequests,
          nextIdentity: once(isWarmup ? warmPool : fixtures.kycUsers.slice(round * kycSliceSize(options), (round + 1) * kycSliceSize(options))),
          perRequest: true,
          headers: () => ({ 'idempotency-key': randomUUID() }),
          expectedStatus: 201,
        };
      },
      verify: async (target, okByUid) => {
        const created = [...okByUid.values()].reduce((a, b) => a + b, 0);
        if (target !== 'app') {
          const collection = target === 'baseline' ? BASELINE_KYC_COLLECTION : SAME_WORK_KYC_CASES;
          const count = (await benchDb().collection(collection).count().get()).data().count;
          return count >= created ? [] : [`${target} POST /v1/me/kyc: ${created} × 201 but ${count} documents`];
        }
        const problems: string[] = [];
        const uids = fixtures.kycUsers.map((u) => u.uid);
        const chunks = Array.from({ length: Math.ceil(uids.length / 30) }, (_, i) => uids.slice(i * 30, i * 30 + 30));
        const cases = new Map<string, number>();
        await mapLimit(chunks, 4, async (chunk) => {
          const snapshot = await benchDb().collection('kycCases').where('uid', 'in', chunk).select('uid').get();
          for (const doc of snapshot.docs) cases.set(String(doc.get('uid')), (cases.get(String(doc.get('uid'))) ?? 0) + 1);
        });
        for (const uid of uids) {
          const want = okByUid.get(uid) ?? 0;
          const have = cases.get(uid) ?? 0;
          if (have !== want) problems.push(`POST /v1/me/kyc: ${uid} got ${want} × 201 but has ${have} cases (lost or duplicated)`);
        }
        return problems.slice(0, 20);
      },
    },
  ];
}
