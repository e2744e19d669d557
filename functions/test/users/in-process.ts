/**
 * The api app built in-process with createApp() and served on an ephemeral
 * port, against the stack's real Auth and Firestore emulators. Used where the
 * Functions emulator cannot go: many truly concurrent requests (it starts one
 * worker process per concurrent request), tiny rate limits (it runs the demo
 * project's generous ones) and failing dependencies (for 500s). Every
 * response is still validated against openapi.yaml.
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app';
import type { RateLimitConfig } from '../../src/config';
import type { Services } from '../../src/services';
import { assertMatchesContract } from '../../../test/contract';
import type { ApiResponse } from '../../../test/http';

const HOUR_MS = 3_600_000;
const generous: RateLimitConfig = { perMinuteUser: 10_000, perMinuteApiKey: 10_000, perMinuteIp: 100_000, windowMs: HOUR_MS };

export interface InProcessApi {
  call<T = unknown>(path: string, init?: { method?: string; operation?: string; headers?: Record<string, string>; body?: unknown }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** A client IP of its own, so rate-limit counters never collide between tests. */
export const newIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export async function serveInProcess(options: { rateLimits?: Partial<RateLimitConfig>; services?: Services } = {}): Promise<InProcessApi> {
  const app = createApp({ config: { corsAllowedOrigins: [], maxBodyBytes: 65_536, rateLimits: { ...generous, ...options.rateLimits } }, services: options.services });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ip = newIp();
  return {
    async call<T>(path: string, init: { method?: string; operation?: string; headers?: Record<string, string>; body?: unknown } = {}) {
      const method = init.method ?? 'GET';
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-Forwarded-For': ip, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      const body = (/json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text) as T;
      assertMatchesContract(init.operation ?? path.split('?')[0], method, response, body);
      return { status: response.status, headers: response.headers, body, text };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
