/**
 * Hosting as the single entry point, through the Hosting emulator of the
 * stack: the console's files with their security and cache headers, the SPA
 * fallback, and the gateway rewrites of /v1/** and /docs/** to the api function.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stackEnv } from '../env';

const consoleUrl = (): string => stackEnv.consoleUrl;

const productionCsp = (): string => {
  const config = JSON.parse(readFileSync(resolve(__dirname, '../../firebase.json'), 'utf8')) as { hosting: { headers: Array<{ headers: Array<{ key: string; value: string }> }> } };
  return config.hosting.headers.flatMap((rule) => rule.headers).find((h) => h.key === 'Content-Security-Policy')?.value ?? '';
};

/** One directive's sources. */
const directive = (csp: string, name: string): string[] =>
  csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name)
    ?.slice(1) ?? [];

test('firebase.json: the CSP allows no inline script, and no script or frame origin but reCAPTCHA’s (SMS second factor)', () => {
  const csp = productionCsp();
  // Phone MFA's invisible reCAPTCHA: api.js from www.google.com/recaptcha, its code from www.gstatic.com/recaptcha,
  // its widget frames from www.google.com/recaptcha (recaptcha.google.com is Google's alternative host for them).
  expect(directive(csp, 'script-src')).toEqual(["'self'", 'https://www.google.com/recaptcha/', 'https://www.gstatic.com/recaptcha/']);
  expect(directive(csp, 'frame-src')).toEqual(['https://www.google.com/recaptcha/', 'https://recaptcha.google.com/recaptcha/']);
  expect(directive(csp, 'style-src')).toEqual(["'self'"]);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|127\.0\.0\.1/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
});

test('the console page: security headers, no long cache, no inline script', async () => {
  const response = await fetch(`${consoleUrl()}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-cache');
  const html = await response.text();
  expect(html).toContain('<div id="app">');
  // Every <script> has a src: inline scripts would be refused by the CSP.
  expect([...html.matchAll(/<script\b[^>]*>/g)].every(([tag]) => /\ssrc=/.test(tag))).toBe(true);
});

test('hashed assets are cached for a year, immutable', async () => {
  const html = await (await fetch(`${consoleUrl()}/`)).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeDefined();
  const response = await fetch(`${consoleUrl()}${asset}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('content-type')).toMatch(/javascript/);
});

test('deep links to console pages get the app (SPA fallback)', async () => {
  const response = await fetch(`${consoleUrl()}/kyc/some-case-id`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<div id="app">');
});

test('gateway: /v1/** and /docs/** reach the api function on the same origin', async () => {
  const health = await fetch(`${consoleUrl()}/v1/health`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { status: string }).status).toBe('ok');
  // The console's static-file headers stay off API responses (the API sets its own).
  expect(health.headers.get('content-security-policy') ?? '').not.toContain('identitytoolkit');
  const problem = await fetch(`${consoleUrl()}/v1/me`);
  expect(problem.status).toBe(401);
  expect(problem.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const contract = await fetch(`${consoleUrl()}/v1/openapi.yaml`);
  expect(await contract.text()).toMatch(/^openapi: /m);
  const docs = await fetch(`${consoleUrl()}/docs/`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toMatch(/swagger/i);
});
