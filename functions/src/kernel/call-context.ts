/**
 * Who asked, and under which request id: what services need from a request
 * to write audit entries. A plain type, so services never see Express;
 * http/call-context.ts builds it from a request.
 */
import type { Actor } from './principal';

/** Audit context of one call. */
export interface CallContext {
  actor: Actor;
  requestId?: string;
}
