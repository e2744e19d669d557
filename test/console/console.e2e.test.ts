/**
 * The back-office console in headless Chromium, against the stack jest's
 * global setup started (Hosting emulator → console + /v1 rewrites → api
 * function → embedded Firestore, Auth emulator, mock KYC provider).
 *
 * Journeys: a reviewer decides a case waiting in manual review; an admin
 * disables a user who is then refused; an API key is created, used and shows
 * its last use; support cannot act but sees the case's timeline; an expired
 * session goes back to sign-in (the second factor: console-mfa.e2e.test.ts).
 * Every page is checked with axe-core (no serious or critical violation), must
 * raise no CSP violation, and is photographed into reports/console/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { api } from '../http';
import { bearer, createTestUser, signIn, type TestUser } from '../identities';
import { eventually, testAuth, testDb } from '../firestore';
import { applicant, kycClaimOf, newApplicant, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { DESKTOP, launchBrowser, openConsole, PHONE, SCREENSHOT_DIR, screenshot, seriousViolations, signInAs, type ConsoleSession } from './browser';
import { stackEnv } from '../env';

// Generous: the journeys run beside every other suite on two shared cores.
jest.setTimeout(180_000);

const consoleUrl = (): string => stackEnv.consoleUrl;

let browser: Browser;
let admin: TestUser;
let support: TestUser;
const sessions: ConsoleSession[] = [];

async function open(viewport = DESKTOP): Promise<ConsoleSession> {
  const session = await openConsole(browser, viewport);
  sessions.push(session);
  return session;
}

/** axe-core and CSP checks on the page as shown, then its screenshot. */
async function checkPage(session: ConsoleSession, name: string): Promise<void> {
  await session.page.waitForSelector('[role="status"].loading', { state: 'detached' });
  expect(await seriousViolations(session.page)).toEqual([]);
  expect(session.problems).toEqual([]);
  await screenshot(session.page, name);
}

/** A user whose KYC case waits for a reviewer (the mock provider holds last name "Review"). */
async function caseOnHold(): Promise<{ user: TestUser; caseId: string }> {
  const user = await newApplicant();
  const submitted = await submitKyc(user, applicant('Review'));
  expect(submitted.status).toBe(201);
  const onHold = await waitForStatus(user, 'on_hold');
  return { user, caseId: String(onHold.id) };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, admin, support] = await Promise.all([launchBrowser(), createTestUser({ roles: ['admin'] }), createTestUser({ roles: ['support'] })]);
}, 180_000);

afterAll(async () => {
  for (const session of sessions) await session.context.close();
  await browser?.close();
});

test('the sign-in page', async () => {
  const session = await open();
  await session.page.goto(`${consoleUrl()}/`);
  await session.page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await checkPage(session, 'sign-in');
  await session.page.getByLabel('Email').fill(admin.email);
  await session.page.getByLabel('Password').fill('not-the-password');
  await session.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(session.page.getByRole('alert').textContent()).resolves.toContain('Wrong email or password');
});

test('a reviewer decides a case waiting in manual review: profile, kyc claim and audit log change', async () => {
  const { user, caseId } = await caseOnHold();
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), admin.email, admin.password);
  await page.getByRole('link', { name: /Review/ }).first().waitFor();
  await checkPage(session, 'kyc-queue');

  await page.goto(`${consoleUrl()}/kyc/${caseId}`);
  await page.getByRole('heading', { name: 'Decision' }).waitFor();
  await page.getByText('kyc.case.transition').first().waitFor();
  await checkPage(session, 'kyc-case');

  await page.getByLabel('Approve').check();
  await page.getByLabel(/^Reason/).fill('Document checked by video call.');
  await page.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await screenshot(page, 'kyc-case-confirm');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Decision recorded: approve.').waitFor();
  await page.getByText('on hold → approved').waitFor();

  const profile = await eventually('the profile to be approved', async () => {
    const data = (await testDb().doc(`users/${user.uid}`).get()).data();
    return data?.kycStatus === 'approved' ? data : undefined;
  });
  expect(profile.kycStatus).toBe('approved');
  expect(await eventually('the kyc claim', async () => ((await kycClaimOf(user)) === 'approved' ? 'approved' : undefined))).toBe('approved');
  const audit = await api<{ items: Array<{ action: string; actor: { id: string }; after: { status?: string } | null }> }>(`/v1/admin/audit-logs?targetId=${caseId}`, {
    headers: bearer((await signIn(admin.email, admin.password)).idToken),
  });
  expect(audit.body.items.find((entry) => entry.actor.id === admin.uid && entry.after?.status === 'approved')).toBeDefined();

  // The applicant's page lists the case with its attempt, a field the contract
  // leaves untyped in AdminUser.kycCases (the console shows it only as a number).
  await page.goto(`${consoleUrl()}/users/${user.uid}`);
  const caseLine = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: caseId }) });
  await caseLine.waitFor();
  await expect(caseLine.textContent()).resolves.toContain('approved, attempt 1');

  // The same case at phone width.
  const phone = await open(PHONE);
  await signInAs(phone.page, consoleUrl(), admin.email, admin.password);
  await checkPage(phone, 'kyc-queue-phone');
  await phone.page.goto(`${consoleUrl()}/kyc/${caseId}`);
  await phone.page.getByRole('heading', { name: 'Applicant' }).waitFor();
  await checkPage(phone, 'kyc-case-phone');
});

test('an admin disables a user, who is then refused; users and audit pages', async () => {
  const target = await createTestUser();
  expect((await api('/v1/me', { headers: bearer(target.idToken) })).status).toBe(200);
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), admin.email, admin.password);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Email starts with').fill(target.email.slice(0, 20));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: target.email }).waitFor();
  await checkPage(session, 'users');
  await page.getByRole('link', { name: target.email }).click();
  await page.getByRole('heading', { name: 'Roles' }).waitFor();
  await checkPage(session, 'user');

  await page.getByRole('button', { name: 'Disable…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await page.getByText('User disabled.').waitFor();
  const refused = await api<{ code: string }>('/v1/me', { headers: bearer(target.idToken) });
  expect(refused.status).toBe(401);
  expect(['USER_DISABLED', 'TOKEN_REVOKED']).toContain(refused.body.code);
  expect((await testAuth().getUser(target.uid)).disabled).toBe(true);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Target id').fill(target.uid);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByText('admin.user.updated').first().click();
  await page.locator('.diff-changed').first().waitFor();
  await checkPage(session, 'audit-log');
});

test('an API key is created, used, and shows its last use', async () => {
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), admin.email, admin.password);
  await page.getByRole('link', { name: 'API keys' }).click();
  const name = `e2e-${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^nffk_/);
  await page.getByRole('button', { name: 'Copy key' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(secret);
  await checkPage(session, 'api-key-created');
  await page.getByRole('button', { name: 'Done, hide it' }).click();
  await expect(page.getByTestId('api-key-secret').count()).resolves.toBe(0);

  const row = page.locator('tr', { hasText: name });
  await expect(row.locator('.last-used').textContent()).resolves.toBe('never');
  expect((await api('/v1/admin/users?limit=1', { headers: { 'x-api-key': secret } })).status).toBe(200);
  await eventually('the last use to show', async () => {
    await page.reload();
    await row.waitFor();
    const text = await row.locator('.last-used').textContent();
    return text && text !== 'never' ? text : undefined;
  });
  await checkPage(session, 'api-keys');
});

test('support sees the queue read-only and cannot act', async () => {
  const { caseId } = await caseOnHold();
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), support.email, support.password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['KYC queue']);
  await page.goto(`${consoleUrl()}/kyc/${caseId}`);
  await page.getByRole('heading', { name: 'Applicant' }).waitFor();
  await page.getByText(/Read-only/).waitFor();
  await expect(page.getByRole('heading', { name: 'Decision' }).count()).resolves.toBe(0);
  // The timeline comes from the case's event log (GET /v1/admin/kyc/{caseId}), which support may read; the audit entries are admins' only.
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.locator('.timeline li', { hasText: 'in review → on hold' }).waitFor();
  await expect(page.locator('.timeline li').first().textContent()).resolves.toContain('opened: submitted');
  await expect(page.getByRole('heading', { name: 'Audit entries' }).count()).resolves.toBe(0);
  await checkPage(session, 'kyc-case-support');
  await page.goto(`${consoleUrl()}/users`);
  await page.getByRole('heading', { name: 'Admins only' }).waitFor();
  // The API refuses the action too, whatever the console shows.
  const decision = await api<{ code: string }>(`/v1/admin/kyc/${caseId}/decision`, {
    method: 'POST',
    operation: '/v1/admin/kyc/{caseId}/decision',
    headers: bearer(support.idToken),
    body: { decision: 'approve', reason: 'support should not decide' },
  });
  expect(decision.status).toBe(403);
});

test('an expired session goes back to sign-in', async () => {
  const reviewer = await createTestUser({ roles: ['admin'] });
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), reviewer.email, reviewer.password);
  // Revocation counts whole seconds: revoke strictly after the sign-in second.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await testAuth().revokeRefreshTokens(reviewer.uid);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByText('Your session has expired. Sign in again.').waitFor();
  await checkPage(session, 'session-expired');
});

test('the usage page: traffic and the KYC funnel', async () => {
  const session = await open();
  const { page } = session;
  await signInAs(page, consoleUrl(), admin.email, admin.password);
  await page.getByRole('link', { name: 'Usage' }).click();
  await page.getByRole('heading', { name: /KYC funnel/ }).waitFor();
  await page.getByRole('heading', { name: 'By operation' }).waitFor();
  // The console's own calls are counted: the queue it just listed is there.
  await eventually('the queue listing to be counted', async () => {
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForSelector('[role="status"].loading', { state: 'detached' });
    return (await page.getByText('GET /v1/admin/kyc', { exact: true }).count()) > 0 ? true : undefined;
  }, 75_000);
  await checkPage(session, 'usage');
});
