/**
 * The api app built in-process with createApp() and served on an ephemeral
 * port, against the stack's real Auth and Firestore emulators: the production
 * code path without the Functions emulator in front. Used where the emulator
 * cannot go: many truly concurrent requests (it starts one worker process per
 * concurrent request), tiny rate limits (it runs the demo project's generous
 * ones), the CORS allow-list (it wraps every function in a permissive CORS
 * handler) and failing dependencies (for 500s). Every response is validated
 * against openapi.yaml unless a probe is deliberately outside the contract
 * (`contract: false`).
 */
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../functions/src/app';
import type { RateLimitConfig } from '../functions/src/config';
import { defaultServices, type Services } from '../functions/src/composition';
import { assertMatchesContract } from './contract';
import type { ApiResponse } from './http';

const HOUR_MS = 3_600_000;
const generous: RateLimitConfig = { perMinuteUser: 10_000, perMinuteApiKey: 10_000, perMinuteIp: 100_000, signUpsPerMinuteIp: 10_000, windowMs: HOUR_MS };

export interface InProcessCall {
  method?: string;
  operation?: string;
  headers?: Record<string, string>;
  body?: unknown;
  contract?: boolean;
}

export interface InProcessApi {
  /** Where the app listens (http://127.0.0.1:<port>), for clients other than call(), e.g. a browser's forwarded requests. */
  url: string;
  call<T = unknown>(path: string, init?: InProcessCall): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface InProcessOptions {
  rateLimits?: Partial<RateLimitConfig>;
  services?: Services;
  corsAllowedOrigins?: string[];
  /** Largest request body accepted (default 64 KiB). */
  maxBodyBytes?: number;
  /** Step-up MFA for staff on /v1/admin/* (off unless set, as in demo-nff). */
  requireStaffMfa?: boolean;
}

/** A client IP of its own, so rate-limit counters never collide between tests. */
export const newIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Serve a fresh app; all calls come from one random client IP (X-Forwarded-For) unless a call sets its own. */
export async function serveInProcess(options: InProcessOptions = {}): Promise<InProcessApi> {
  // Kept so close() can let the usage meter finish: a flush still writing when a test
  // file's environment is torn down would fail (and print) outside any test.
  const services = options.services ?? defaultServices();
  const app = createApp({
    config: {
      corsAllowedOrigins: options.corsAllowedOrigins ?? [],
      maxBodyBytes: options.maxBodyBytes ?? 65_536,
      rateLimits: { ...generous, ...options.rateLimits },
      requireStaffMfa: options.requireStaffMfa === true,
    },
    services,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ip = newIp();
  return {
    url: base,
    async call<T>(path: string, init: InProcessCall = {}) {
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
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await services.usage.meter().flush();
    },
  };
}
