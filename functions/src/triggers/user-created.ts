/**
 * Auth user events exist only as 1st-gen triggers. Provisioning path (a) of
 * users/users.service.ts; idempotent, so at-least-once delivery is fine.
 *
 * Declared in its own module, which index.ts loads only when the export is
 * read: the only public way to set a 1st-gen function's region is the
 * firebase-functions/v1 barrel (`region()`; firebase-functions/v1/auth's
 * `user()` takes no options), and the barrel loads every 1st-gen provider —
 * the Firestore one (firebase-admin/firestore, google-gax) and the Realtime
 * Database client among them. Read it through index.ts.
 */
import * as functionsV1 from 'firebase-functions/v1';
import { services } from '../instance';

export const onUserCreated = functionsV1
  .region('us-central1')
  .auth.user()
  .onCreate(async (user) => {
    const [{ handleUserCreated }, built] = await Promise.all([import('../users/users.triggers'), services()]);
    return handleUserCreated(user, built.account);
  });
