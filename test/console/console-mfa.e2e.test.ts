/**
 * The console's second factor in headless Chromium, against the stack jest's
 * global setup started (Hosting emulator, Auth emulator with SMS MFA enabled).
 * SMS codes are read from the Auth emulator's REST API, as a person reads
 * their phone; reCAPTCHA is the SDK's mock (connectAuthEmulator sets
 * appVerificationDisabledForTesting), so nothing is loaded from Google.
 *
 * 1. A staff member with a phone factor signs in: password, the code step
 *    (a wrong code is refused, the right one lands on the review queue).
 * 2. REQUIRE_STAFF_MFA on: the stack's functions run with it off
 *    (functions/.env.demo-nff, for the seeded staff), so this journey's /v1
 *    calls are forwarded by the browser context to the same API app built
 *    in-process with requireStaffMfa: true (the production setting), against
 *    the same Auth and Firestore emulators. A staff member without a second
 *    factor gets MFA_REQUIRED, enrols a phone in the console and goes on.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { logger } from 'firebase-functions';
import { createTestUser, type TestUser } from '../identities';
import { stackEnv } from '../env';
import { testAuth } from '../firestore';
import { serveInProcess, type InProcessApi } from '../in-process';
import { testServices } from '../services';
import { enrollPhoneMfa, passwordSignIn } from '../providers';
import { DESKTOP, launchBrowser, openConsole, SCREENSHOT_DIR, screenshot, seriousViolations, type ConsoleSession } from './browser';

jest.setTimeout(180_000);

const consoleUrl = (): string => stackEnv.consoleUrl;

let browser: Browser;
const sessions: ConsoleSession[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const session of sessions) await session.context.close();
  await browser?.close();
});

async function checkPage(session: ConsoleSession, name: string): Promise<void> {
  await session.page.waitForSelector('[role="status"].loading', { state: 'detached' });
  expect(await seriousViolations(session.page)).toEqual([]);
  expect(session.problems).toEqual([]);
  await screenshot(session.page, name);
}

/** A fresh phone number of the test range. */
const newPhone = (): string => `+1555${String(Date.now()).slice(-7)}`;

/** Session ids of the SMS codes the Auth emulator has "sent" to `phone`. */
async function smsSessions(phone: string): Promise<Map<string, string>> {
  const response = await fetch(`${stackEnv.authUrl}/emulator/v1/projects/${stackEnv.projectId}/verificationCodes`);
  const { verificationCodes } = (await response.json()) as { verificationCodes: Array<{ phoneNumber: string; sessionInfo: string; code: string }> };
  return new Map(verificationCodes.filter((entry) => entry.phoneNumber === phone).map((entry) => [entry.sessionInfo, entry.code]));
}

/** Click the console's "Send code" and read the code that SMS carried from the emulator. */
async function sendAndReadCode(page: Page, phone: string): Promise<string> {
  const before = await smsSessions(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByText('Code sent.').waitFor();
  const fresh = [...(await smsSessions(phone))].filter(([session]) => !before.has(session));
  expect(fresh).toHaveLength(1);
  return fresh[0][1];
}

/** A staff member whose email is verified (Auth requires it to enrol a second factor). */
async function verifiedStaff(role: 'admin' | 'support'): Promise<TestUser> {
  const staff = await createTestUser({ roles: [role] });
  await testAuth().updateUser(staff.uid, { emailVerified: true });
  return staff;
}

async function enterPassword(page: Page, staff: TestUser): Promise<void> {
  await page.goto(`${consoleUrl()}/`);
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a staff member with a phone second factor signs in through the code step', async () => {
  const staff = await verifiedStaff('support');
  const phone = newPhone();
  await enrollPhoneMfa((await passwordSignIn(staff.email, staff.password)).idToken as string, phone);

  const session = await openConsole(browser, DESKTOP);
  sessions.push(session);
  const { page } = session;
  await enterPassword(page, staff);
  await page.getByRole('heading', { name: 'Second factor' }).waitFor();
  await page.getByText(/Phone: .*work phone/).waitFor();
  await checkPage(session, 'sign-in-second-factor');

  const code = await sendAndReadCode(page, phone);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Code from the SMS').fill(wrong);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('That code is not right');
  await checkPage(session, 'sign-in-second-factor-code');

  await page.getByLabel('Code from the SMS').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { level: 1, name: 'KYC review queue' }).waitFor();
  // The console's session carries the factor: what the API's step-up check reads.
  const factor = await page.evaluate(async () => {
    const store = (globalThis as unknown as { sessionStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null } }).sessionStorage;
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i) ?? '';
      if (!key.startsWith('firebase:authUser:')) continue;
      const token = (JSON.parse(store.getItem(key) ?? '{}') as { stsTokenManager?: { accessToken?: string } }).stsTokenManager?.accessToken ?? '';
      return (JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { firebase?: { sign_in_second_factor?: string } }).firebase?.sign_in_second_factor;
    }
    return undefined;
  });
  expect(factor).toBe('phone');
  await checkPage(session, 'kyc-queue-after-second-factor');
});

describe('with REQUIRE_STAFF_MFA on (the production setting)', () => {
  let strictApi: InProcessApi;
  beforeAll(async () => {
    strictApi = await serveInProcess({ requireStaffMfa: true, services: testServices() });
  });
  afterAll(() => strictApi?.close());
  beforeEach(() => {
    // The in-process app logs every request and write; keep the run readable.
    for (const level of ['info', 'warn'] as const) jest.spyOn(logger, level).mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  test('a staff member without a second factor is told MFA_REQUIRED, enrols a phone in the console and goes on', async () => {
    const staff = await verifiedStaff('admin');
    const session = await openConsole(browser, DESKTOP);
    sessions.push(session);
    const { page, context } = session;
    const origin = new URL(consoleUrl()).origin;
    // Only the console's own /v1 calls (not the Auth emulator's /identitytoolkit.googleapis.com/v1/...).
    await context.route(
      (url) => url.origin === origin && url.pathname.startsWith('/v1/'),
      async (route) => {
        const url = new URL(route.request().url());
        await route.fulfill({ response: await route.fetch({ url: `${strictApi.url}${url.pathname}${url.search}` }) });
      },
    );

    await enterPassword(page, staff);
    await page.getByRole('heading', { name: 'Second factor required' }).waitFor();
    await page.getByText('MFA_REQUIRED').first().waitFor();
    await checkPage(session, 'mfa-required');

    const phone = newPhone();
    await page.getByLabel(/Mobile phone number/).fill(phone.replace(/^(\+1)(555)/, '$1 $2 '));
    const code = await sendAndReadCode(page, phone);
    await page.getByLabel('Code from the SMS').fill(code);
    await checkPage(session, 'mfa-enroll-code');
    await page.getByRole('button', { name: 'Add second factor' }).click();
    await page.getByRole('heading', { level: 1, name: 'KYC review queue' }).waitFor();
    await page.getByRole('table').or(page.getByText(/No case/)).first().waitFor();
    expect((await testAuth().getUser(staff.uid)).multiFactor?.enrolledFactors.map((factor) => factor.factorId)).toEqual(['phone']);
    await checkPage(session, 'kyc-queue-after-enrolment');
  });
});
