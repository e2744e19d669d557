/**
 * Test helpers: a mock started on an ephemeral loopback port with short
 * delays, a tiny callback receiver, and a JSON client.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockKyc, type MockKycConfig, type RunningMockKyc } from '../src';

export const TOKEN = 'demo-nff-local-kyc-token';
export const SECRET = 'demo-nff-local-webhook-secret';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Minimal JSON client for the mock's API. */
export function client(baseUrl: string, token: string | null = TOKEN) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** Start a quiet mock with test-sized delays. */
export async function startMock(config: MockKycConfig = {}) {
  const mock = createMockKyc({ logger: false, decisionDelayMs: 20, lateRedDelayMs: 60, outOfOrderMaxHoldMs: 500, ...config, retry: { baseMs: 20, maxAttempts: 4, timeoutMs: 1000, ...config.retry } });
  const running: RunningMockKyc = await mock.start(0);
  return { mock, ...running, api: client(running.url) };
}

/** One callback as received. */
export interface Received {
  rawBody: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  signature: string | undefined;
  headers: http.IncomingHttpHeaders;
  at: number;
}

/** A local callback receiver; `respond(n)` picks the status of the n-th (1-based) request. */
export async function startReceiver(respond: (n: number, req: Received) => number = () => 204) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { rawBody, body: JSON.parse(rawBody), signature: req.headers['x-signature'] as string | undefined, headers: req.headers, at: Date.now() };
      received.push(entry);
      res.statusCode = respond(received.length, entry);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Poll until `predicate` holds (or fail after `timeoutMs`). */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A valid applicant body; override the last name or document number to pick a sandbox outcome. */
export function applicantBody(over: { lastName?: string; number?: string; dateOfBirth?: string; expiresOn?: string } = {}) {
  return {
    externalId: 'uid-123',
    firstName: 'Ada',
    lastName: over.lastName ?? 'Lovelace',
    dateOfBirth: over.dateOfBirth ?? '1990-12-10',
    nationality: 'GB',
    address: { line1: '1 Test Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    document: { type: 'PASSPORT', number: over.number ?? 'P1234567', issuingCountry: 'GBR', expiresOn: over.expiresOn ?? '2035-01-01' },
  };
}

type Api = ReturnType<typeof client>;

/** Create an applicant and start a check; returns both bodies. */
export async function createCheck(api: Api, callbackUrl: string, over: Parameters<typeof applicantBody>[0] = {}, caseId = 'case-1') {
  const applicant = await api('POST', '/v1/applicants', applicantBody(over));
  expect(applicant.status).toBe(201);
  const check = await api('POST', `/v1/applicants/${applicant.body.id}/checks`, { caseId, attempt: 1, callbackUrl });
  expect(check.status).toBe(202);
  return { applicant: applicant.body, check: check.body };
}
