/**
 * A small HTTP client for API tests: calls the api function through the
 * Functions emulator, parses JSON and problem+json bodies, and validates every
 * response against openapi.yaml (pass `contract: false` only for responses the
 * contract deliberately does not describe, and say why in the test).
 */
import { stackEnv } from './env';
import { assertMatchesContract } from './contract';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiCall {
  method?: string;
  /** The path as in openapi.yaml, e.g. '/v1/admin/users/{uid}', for contract lookup. */
  operation?: string;
  headers?: Record<string, string>;
  body?: unknown;
  contract?: boolean;
}

export async function api<T = unknown>(path: string, call: ApiCall = {}): Promise<ApiResponse<T>> {
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  }
  const response = await fetch(`${stackEnv.apiUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  const parsed = /json/.test(response.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as T) : (text as T);
  if (call.contract !== false) {
    assertMatchesContract(call.operation ?? path.split('?')[0], method, response, parsed);
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
