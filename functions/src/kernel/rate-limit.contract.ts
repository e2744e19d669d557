/**
 * Contract pieces of the rate limits (rate-limit.ts): the RateLimit-* headers
 * every response carries and the 429 response, for each operation's
 * OpenAPI registration.
 */
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { problemResponse } from './contract';

type HeadersObject = Record<string, { description: string; schema: { type: 'integer' | 'string'; minimum?: number }; example?: unknown }>;

/** IETF draft-6 rate limit headers (draft-ietf-httpapi-ratelimit-headers). */
const rateLimitHeaders: HeadersObject = {
  'RateLimit-Limit': {
    description: 'Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).',
    schema: { type: 'integer', minimum: 0 },
    example: 300,
  },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer', minimum: 0 }, example: 299 },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer', minimum: 0 }, example: 42 },
  'RateLimit-Policy': { description: 'The limit and its window, e.g. `300;w=60`.', schema: { type: 'string' }, example: '300;w=60' },
};

/** 429 RATE_LIMITED with Retry-After. */
export const rateLimitedResponse: ResponseConfig = {
  ...problemResponse('Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds.'),
  headers: {
    ...rateLimitHeaders,
    'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 }, example: 42 },
  },
};

/** Add the RateLimit-* headers to every response of an operation (429 keeps its own). */
export function withRateLimitHeaders(responses: Record<string, ResponseConfig>): Record<string, ResponseConfig> {
  return Object.fromEntries(
    Object.entries({ ...responses, '429': rateLimitedResponse }).map(([status, response]) => [
      status,
      { ...response, headers: { ...rateLimitHeaders, ...(response.headers as HeadersObject | undefined) } },
    ]),
  );
}
