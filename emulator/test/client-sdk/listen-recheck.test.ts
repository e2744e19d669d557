/**
 * Listen targets are re-authorized when a commit changes what they cover:
 * a document or query a client may no longer read is removed with
 * PERMISSION_DENIED (the SDK calls the listener's error handler with
 * `permission-denied`) before the change is sent, so the unreadable state
 * never reaches the client. Privileged listeners are never checked.
 */
import { collection, doc, deleteDoc, onSnapshot, setDoc, type DocumentReference, type FirestoreError, type Query } from 'firebase/firestore';
import { useClientSdk } from './client';

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /cards/{id} {
      allow read: if resource.data.visible == true;
    }
    match /rooms/{room}/msgs/{id} {
      allow read: if request.auth != null
        && request.auth.uid in get(/databases/$(database)/documents/rooms/$(room)).data.members;
    }
  }
}`;

const h = useClientSdk('listen-recheck');

beforeAll(() => {
  h.emu.setRules(RULES, h.projectId);
});

/** Listens until the error handler runs; collects every snapshot's data first. */
function listen<T>(target: DocumentReference | Query, pick: (snap: unknown) => T) {
  const seen: T[] = [];
  let unsubscribe = (): void => undefined;
  let first: () => void;
  const ready = new Promise<void>((r) => (first = r));
  const failed = new Promise<FirestoreError>((resolve) => {
    const next = (snap: unknown): void => {
      seen.push(pick(snap));
      first();
    };
    unsubscribe = 'type' in target && target.type === 'document'
      ? onSnapshot(target as DocumentReference, next, resolve)
      : onSnapshot(target as Query, next, resolve);
  });
  return { seen, ready, failed, stop: () => unsubscribe() };
}

describe('Listen targets are re-checked when what they cover changes', () => {
  test('a document that becomes unreadable ends the listener with permission-denied, and its new state is never sent', async () => {
    const owner = h.db('owner');
    await setDoc(doc(owner, 'cards/c1'), { visible: true, secret: 'v1' });
    const user = listen(doc(h.db({ uid: 'u1' }), 'cards/c1'), (s) => (s as { data(): unknown }).data());
    const admin = listen(doc(h.db('owner'), 'cards/c1'), (s) => (s as { data(): unknown }).data());
    await Promise.all([user.ready, admin.ready]);
    await setDoc(doc(owner, 'cards/c1'), { visible: false, secret: 'v2' });
    expect((await user.failed).code).toBe('permission-denied');
    expect(user.seen).toEqual([{ visible: true, secret: 'v1' }]);
    // The privileged listener keeps streaming.
    await setDoc(doc(owner, 'cards/c1'), { visible: false, secret: 'v3' });
    await new Promise((r) => setTimeout(r, 200));
    expect(admin.seen.at(-1)).toEqual({ visible: false, secret: 'v3' });
    admin.stop();
    user.stop();
  });

  test('a deleted document is checked like a get of a missing one (here: denied)', async () => {
    const owner = h.db('owner');
    await setDoc(doc(owner, 'cards/c2'), { visible: true });
    const user = listen(doc(h.db({ uid: 'u1' }), 'cards/c2'), (s) => (s as { exists(): boolean }).exists());
    await user.ready;
    await deleteDoc(doc(owner, 'cards/c2'));
    expect((await user.failed).code).toBe('permission-denied');
    expect(user.seen).toEqual([true]);
    user.stop();
  });

  test('a query whose rule (via get()) no longer allows the caller fails on the next change it covers', async () => {
    const owner = h.db('owner');
    await setDoc(doc(owner, 'rooms/r1'), { members: ['u1', 'u2'] });
    await setDoc(doc(owner, 'rooms/r1/msgs/m1'), { text: 'hello' });
    const msgs = (snap: unknown) => (snap as { docs: { id: string }[] }).docs.map((d) => d.id);
    const u1 = listen(collection(h.db({ uid: 'u1' }), 'rooms/r1/msgs'), msgs);
    const u2 = listen(collection(h.db({ uid: 'u2' }), 'rooms/r1/msgs'), msgs);
    await Promise.all([u1.ready, u2.ready]);
    await setDoc(doc(owner, 'rooms/r1'), { members: ['u2'] });
    await setDoc(doc(owner, 'rooms/r1/msgs/m2'), { text: 'after u1 left' });
    expect((await u1.failed).code).toBe('permission-denied');
    expect(u1.seen).toEqual([['m1']]);
    // u2 is still a member and sees the new message.
    for (let i = 0; i < 50 && u2.seen.at(-1)?.length !== 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(u2.seen.at(-1)).toEqual(['m1', 'm2']);
    u1.stop();
    u2.stop();
  });
});
