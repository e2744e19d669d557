/**
 * Security rules for the mobile SDK path, with @firebase/rules-unit-testing.
 *
 * Inside `npm test` it runs against the embedded emulator global setup
 * starts (FIRESTORE_EMULATOR_HOST), which evaluates firestore.rules itself;
 * `npm run test:rules` runs it unchanged against an official emulator
 * (`npm run emulators`, or FIRESTORE_RULES_EMULATOR_HOST=host:port). Only
 * with neither (NFF_TEST_STACK=off) is it skipped, with the reason printed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, updateDoc, collection, getDocs, setLogLevel } from 'firebase/firestore';
import { RULES_SKIP_REASON, rulesEmulatorHost as rulesHost } from '../../../test/skips';

// The SDK logs every denied call as a warning; the denials are asserted below.
setLogLevel('error');

// The reason is also printed by global setup, because jest shows nothing for a fully skipped suite.
const describeRules = rulesHost ? describe : describe.skip;
if (!rulesHost) console.log(RULES_SKIP_REASON);

describeRules('firestore.rules', () => {
  let env: RulesTestEnvironment;

  beforeAll(async () => {
    const [host, port] = (rulesHost ?? '').split(':');
    env = await initializeTestEnvironment({
      projectId: 'demo-nff-rules',
      firestore: { host, port: Number(port), rules: readFileSync(resolve(__dirname, '../../../firestore.rules'), 'utf8') },
    });
    await env.withSecurityRulesDisabled(async (context) => {
      const db = context.firestore();
      await setDoc(doc(db, 'users/alice'), { uid: 'alice', displayName: 'Alice' });
      await setDoc(doc(db, 'users/bob'), { uid: 'bob', displayName: 'Bob' });
      await setDoc(doc(db, 'kycCases/case-a'), { uid: 'alice', status: 'in_review' });
      await setDoc(doc(db, 'kycCases/case-a/events/e1'), { to: 'submitted' });
      await setDoc(doc(db, 'auditLogs/log1'), { action: 'x' });
    });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('an owner reads their profile, case and events', async () => {
    const db = env.authenticatedContext('alice').firestore();
    await assertSucceeds(getDoc(doc(db, 'users/alice')));
    await assertSucceeds(getDoc(doc(db, 'kycCases/case-a')));
    await assertSucceeds(getDocs(collection(db, 'kycCases/case-a/events')));
  });

  it('another user reads none of it', async () => {
    const db = env.authenticatedContext('bob').firestore();
    await assertFails(getDoc(doc(db, 'users/alice')));
    await assertFails(getDoc(doc(db, 'kycCases/case-a')));
    await assertFails(getDocs(collection(db, 'kycCases/case-a/events')));
  });

  it('an admin reads any profile but not cases', async () => {
    const db = env.authenticatedContext('root', { roles: ['admin'] }).firestore();
    await assertSucceeds(getDoc(doc(db, 'users/alice')));
    await assertFails(getDoc(doc(db, 'kycCases/case-a')));
  });

  it('no client writes anywhere, owners included', async () => {
    const db = env.authenticatedContext('alice', { roles: ['admin'] }).firestore();
    await assertFails(updateDoc(doc(db, 'users/alice'), { roles: ['admin'] }));
    await assertFails(setDoc(doc(db, 'kycCases/new'), { uid: 'alice', status: 'approved' }));
    await assertFails(setDoc(doc(db, 'auditLogs/x'), { action: 'forged' }));
  });

  it('unauthenticated clients and server bookkeeping collections are denied', async () => {
    const anonymous = env.unauthenticatedContext().firestore();
    await assertFails(getDoc(doc(anonymous, 'users/alice')));
    const alice = env.authenticatedContext('alice').firestore();
    await assertFails(getDoc(doc(alice, 'auditLogs/log1')));
  });
});
