/**
 * One declaration per REST operation: method, path, who may call it, the
 * input schemas, the contract entry and the handler. http/operations.ts
 * mounts it as an Express route (authentication, authorization, validation,
 * then the handler) and openapi/document.ts registers the same object in the
 * contract, so a route cannot exist without its contract entry or disagree
 * with it.
 *
 * Handlers see no Express: they get validated, typed input and return a
 * reply (status, headers, JSON body).
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { CallContext } from './call-context';
import type { ApiKeyScope, Principal, Role, UserPrincipal } from './principal';

/** Who may call an operation. */
export type Access =
  /** Anyone; no credentials are read. */
  | { kind: 'public' }
  /** Authenticated by the handler itself (the KYC webhook's signature); no credentials are read. */
  | { kind: 'signature' }
  /** An end user (any role); API keys are refused with 403 USER_REQUIRED. */
  | { kind: 'user' }
  /**
   * Users with one of `roles`, or API keys with one of `scopes` (403
   * FORBIDDEN otherwise); with `userOnly`, API keys are refused first with
   * 403 USER_REQUIRED.
   */
  | { kind: 'allow'; roles?: Role[]; scopes?: ApiKeyScope[]; userOnly?: boolean };

/** The validated input of one call. */
export interface OperationInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The authenticated caller (undefined on public operations). */
  principal: Principal | undefined;
  /** The calling user; throws 403 USER_REQUIRED for an API key. */
  user(): UserPrincipal;
  /** Who asked, for audit entries. */
  ctx: CallContext;
  /** A request header (case-insensitive). */
  header(name: string): string | undefined;
  /** The exact bytes received, when the runtime kept them (signature checks). */
  rawBody: Buffer | undefined;
}

/** What a handler answers: a status (200 unless told), headers and a JSON body (none: an empty response). */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The contract entry of an operation, minus what the declaration already says (method, path, request). */
export type OperationDocs = Omit<RouteConfig, 'method' | 'path' | 'request'> & {
  /** Request headers, for the contract only (handlers read them with `header()`). */
  requestHeaders?: z.ZodObject;
};

/** A rate budget of its own that an operation spends, on top of the general per-IP and per-principal ones (http/rate-limit.ts). */
export type OperationBudget = 'signUpsPerIp';

/** A REST operation whose handler uses the services `S`. */
export interface Operation<S, P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. `/v1/admin/users/{uid}`. */
  path: string;
  access: Access;
  /** Spent before anything else of the operation runs (its 429 is in the contract like every 429). */
  budget?: OperationBudget;
  request?: {
    params?: z.ZodType<P>;
    query?: z.ZodType<Q>;
    body?: z.ZodType<B>;
    /** false: the body schema is for the contract; the handler validates the body itself (after its signature check). */
    validateBody?: false;
  };
  docs: OperationDocs;
  handle(input: OperationInput<P, Q, B>, services: S): Promise<Reply>;
}

/**
 * The declarer of a feature's operations over the services `S`: it checks a
 * declaration and infers its input types from its schemas, e.g.
 * `const operation = operationsOver<UsersOperationServices>();`.
 */
export function operationsOver<S>() {
  return <P = unknown, Q = unknown, B = unknown>(declaration: Operation<S, P, Q, B>): Operation<S, P, Q, B> => declaration;
}
