/**
 * Conformance-suite harness.
 *
 * The suite talks to a Firestore emulator ONLY through firebase-admin, so the
 * very same tests can be pointed at the official (Java) emulator to prove
 * parity:
 *
 *   FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 npx jest emulator/test/conformance
 *
 * - If FIRESTORE_EMULATOR_HOST is already set (by the user, or by a jest
 *   globalSetup that started one emulator for the whole run), it is used as is.
 * - Otherwise the embedded emulator is started in-process on an ephemeral port
 *   (`start({ port: 0, quiet: true })` from ../../src) in beforeAll, the
 *   variable is set before any Firestore instance is created, and the emulator
 *   is stopped in afterAll.
 *
 * Every test file uses its own project id (`demo-conf-<suite>`), so files can
 * run in parallel against one shared emulator without clearing each other's
 * data. Data is cleared with the emulator REST call
 *   DELETE /emulator/v1/projects/{p}/databases/(default)/documents
 * once before the file and (by default) before every test.
 */
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore, type Settings } from 'firebase-admin/firestore';

export interface ConformanceContext {
  /** Default Firestore instance of this suite's project. */
  readonly db: Firestore;
  /** Project id of `db`. */
  readonly projectId: string;
  /** host:port of the emulator under test. */
  readonly host: string;
  /** Deletes every document of a project (default: this suite's project). */
  clear(projectId?: string): Promise<void>;
  /**
   * A further Firestore instance (own firebase-admin app), e.g. for another
   * project or other settings such as `useBigInt`. Cleaned up in afterAll.
   */
  newDb(options?: { projectId?: string; settings?: Settings }): Firestore;
}

export interface HarnessOptions {
  /** Clear the project before every test (default true). */
  clearBeforeEach?: boolean;
}

interface StartedEmulator {
  stop(): Promise<void> | void;
}

let appCounter = 0;

/** Error code (gRPC status) of a firebase-admin/Firestore error. */
export function codeOf(err: unknown): number | string | undefined {
  return (err as { code?: number | string } | null)?.code;
}

/** Awaits `p` and returns its rejection's gRPC code; fails if it resolves. */
export async function expectCode(p: Promise<unknown>, code: number): Promise<void> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) throw new Error(`expected an error with code ${code}, but the call succeeded`);
  expect(codeOf(caught)).toBe(code);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Registers beforeAll/beforeEach/afterAll hooks for one test file and returns a
 * context whose properties are valid inside tests and hooks.
 */
export function useEmulator(suite: string, options: HarnessOptions = {}): ConformanceContext {
  const projectId = `demo-conf-${suite}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const apps: App[] = [];
  const dbs: Firestore[] = [];
  let started: StartedEmulator | undefined;
  let host = '';
  let defaultDb: Firestore | undefined;

  const newDb: ConformanceContext['newDb'] = (opts = {}) => {
    if (!host) throw new Error('newDb() may only be called inside tests or hooks');
    const app = initializeApp(
      { projectId: opts.projectId ?? projectId },
      `conf-${suite}-${process.pid}-${++appCounter}`,
    );
    apps.push(app);
    const db = getFirestore(app);
    if (opts.settings) db.settings(opts.settings);
    dbs.push(db);
    return db;
  };

  const clear = async (p: string = projectId) => {
    const url = `http://${host}/emulator/v1/projects/${p}/databases/(default)/documents`;
    const res = await fetch(url, { method: 'DELETE' });
    if (!res.ok) throw new Error(`clearing ${p} failed: HTTP ${res.status} ${await res.text()}`);
  };

  beforeAll(async () => {
    const existing = process.env.FIRESTORE_EMULATOR_HOST;
    if (existing) {
      host = existing;
    } else {
      // Loaded lazily so that running against an external emulator never
      // needs the embedded one to compile.
      const mod = (await import('../../src')) as unknown as {
        start(opts: { host?: string; port?: number; quiet?: boolean }): Promise<{
          host: string;
          port: number;
          stop(): Promise<void> | void;
        }>;
      };
      const emu = await mod.start({ port: 0, quiet: true });
      started = emu;
      const h = emu.host.includes(':') && !emu.host.startsWith('[') ? `[${emu.host}]` : emu.host;
      host = `${h}:${emu.port}`;
      process.env.FIRESTORE_EMULATOR_HOST = host;
    }
    defaultDb = newDb();
    await clear();
  });

  if (options.clearBeforeEach !== false) {
    beforeEach(async () => {
      await clear();
    });
  }

  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.terminate().catch(() => undefined)));
    await Promise.all(apps.map((a) => deleteApp(a).catch(() => undefined)));
    dbs.length = 0;
    apps.length = 0;
    if (started) {
      await started.stop();
      delete process.env.FIRESTORE_EMULATOR_HOST;
      started = undefined;
    }
  });

  return {
    get db() {
      if (!defaultDb) throw new Error('db is only available inside tests or hooks');
      return defaultDb;
    },
    projectId,
    get host() {
      return host;
    },
    clear,
    newDb,
  };
}
