/**
 * The api app built in-process with createApp() and served on an ephemeral
 * port against the stack's real Auth and Firestore emulators: the production
 * code path without the Functions emulator in front, for what the emulator
 * cannot show (tiny rate limits, the CORS allow-list — the emulator wraps
 * every function in a permissive CORS handler — and headers the emulator's
 * proxy adds). Responses are validated against openapi.yaml unless a probe
 * is deliberately outside the contract (contract: false).
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../functions/src/app';
import type { RateLimitConfig } from '../../functions/src/config';
import { assertMatchesContract } from '../../test/contract';
import type { ApiResponse } from '../../test/http';

const HOUR_MS = 3_600_000;
const generous: RateLimitConfig = { perMinuteUser: 10_000, perMinuteApiKey: 10_000, perMinuteIp: 100_000, windowMs: HOUR_MS };

export interface InProcessApi {
  call<T = unknown>(path: string, init?: { method?: string; operation?: string; headers?: Record<string, string>; body?: unknown; contract?: boolean }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** Serve a fresh app; all calls come from one random client IP (X-Forwarded-For) unless a call sets its own. */
export async function serveInProcess(options: { rateLimits?: Partial<RateLimitConfig>; corsAllowedOrigins?: string[] } = {}): Promise<InProcessApi> {
  const app = createApp({ config: { corsAllowedOrigins: options.corsAllowedOrigins ?? [], maxBodyBytes: 65_536, rateLimits: { ...generous, ...options.rateLimits } } });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  return {
    async call<T>(path: string, init: { method?: string; operation?: string; headers?: Record<string, string>; body?: unknown; contract?: boolean } = {}) {
      const method = init.method ?? 'GET';
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-Forwarded-For': ip, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      const body = (/json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text) as T;
      if (init.contract !== false) assertMatchesContract(init.operation ?? path.split('?')[0], method, response, body);
      return { status: response.status, headers: response.headers, body, text };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
