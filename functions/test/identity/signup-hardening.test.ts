/**
 * POST /v1/users hardening (decisions in README "Signing in"):
 *  - its own per-IP budget (SIGNUPS_PER_MINUTE_IP, default 10/min) on top of
 *    the general per-IP limit: account creation is what bots and enumeration
 *    scripts do; failed attempts count too;
 *  - it reveals whether an email is registered exactly as far as Firebase
 *    Auth's own public sign-up (accounts:signUp → EMAIL_EXISTS, which email
 *    enumeration protection does not hide) and no further: one 409
 *    EMAIL_EXISTS body for every kind of existing account (password, Google
 *    only, disabled, soft-deleted), with no uid, provider or state in it.
 * Run on createApp() in-process (tiny budgets, chosen client IPs) against the
 * stack's Auth and Firestore emulators.
 */
import { randomUUID } from 'node:crypto';
import { logger } from 'firebase-functions/logger';
import { newIp, serveInProcess, type InProcessApi } from '../../../test/in-process';
import { stackEnv } from '../../../test/env';
import { createTestUser, bearer } from '../../../test/identities';
import { testAuth } from '../../../test/firestore';
import { federatedUser } from '../../../test/providers';

const PASSWORD = 'correct-horse-42';

// The in-process app logs through firebase-functions' logger: keep the run
// readable, and assert the one event that matters here (rate_limited).
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const level of ['info', 'warn'] as const) {
    jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => {
      logged.push(JSON.stringify(args));
    });
  }
});
afterEach(() => jest.restoreAllMocks());
const newEmail = (): string => `hard-${randomUUID()}@example.test`;
const signUp = (app: InProcessApi, email: string, ip?: string) =>
  app.call<Record<string, unknown>>('/v1/users', { method: 'POST', body: { email, password: PASSWORD, displayName: 'Hard Ened' }, ...(ip ? { headers: { 'X-Forwarded-For': ip } } : {}) });

/** What Firebase Auth's own public sign-up answers for this email. */
async function authSignUpAnswer(email: string): Promise<string> {
  const response = await fetch(`${stackEnv.authUrl}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-api-key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, returnSecureToken: true }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return body.error?.message ?? 'CREATED';
}

describe('per-IP sign-up budget', () => {
  let app: InProcessApi;
  beforeAll(async () => {
    app = await serveInProcess({ rateLimits: { signUpsPerMinuteIp: 3 } });
  });
  afterAll(() => app.close());

  it('the 4th sign-up from one IP in a window → 429 RATE_LIMITED with Retry-After; failed attempts count; other routes and other IPs are unaffected', async () => {
    const ip = newIp();
    const taken = newEmail();
    const statuses = [(await signUp(app, taken, ip)).status, (await signUp(app, taken, ip)).status, (await signUp(app, newEmail(), ip)).status];
    expect(statuses).toEqual([201, 409, 201]);

    const limited = await signUp(app, newEmail(), ip);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(logged.some((line) => line.includes('"rate_limited"') && line.includes('"scope":"signUp"'))).toBe(true);
    // PII never in logs: the addresses tried are not there.
    expect(logged.join('\n')).not.toContain(taken);

    // Its own budget: the general per-IP budget still serves this client elsewhere.
    const health = await app.call('/v1/health', { headers: { 'X-Forwarded-For': ip } });
    expect(health.status).toBe(200);
    expect(Number(health.headers.get('ratelimit-remaining'))).toBeGreaterThan(100);
    // And another client IP still signs up.
    expect((await signUp(app, newEmail(), newIp())).status).toBe(201);
  });

  it('a refused sign-up creates no account', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) await signUp(app, newEmail(), ip);
    const email = newEmail();
    expect((await signUp(app, email, ip)).status).toBe(429);
    await expect(testAuth().getUserByEmail(email)).rejects.toMatchObject({ code: 'auth/user-not-found' });
  });

  it('sign-up responses carry the sign-up budget in RateLimit-* headers', async () => {
    const response = await signUp(app, newEmail(), newIp());
    expect(response.status).toBe(201);
    expect(response.headers.get('ratelimit-policy')).toMatch(/^3;w=/);
    expect(response.headers.get('ratelimit-remaining')).toBe('2');
  });
});

describe('email existence: no more than Firebase Auth reveals', () => {
  let app: InProcessApi;
  beforeAll(async () => {
    app = await serveInProcess();
  });
  afterAll(() => app.close());

  /** The parts of a problem body that could tell accounts apart. */
  const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined });

  it('every kind of existing account gets the same 409 EMAIL_EXISTS body, as Auth itself answers EMAIL_EXISTS', async () => {
    const password = await createTestUser();
    const google = await federatedUser('google.com');
    const disabled = await createTestUser();
    await testAuth().updateUser(disabled.uid, { disabled: true });
    const softDeleted = await createTestUser();
    expect((await app.call('/v1/me', { headers: bearer(softDeleted.idToken) })).status).toBe(200);
    const admin = await createTestUser({ roles: ['admin'] });
    expect((await app.call(`/v1/admin/users/${softDeleted.uid}`, { method: 'DELETE', operation: '/v1/admin/users/{uid}', headers: bearer(admin.idToken) })).status).toBe(204);

    const emails = [password.email, google.claims.email as string, disabled.email, softDeleted.email, password.email.toUpperCase()];
    const bodies = [];
    for (const email of emails) {
      const response = await signUp(app, email);
      expect(response.status).toBe(409);
      bodies.push(comparable(response.body));
      expect(await authSignUpAnswer(email)).toBe('EMAIL_EXISTS');
    }
    expect(bodies[0]).toMatchObject({ code: 'EMAIL_EXISTS', status: 409 });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    const text = JSON.stringify(bodies);
    for (const secret of [password.uid, google.uid, 'google', 'disabled', 'deleted']) expect(text).not.toContain(secret);
  });

  it('an unregistered email is simply created (201): the only signal is the one Auth gives', async () => {
    const email = newEmail();
    expect((await signUp(app, email)).status).toBe(201);
  });
});
