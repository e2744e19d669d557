/**
 * Hand-written request validation (the mock keeps express as its only
 * dependency). Every parser collects all field errors before failing, so a
 * client sees everything wrong with its request at once.
 */
import type { Request } from 'express';
import { isHttpUrl } from './config';
import type { FaultSettings } from './faults';
import { problems, type FieldError } from './problem';
import type { Address, ApplicantInput, IdentityDocument, RejectType, ReviewAnswer } from './store';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY = /^[A-Z]{2,3}$/;

/** Collects field errors while reading values out of a JSON object. */
class Reader {
  readonly errors: FieldError[] = [];

  fail(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  string(o: Obj, key: string, path: string, opts: { max: number; pattern?: RegExp; hint?: string; optional?: boolean }): string | undefined {
    const v = o[key];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'string' || v.trim().length === 0) return this.fail(path, 'must be a non-empty string');
    if (v.length > opts.max) return this.fail(path, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(path, opts.hint ?? 'has an invalid format');
    return v;
  }

  date(o: Obj, key: string, path: string): string | undefined {
    const v = this.string(o, key, path, { max: 10, pattern: ISO_DATE, hint: 'must be a date YYYY-MM-DD' });
    if (v === undefined) return undefined;
    const [, y, m, d] = ISO_DATE.exec(v)!.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return this.fail(path, 'is not a real date');
    return v;
  }

  country(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    const upper = typeof v === 'string' ? v.toUpperCase() : v;
    return this.string({ [key]: upper }, key, path, { max: 3, pattern: COUNTRY, hint: 'must be an ISO 3166-1 alpha-2 or alpha-3 code' });
  }

  int(o: Obj, key: string, path: string, min: number, max: number): number | undefined {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.fail(path, `must be an integer from ${min} to ${max}`);
    return v;
  }

  rate(o: Obj, key: string): number {
    const v = o[key] ?? 0;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) return this.fail(key, 'must be a number from 0 to 1') ?? 0;
    return v;
  }

  oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[], optional = false): T | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    const upper = typeof v === 'string' ? v.toUpperCase() : undefined;
    if (upper === undefined || !(values as readonly string[]).includes(upper)) return this.fail(path, `must be one of ${values.join(', ')}`);
    return upper as T;
  }

  object(o: Obj, key: string, path: string, optional = false): Obj | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (!isObj(v)) return this.fail(path, 'must be an object');
    return v;
  }

  /** Throw 400 VALIDATION_FAILED if anything failed, else return the value. */
  done<T>(value: () => T): T {
    if (this.errors.length > 0) throw problems.validation(this.errors);
    return value();
  }
}

/** The JSON object body of a request, or 415/400. */
export function jsonBody(req: Request): Obj {
  if (!req.is('application/json')) throw problems.unsupportedMediaType();
  if (!isObj(req.body)) throw problems.validation([{ path: '', message: 'body must be a JSON object' }]);
  return req.body;
}

const DOCUMENT_TYPES = ['PASSPORT', 'ID_CARD', 'DRIVERS_LICENSE', 'RESIDENCE_PERMIT'] as const;
const ADDRESS_KEYS = ['line1', 'line2', 'city', 'postalCode', 'region', 'country'] as const;

/** Validate POST /v1/applicants. Unknown fields are ignored, as real providers do. */
export function parseApplicant(body: Obj): ApplicantInput {
  const r = new Reader();
  const name = { max: 100 };
  const externalId = r.string(body, 'externalId', 'externalId', { max: 128 });
  const firstName = r.string(body, 'firstName', 'firstName', name);
  const lastName = r.string(body, 'lastName', 'lastName', name);
  const dateOfBirth = r.date(body, 'dateOfBirth', 'dateOfBirth');
  if (dateOfBirth && dateOfBirth > new Date().toISOString().slice(0, 10)) r.fail('dateOfBirth', 'must not be in the future');
  const nationality = r.country(body, 'nationality', 'nationality');
  let address: Address | undefined;
  const rawAddress = r.object(body, 'address', 'address', true);
  if (rawAddress) {
    address = {};
    for (const key of ADDRESS_KEYS) {
      const v = r.string(rawAddress, key, `address.${key}`, { max: 200, optional: true });
      if (v !== undefined) address[key] = v;
    }
  }
  let document: Partial<IdentityDocument> = {};
  const doc = r.object(body, 'document', 'document');
  if (doc) {
    document = {
      type: r.oneOf(doc, 'type', 'document.type', DOCUMENT_TYPES),
      number: r.string(doc, 'number', 'document.number', { max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9 -]*$/, hint: 'must be letters, digits, spaces or dashes' }),
      issuingCountry: r.country(doc, 'issuingCountry', 'document.issuingCountry'),
      expiresOn: r.date(doc, 'expiresOn', 'document.expiresOn'),
    };
  }
  return r.done(() => ({
    externalId: externalId!,
    firstName: firstName!,
    lastName: lastName!,
    dateOfBirth: dateOfBirth!,
    nationality: nationality!,
    ...(address ? { address } : {}),
    document: document as IdentityDocument,
  }));
}

/** Validate POST /v1/applicants/{id}/checks. */
export function parseCheck(body: Obj): { caseId: string; attempt: number; callbackUrl?: string } {
  const r = new Reader();
  const caseId = r.string(body, 'caseId', 'caseId', { max: 128 });
  const attempt = r.int(body, 'attempt', 'attempt', 1, 1000);
  const callbackUrl = r.string(body, 'callbackUrl', 'callbackUrl', { max: 2048, optional: true });
  if (callbackUrl !== undefined && !isHttpUrl(callbackUrl)) r.fail('callbackUrl', 'must be an absolute http(s) URL');
  return r.done(() => ({ caseId: caseId!, attempt: attempt!, ...(callbackUrl ? { callbackUrl } : {}) }));
}

/** A forced sandbox outcome. */
export interface ForcedOutcome {
  answer: ReviewAnswer | 'ON_HOLD';
  rejectType?: RejectType;
  labels: string[];
  userMessage?: string;
}

/** Validate POST /v1/sandbox/checks/{id}/outcome. A RED needs its rejectType so the receiver is never left guessing. */
export function parseOutcome(body: Obj): ForcedOutcome {
  const r = new Reader();
  const answer = r.oneOf(body, 'answer', 'answer', ['GREEN', 'RED', 'ON_HOLD'] as const);
  const rejectType = r.oneOf(body, 'rejectType', 'rejectType', ['RETRY', 'FINAL'] as const, true);
  if (answer === 'RED' && !rejectType) r.fail('rejectType', 'is required when answer is RED');
  if (answer !== 'RED' && rejectType) r.fail('rejectType', 'is only allowed when answer is RED');
  const labels = body.labels ?? [];
  if (!Array.isArray(labels) || labels.length > 20 || !labels.every((l) => typeof l === 'string' && l.length > 0 && l.length <= 64)) {
    r.fail('labels', 'must be an array of at most 20 non-empty strings');
  }
  const userMessage = r.string(body, 'userMessage', 'userMessage', { max: 500, optional: true });
  return r.done(() => ({ answer: answer!, ...(rejectType ? { rejectType } : {}), labels: labels as string[], ...(userMessage ? { userMessage } : {}) }));
}

const FAULT_KEYS = ['errorRate', 'latencyMs', 'timeoutRate', 'duplicateRate', 'outOfOrderRate', 'seed'];

/** Validate PUT /v1/sandbox/faults. Unknown keys are refused: a typo silently injecting nothing would mislead a test. */
export function parseFaults(body: Obj): { settings: FaultSettings; seed?: number } {
  const r = new Reader();
  for (const key of Object.keys(body)) if (!FAULT_KEYS.includes(key)) r.fail(key, 'is not a fault setting');
  const settings: FaultSettings = {
    errorRate: r.rate(body, 'errorRate'),
    latencyMs: body.latencyMs === undefined ? 0 : (r.int(body, 'latencyMs', 'latencyMs', 0, 60_000) ?? 0),
    timeoutRate: r.rate(body, 'timeoutRate'),
    duplicateRate: r.rate(body, 'duplicateRate'),
    outOfOrderRate: r.rate(body, 'outOfOrderRate'),
  };
  const seed = body.seed === undefined ? undefined : r.int(body, 'seed', 'seed', 0, 0xffffffff);
  return r.done(() => ({ settings, ...(seed !== undefined ? { seed } : {}) }));
}
