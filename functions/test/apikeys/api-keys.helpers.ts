/**
 * Helpers shared by the api-keys, audit-logs and rate-limit suites: create a
 * key through the real API, and send requests fetch() cannot (a GET with a
 * body, to prove the body limit holds on every operation).
 */
import { request } from 'node:http';
import { api } from '../../../test/http';
import { bearer } from '../../../test/identities';

export interface CreatedKey {
  id: string;
  secret: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
  createdBy: string;
  name: string;
}

/** Create a key as `adminToken` through the Functions emulator (201 asserted). */
export async function createKey(adminToken: string, body: Record<string, unknown>): Promise<CreatedKey> {
  const response = await api<CreatedKey>('/v1/admin/api-keys', { method: 'POST', headers: bearer(adminToken), body });
  if (response.status !== 201) throw new Error(`creating a key failed: ${response.status} ${response.text}`);
  return response.body;
}

/** A raw HTTP request with an arbitrary method and body; JSON bodies parsed. */
export async function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: /json/.test(res.headers['content-type'] ?? '') ? (JSON.parse(text) as unknown) : text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON body larger than the 64 KiB limit of the demo project. */
export const OVERSIZED_BODY = JSON.stringify({ blob: 'x'.repeat(70 * 1024) });

/** Assert the IETF draft RateLimit-* headers are present and sane. */
export function expectRateLimitHeaders(headers: Headers): void {
  expect(Number(headers.get('ratelimit-limit'))).toBeGreaterThan(0);
  expect(headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
  expect(headers.get('ratelimit-reset')).toMatch(/^\d+$/);
}
