/**
 * The console's only HTTP client: calls the REST API on the same origin
 * (Hosting rewrites /v1/** to the `api` function, so there is no CORS), with
 * the signed-in staff member's ID token. Errors become ApiProblem, carrying
 * the RFC 9457 body (title, detail, stable code) that pages show as is. A 401
 * means the session is over (expired, revoked, disabled): the registered
 * handler signs out and the app returns to the sign-in page. A 401
 * MFA_REQUIRED is not the end of the session but a missing second factor
 * (REQUIRE_STAFF_MFA): its own handler shows the second-factor step.
 */
import type { Auth } from 'firebase/auth';
import type { Problem } from './types';

/** The contract's Problem with every field optional: an answer from elsewhere than the API (a proxy, Hosting) may lack them. */
export type ProblemBody = Partial<Problem>;

/** A failed API call, with the API's problem details. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
  get title(): string {
    return this.problem.title ?? `Request failed (HTTP ${this.status})`;
  }
}

type Query = Record<string, string | number | undefined>;

export interface Call {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RefusalHandlers {
  /** 401 other than MFA_REQUIRED: the session is over. */
  unauthenticated(problem: ApiProblem): void;
  /** 401 MFA_REQUIRED: the session lacks a second factor. */
  mfaRequired(problem: ApiProblem): void;
}

let auth: Auth | undefined;
let handlers: RefusalHandlers = { unauthenticated: () => undefined, mfaRequired: () => undefined };

/** Wire the client to Auth and to what happens when the API refuses the session. */
export function configureApi(authInstance: Auth, refusals: RefusalHandlers): void {
  auth = authInstance;
  handlers = refusals;
}

/** Path plus the query's defined, non-empty values. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Call the API; resolves with the parsed body and headers, rejects with ApiProblem. */
export async function apiCall<T>(path: string, call: Call = {}): Promise<{ body: T; headers: Headers }> {
  const user = auth?.currentUser;
  if (!user) throw new ApiProblem(401, { title: 'Signed out', detail: 'Sign in again.', code: 'UNAUTHENTICATED' });
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await user.getIdToken()}`, ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body);
  }
  const response = await fetch(withQuery(path, call.query), { method: call.method ?? 'GET', headers, body, credentials: 'omit' });
  const text = await response.text();
  const parsed: unknown = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = new ApiProblem(response.status, (parsed as ProblemBody | undefined) ?? { title: response.statusText });
    if (response.status === 401) {
      if (problem.problem.code === 'MFA_REQUIRED') handlers.mfaRequired(problem);
      else handlers.unauthenticated(problem);
    }
    throw problem;
  }
  return { body: parsed as T, headers: response.headers };
}

/** GET helper. */
export async function apiGet<T>(path: string, query?: Query): Promise<T> {
  return (await apiCall<T>(path, { query })).body;
}
