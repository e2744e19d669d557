/**
 * The baseline each app route is compared with: a bare Express app whose
 * routes do only what no implementation of the route can avoid — verify the
 * Firebase ID token exactly as the app does (firebase-admin verifyIdToken with
 * checkRevoked = true, i.e. one Auth lookup per request) and the route's one
 * Firestore read or write — then answer with JSON. No request id, helmet,
 * CORS, rate limiting, validation, audit or problem+json.
 *
 * Routes mirror the app's paths so the load generator sends identical requests:
 *   GET   /v1/me           verify + get users/{uid}
 *   PATCH /v1/me           verify + update users/{uid} (displayName, updatedAt)
 *   GET   /v1/admin/users  verify + admin claim + the app's listing query
 *                          (orderBy documentId, limit + 1, startAfter the cursor)
 *   POST  /v1/me/kyc       verify + create one document (benchBaselineKyc/{auto-id})
 * The baseline's cursor is the last uid of the previous page in plain text
 * (`?after=`), the app's is opaque; both resume at the same position.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth, type DecodedIdToken } from 'firebase-admin/auth';
import { FieldPath, FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';

/** The app verifies with the revocation check on every request (functions/src/http/auth.ts). */
export const CHECK_REVOKED = true;
export const BASELINE_KYC_COLLECTION = 'benchBaselineKyc';

/** A verified-user route handler of the baselines. */
export type BaselineHandler = (req: Request, res: Response, user: DecodedIdToken) => Promise<void>;

/** What every baseline is built from: a bare Express app, Firestore, and `route()` (token check, 401 otherwise). */
export interface BareApp {
  app: Express;
  db: Firestore;
  route(handler: BaselineHandler): (req: Request, res: Response, next: NextFunction) => void;
}

/** A bare Express app whose routes verify the ID token exactly as the app does, and nothing else. */
export function bareApp(): BareApp {
  const adminApp = getApps()[0] ?? initializeApp();
  const auth = getAuth(adminApp);
  const db = getFirestore(adminApp);
  const app = express();
  app.use(express.json());

  const verify = async (req: Request): Promise<DecodedIdToken | undefined> => {
    const match = /^Bearer (.+)$/.exec(req.get('authorization') ?? '');
    if (!match) return undefined;
    return auth.verifyIdToken(match[1], CHECK_REVOKED).catch(() => undefined);
  };
  const route =
    (handler: BaselineHandler) =>
    (req: Request, res: Response, next: NextFunction): void => {
      verify(req)
        .then((user) => (user ? handler(req, res, user) : void res.status(401).json({ error: 'unauthenticated' })))
        .catch(next);
    };
  return { app, db, route };
}

/**
 * GET /v1/me and GET /v1/admin/users: the two reads every baseline serves the
 * same way (they are already the least work the routes can do).
 */
export function mountBaselineReads({ app, db, route }: BareApp): void {
  app.get(
    '/v1/me',
    route(async (_req, res, user) => {
      const snapshot = await db.collection('users').doc(user.uid).get();
      res.json({ uid: user.uid, ...snapshot.data() });
    }),
  );

  app.get(
    '/v1/admin/users',
    route(async (req, res, user) => {
      if (!Array.isArray(user.roles) || !user.roles.includes('admin')) {
        res.status(403).json({ error: 'forbidden' });
        return;
      }
      const limit = Math.min(100, Number(req.query.limit ?? 20));
      let query = db.collection('users').orderBy(FieldPath.documentId());
      if (typeof req.query.after === 'string') query = query.startAfter(req.query.after);
      const snapshot = await query.limit(limit + 1).get();
      const docs = snapshot.docs.slice(0, limit);
      res.json({ items: docs.map((doc) => ({ uid: doc.id, ...doc.data() })), hasMore: snapshot.size > limit });
    }),
  );
}

export function createBaseline(): Express {
  const bare = bareApp();
  const { app, db, route } = bare;
  mountBaselineReads(bare);

  app.patch(
    '/v1/me',
    route(async (req, res, user) => {
      const displayName = String((req.body as { displayName?: unknown }).displayName ?? '');
      await db.collection('users').doc(user.uid).update({ displayName, updatedAt: FieldValue.serverTimestamp() });
      res.json({ uid: user.uid, displayName });
    }),
  );

  app.post(
    '/v1/me/kyc',
    route(async (req, res, user) => {
      const ref = db.collection(BASELINE_KYC_COLLECTION).doc();
      await ref.create({ uid: user.uid, applicant: req.body as unknown, status: 'submitted', createdAt: FieldValue.serverTimestamp() });
      res.status(201).json({ id: ref.id, status: 'submitted' });
    }),
  );

  return app;
}
