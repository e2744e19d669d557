/**
 * Client-SDK harness: the embedded emulator in-process, and `firebase` JS SDK
 * instances (full SDK over gRPC, lite over REST) connected to it the way an
 * app connects (connectFirestoreEmulator, mockUserToken for identity).
 */
import { deleteApp, initializeApp, type FirebaseApp } from 'firebase/app';
import { connectFirestoreEmulator, getFirestore, setLogLevel, terminate, type Firestore } from 'firebase/firestore';
import {
  connectFirestoreEmulator as connectLite,
  getFirestore as getLite,
  setLogLevel as setLiteLogLevel,
  terminate as terminateLite,
  type Firestore as LiteFirestore,
} from 'firebase/firestore/lite';
import { start, type RunningEmulator, type StartOptions } from '../../src';

/** Who the client signs in as: a uid (an unsigned emulator JWT), `owner` (privileged), or nobody. */
export type As = { uid: string; claims?: Record<string, unknown> } | 'owner' | 'anonymous';

export interface ClientHarness {
  emu: RunningEmulator;
  projectId: string;
  /** A full-SDK Firestore (gRPC: Listen and Write streams). */
  db(as?: As): Firestore;
  /** A firebase/firestore/lite Firestore (REST). */
  lite(as?: As): LiteFirestore;
}

let counter = 0;

// The SDKs log every failed RPC as a warning; the tests assert those failures themselves.
setLogLevel('error');
setLiteLogLevel('error');

function token(as: As): string | { sub: string; [k: string]: unknown } | undefined {
  if (as === 'anonymous') return undefined;
  if (as === 'owner') return 'owner';
  return { sub: as.uid, user_id: as.uid, ...as.claims };
}

/** Starts an emulator for this file and tears down every app it handed out. */
export function useClientSdk(suite: string, options: Omit<StartOptions, 'port' | 'quiet'> = {}): ClientHarness {
  const projectId = `demo-client-${suite}`;
  const apps: FirebaseApp[] = [];
  const closers: (() => Promise<void>)[] = [];
  let emu: RunningEmulator | undefined;

  beforeAll(async () => {
    emu = await start({ ...options, port: 0, quiet: true });
  });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c()));
    await Promise.all(apps.map((a) => deleteApp(a)));
    await emu?.stop();
  });

  const app = (): FirebaseApp => {
    const a = initializeApp({ projectId, apiKey: 'fake-api-key' }, `client-${suite}-${++counter}`);
    apps.push(a);
    return a;
  };
  const mock = (as: As) => {
    const t = token(as);
    return t === undefined ? {} : { mockUserToken: t };
  };
  return {
    get emu() {
      return emu!;
    },
    projectId,
    db(as: As = 'anonymous') {
      const db = getFirestore(app());
      connectFirestoreEmulator(db, emu!.host, emu!.port, mock(as));
      closers.push(() => terminate(db));
      return db;
    },
    lite(as: As = 'anonymous') {
      const db = getLite(app());
      connectLite(db, emu!.host, emu!.port, mock(as));
      closers.push(() => terminateLite(db));
      return db;
    },
  };
}

/** The error code a Firestore SDK promise rejects with (fails the test if it resolves). */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  throw new Error('expected the call to fail, it succeeded');
}
