/**
 * The contract between the security-rules language (this folder: parser,
 * value model, evaluator, coverage) and the emulator's transports, which
 * decide WHEN rules are asked and with WHAT (identity, documents, queries).
 *
 * Invariants both sides keep:
 * - Rules never see the transport: no gRPC, no HTTP types cross this file.
 * - A request whose caller is privileged (`Authorization: Bearer owner`,
 *   firebase-admin) never reaches the evaluator.
 * - Anything the evaluator cannot decide (an unsupported construct, an
 *   evaluation error, an exhausted get()/exists() budget) is a DENY, never
 *   an allow. Unsupported constructs are refused at compile time.
 * - Documents are passed in the emulator's wire shape (`Document` from
 *   ../types), so nothing is converted on the hot path unless rules are on.
 */
import type { Document, StructuredQuery, Timestamp } from '../types';

/** One rules file, as @firebase/rules-unit-testing sends it. */
export interface RulesFile {
  name: string;
  content: string;
}

/** A compile error, positions 1-based as the official emulator reports them. */
export interface RulesIssue {
  line: number;
  column: number;
  message: string;
}

export type CompileResult = { ok: true; ruleset: Ruleset } | { ok: false; issues: RulesIssue[] };

/** `request.auth`: null when the call carried no identity. */
export interface RulesAuth {
  uid: string;
  /** The decoded (unsigned emulator) JWT claims, `firebase` sub-object included. */
  token: Record<string, unknown>;
}

/** Methods as the rules language names them (read = get|list, write = create|update|delete). */
export type RulesMethod = 'get' | 'list' | 'create' | 'update' | 'delete';

/**
 * Reads the evaluator may perform for get()/exists()/getAfter()/existsAfter().
 * Paths are full document names (`projects/{p}/databases/{d}/documents/...`).
 */
export interface DocumentReader {
  /** The document as it is before the request (null if absent). */
  get(name: string): Document | null;
  /** The document as it would be if the whole request's writes applied (null if absent or deleted). */
  getAfter(name: string): Document | null;
}

/**
 * The documented access-call limit, shared by every evaluation of one request:
 * 10 for a single-document request, 20 for a batch or transaction commit.
 * The evaluator decrements it; a call past zero is an error (deny).
 */
export interface AccessBudget {
  remaining: number;
}

/** What every evaluation is told about the request. */
export interface RequestContext {
  projectId: string;
  databaseId: string;
  auth: RulesAuth | null;
  /** `request.time`: the commit time for writes (equals any serverTimestamp in the same request). */
  time: Timestamp;
  reader: DocumentReader;
  budget: AccessBudget;
}

/** A get/create/update/delete on one document. */
export interface DocumentRequest {
  method: Exclude<RulesMethod, 'list'>;
  /** Document path relative to `/databases/{d}/documents`, e.g. `users/u1`. */
  path: string;
  /** `resource`: the stored document (null if absent). */
  resource: Document | null;
  /** `request.resource` for create/update: the document after this write, transforms and masks applied. */
  requestResource?: Document | null;
}

/** A list (query) or aggregation over one collection or collection group. */
export interface QueryRequest {
  /** Parent document path relative to `/databases/{d}/documents` ('' for the root). */
  parent: string;
  query: StructuredQuery;
}

export interface Decision {
  allowed: boolean;
  /** Why, for the emulator's log and the PERMISSION_DENIED message (never for allow/deny logic). */
  reason: string;
}

/** A compiled ruleset: immutable; coverage counters are its only mutable state. */
export interface Ruleset {
  readonly version: '1' | '2';
  authorizeDocument(req: DocumentRequest, ctx: RequestContext): Decision;
  /** Rules are not filters: allowed only if the query's constraints prove the condition for every document it can return. */
  authorizeQuery(req: QueryRequest, ctx: RequestContext): Decision;
  /** Evaluation counts per expression, as served by `:ruleCoverage`. */
  coverage(): RulesCoverage;
  /** The rules source annotated with those counts, as served by `:ruleCoverage.html`. */
  coverageHtml(): string;
}

export interface ExpressionCoverage {
  line: number;
  column: number;
  /** How often the expression evaluated to each outcome, e.g. { true: 3, false: 1, error: 0 }. */
  counts: Record<string, number>;
}

export interface RulesCoverage {
  files: { name: string; expressions: ExpressionCoverage[] }[];
}
