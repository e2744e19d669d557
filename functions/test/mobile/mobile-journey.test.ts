/**
 * The mobile app's journey end to end, through the stack `npm start` runs
 * (jest global setup): the `firebase` JS SDK signs up and signs in against
 * the Auth emulator, listens to its own profile and KYC case straight from
 * Firestore under firestore.rules, submits KYC over the REST API, watches
 * the case reach `approved` with no status out of order, and is denied
 * another user's profile, case and events.
 */
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth, signInWithEmailAndPassword, signOut } from 'firebase/auth';
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getDoc,
  getDocs,
  getFirestore,
  onSnapshot,
  query,
  setLogLevel,
  terminate,
  updateDoc,
  where,
  type Firestore,
  type Unsubscribe,
} from 'firebase/firestore';
import { randomUUID } from 'node:crypto';
import { stackEnv } from '../../../test/env';
import { createTestUser } from '../../../test/identities';
import { applicant, seedKycCase } from '../kyc/kyc-fixtures';
import { api } from '../../../test/http';

// Expected permission-denied answers are asserted below; the SDK would also log each one.
setLogLevel('error');

/** The order a GREEN case moves through (kyc.state.ts). */
const GREEN_PATH = ['submitted', 'in_review', 'approved'];

function hostPort(url: string): [string, number] {
  const { hostname, port } = new URL(url);
  return [hostname, Number(port)];
}

async function denied(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'allowed';
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
}

/** Resolves with the first value `check` returns for a snapshot, or rejects with the listener's error. */
function until<T>(subscribe: (next: (v: unknown) => void, fail: (e: Error) => void) => Unsubscribe, check: (v: unknown) => T | undefined, ms = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('timed out waiting for a snapshot'));
    }, ms);
    const stop = subscribe(
      (v) => {
        const out = check(v);
        if (out === undefined) return;
        clearTimeout(timer);
        // Unsubscribing inside the callback is allowed by the SDK; defer so the current event finishes.
        setImmediate(() => stop());
        resolve(out);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

describe('the mobile app journey', () => {
  let app: FirebaseApp;
  let db: Firestore;

  beforeAll(() => {
    app = initializeApp({ projectId: stackEnv.projectId, apiKey: 'demo-api-key' }, `mobile-${randomUUID()}`);
    connectAuthEmulator(getAuth(app), stackEnv.authUrl, { disableWarnings: true });
    db = getFirestore(app);
    const [host, port] = hostPort(stackEnv.firestoreUrl);
    connectFirestoreEmulator(db, host, port);
  });

  afterAll(async () => {
    await terminate(db);
    await deleteApp(app);
  });

  it('signs up, watches its own case reach approved in order, and is denied everyone else’s data', async () => {
    const auth = getAuth(app);
    const email = `mobile-${randomUUID()}@example.test`;
    const password = `pw-${randomUUID()}`;
    await createUserWithEmailAndPassword(auth, email, password);
    await signOut(auth);
    const { user } = await signInWithEmailAndPassword(auth, email, password);
    const uid = user.uid;

    // Its own profile, live (the sign-up trigger creates it).
    const profile = await until(
      (next, fail) => onSnapshot(doc(db, `users/${uid}`), next, fail),
      (s) => ((s as { exists(): boolean }).exists() ? (s as { data(): Record<string, unknown> }).data() : undefined),
    );
    expect(profile).toBeDefined();

    // Its own case, live: a query the rules can prove (uid == request.auth.uid).
    const seen: string[] = [];
    let caseId: string | undefined;
    const approved = until(
      (next, fail) => onSnapshot(query(collection(db, 'kycCases'), where('uid', '==', uid)), next, fail),
      (s) => {
        const docs = (s as { docs: { id: string; get(f: string): unknown }[] }).docs;
        if (docs.length === 0) return undefined;
        caseId = docs[0]!.id;
        const status = String(docs[0]!.get('status'));
        if (seen[seen.length - 1] !== status) seen.push(status);
        return status === 'approved' ? status : undefined;
      },
    );

    const submitted = await api<Record<string, unknown>>('/v1/me/kyc', {
      method: 'POST',
      headers: { Authorization: `Bearer ${await user.getIdToken()}` },
      body: applicant('Lovelace'),
    });
    expect(submitted.status).toBe(201);
    expect(await approved).toBe('approved');
    // Every status seen is on the GREEN path, in its order (updates may coalesce, never go back).
    const positions = seen.map((s) => GREEN_PATH.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(caseId).toBe(submitted.body.id);

    // Its own case's events are readable.
    const events = await getDocs(collection(db, `kycCases/${caseId}/events`));
    expect(events.docs.map((e) => e.get('to'))).toEqual(GREEN_PATH);

    // Someone else's profile, case and events are not.
    const other = await createTestUser();
    const otherCase = await seedKycCase({ uid: other.uid, status: 'in_review' });
    expect(await denied(getDoc(doc(db, `users/${other.uid}`)))).toBe('permission-denied');
    expect(await denied(getDoc(doc(db, `kycCases/${otherCase.kycCase.id}`)))).toBe('permission-denied');
    expect(await denied(getDocs(collection(db, `kycCases/${otherCase.kycCase.id}/events`)))).toBe('permission-denied');
    expect(await denied(getDocs(query(collection(db, 'kycCases'), where('uid', '==', other.uid))))).toBe('permission-denied');
    // Its own profile stays readable, and no client writes, not even to its own profile.
    expect(await denied(getDoc(doc(db, `users/${uid}`)))).toBe('allowed');
    expect(await denied(updateDoc(doc(db, `users/${uid}`), { roles: ['admin'] }))).toBe('permission-denied');
  });
});
