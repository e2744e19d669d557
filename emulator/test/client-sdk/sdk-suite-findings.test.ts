/**
 * Behaviours firebase-js-sdk's own Firestore integration tests pin (run
 * against this emulator by `npm run test:client-sdk -w emulator`), kept here
 * as regression tests of the defects that run found, with the `firebase`
 * SDK this project installs. Each test names the upstream test it mirrors.
 */
import {
  collection,
  deleteDoc,
  doc,
  documentId,
  getDoc,
  getDocs,
  onSnapshot,
  orderBy,
  query,
  runTransaction,
  setDoc,
  where,
  writeBatch,
  type FirestoreError,
} from 'firebase/firestore';
import * as lite from 'firebase/firestore/lite';
import { codeOf, useClientSdk } from './client';

const h = useClientSdk('sdk-suite');

// Open rules except that top-level `locked` documents are read-only: a
// transaction that reads one must not be judged as writing it.
const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{coll}/{id} {
      allow read: if true;
      allow write: if coll != 'locked';
    }
  }
}`;

beforeAll(() => {
  h.emu.setRules(RULES, h.projectId);
});

describe('transactions that read documents they do not write (Write.verify)', () => {
  // transactions.test.ts "can have gets without mutations", "retry when a document that was read without being written changes"
  test('the commit verifies the read documents over gRPC and REST, and the rules see no write to them', async () => {
    await setDoc(doc(h.db('owner'), 'locked/present'), { v: 1 });
    for (const db of [h.db({ uid: 'u1' }), h.db({ uid: 'u2' })]) {
      await runTransaction(db, async (tx) => {
        const present = await tx.get(doc(db, 'locked/present'));
        const absent = await tx.get(doc(db, 'locked/absent'));
        tx.set(doc(db, 'verified/out'), { sum: (present.get('v') as number) + (absent.exists() ? 1 : 0) });
      });
    }
    const l = h.lite({ uid: 'u3' });
    await lite.runTransaction(l, async (tx) => {
      const present = await tx.get(lite.doc(l, 'locked/present'));
      tx.set(lite.doc(l, 'verified/lite'), { v: present.get('v') as number });
    });
    // A transaction with reads only commits verifies alone.
    const reader = h.db({ uid: 'u4' });
    expect(await runTransaction(reader, async (tx) => (await tx.get(doc(reader, 'locked/present'))).get('v'))).toBe(1);
    const owner = h.db('owner');
    expect((await getDoc(doc(owner, 'verified/out'))).data()).toEqual({ sum: 1 });
    expect((await getDoc(doc(owner, 'verified/lite'))).data()).toEqual({ v: 1 });
    // Still read-only: writing it is denied.
    expect(await codeOf(setDoc(doc(h.db({ uid: 'u1' }), 'locked/present'), { v: 2 }))).toBe('permission-denied');
  });
});

describe('preconditions apply on top of the earlier writes of the same request', () => {
  // transactions.test.ts "runs transactions on existing document" / "... on nonexistent document"
  test('delete then update of one document is invalid-argument; an update of a missing document stays not-found', async () => {
    const db = h.db({ uid: 'u1' });
    await setDoc(doc(db, 'pre/existing'), { foo: 'bar0' });
    const deleteThenUpdate = writeBatch(db);
    deleteThenUpdate.delete(doc(db, 'pre/existing'));
    deleteThenUpdate.update(doc(db, 'pre/existing'), { foo: 'bar2' });
    expect(await codeOf(deleteThenUpdate.commit())).toBe('invalid-argument');
    expect((await getDoc(doc(h.db('owner'), 'pre/existing'))).data()).toEqual({ foo: 'bar0' });

    expect(await codeOf(runTransaction(db, async (tx) => {
      tx.delete(doc(db, 'pre/never'));
      tx.update(doc(db, 'pre/never'), { foo: 'bar2' });
    }))).toBe('invalid-argument');
    expect(await codeOf(runTransaction(db, async (tx) => {
      tx.update(doc(db, 'pre/never'), { foo: 'bar1' });
      tx.update(doc(db, 'pre/never'), { foo: 'bar2' });
    }))).toBe('not-found');
    // Set, then update, is fine.
    await runTransaction(db, async (tx) => {
      tx.set(doc(db, 'pre/never'), { foo: 'bar1' });
      tx.update(doc(db, 'pre/never'), { foo: 'bar2' });
    });
    expect((await getDoc(doc(h.db('owner'), 'pre/never'))).data()).toEqual({ foo: 'bar2' });
    await deleteDoc(doc(db, 'pre/never'));
  });
});

describe('invalid queries are refused by the server', () => {
  // database.test.ts "Listens are rejected remotely: will reject listens / gets"
  test('a listen and a get under a reserved id fail with invalid-argument', async () => {
    const db = h.db({ uid: 'u1' });
    const bad = collection(db, 'a/__badpath__/b');
    const err = await new Promise<FirestoreError>((resolve) => {
      const unsubscribe = onSnapshot(bad, () => undefined, (e) => {
        unsubscribe();
        resolve(e);
      });
    });
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/reserved/);
    expect(await codeOf(getDocs(bad))).toBe('invalid-argument');
    // Over REST the server answers HTTP 400 INVALID_ARGUMENT; lite maps every 400 to failed-precondition (its mapCodeFromHttpStatus).
    await expect(lite.getDocs(lite.collection(h.lite({ uid: 'u1' }), 'a/__badpath__/b'))).rejects.toMatchObject({
      code: 'failed-precondition',
      message: expect.stringMatching(/reserved/) as unknown,
    });
  });

  // composite_index_query.test.ts "inequality query will reject if document key is not the last orderBy field"
  // and "... if document key appears only in equality filter"
  test('nothing may be ordered after the key, and a key equality needs the key among the inequalities', async () => {
    const db = h.db({ uid: 'u1' });
    await setDoc(doc(db, 'keyq/doc1'), { key: 1 });
    const coll = collection(db, 'keyq');
    await expect(getDocs(query(coll, where('key', '!=', 42), orderBy(documentId())))).rejects.toThrow(
      /order by clause cannot contain more fields after the key/i,
    );
    await expect(getDocs(query(coll, where('key', '!=', 42), where(documentId(), '==', 'doc1')))).rejects.toThrow(
      'Equality on key is not allowed if there are other inequality fields and key does not appear in inequalities.',
    );
    // Allowed shapes: the key last, or the key itself among the inequalities.
    expect((await getDocs(query(coll, where('key', '!=', 42), orderBy('key'), orderBy(documentId())))).size).toBe(1);
    expect((await getDocs(query(coll, where('key', '!=', 42), where(documentId(), '>=', 'doc')))).size).toBe(1);
  });
});
