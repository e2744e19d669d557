/**
 * HTTP client of the KYC provider API (Sumsub/Persona-style; the mock KYC
 * server locally). Each call has a time limit and is retried a few times with
 * exponential backoff on transient failures (network error, timeout, 408,
 * 429, 5xx); POSTs carry an Idempotency-Key so a retry after a lost response
 * never creates a second applicant or check. Permanent failures (other 4xx)
 * are not retried.
 *
 * Applicant data crosses this boundary but never reaches a log line.
 */
import { logger } from 'firebase-functions/logger';
import type { Applicant } from './kyc.model';

/** A provider call failed; `transient` says whether retrying later may help. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** The provider's result of a completed or held check. */
export interface ProviderReview {
  answer?: 'GREEN' | 'RED';
  rejectType?: 'RETRY' | 'FINAL';
  labels: string[];
  userMessage?: string;
}

/** A check as GET /v1/checks/{id} returns it. */
export interface ProviderCheck {
  id: string;
  applicantId: string;
  caseId: string;
  attempt: number;
  status: 'pending' | 'on_hold' | 'completed';
  result?: ProviderReview & { decidedAt: string };
  events: { id: string; type: string; createdAt: string }[];
}

export interface ProviderClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  /** Attempts per call, the first included. */
  attempts?: number;
  /** First backoff delay; doubles per attempt. */
  backoffMs?: number;
}

/**
 * The id in a provider answer. A 2xx without a usable id is a failure, not a
 * success: recording `undefined` refs would move the case to in_review with
 * nothing to poll (found by the security proof, API10).
 */
function providerId(body: unknown, operation: string): string {
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new ProviderError(`${operation}: malformed response (no usable id)`, true);
  return id;
}

const PROVIDER_DOCUMENT_TYPES = { passport: 'PASSPORT', id_card: 'ID_CARD', driving_licence: 'DRIVERS_LICENSE' } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class KycProviderClient {
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: ProviderClientOptions) {
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 250;
  }

  /** POST /v1/applicants; `externalId` is our case id (the provider never learns the uid). */
  async createApplicant(caseId: string, applicant: Applicant, idempotencyKey: string): Promise<{ id: string }> {
    const body = {
      externalId: caseId,
      firstName: applicant.firstName,
      lastName: applicant.lastName,
      dateOfBirth: applicant.dateOfBirth,
      nationality: applicant.nationality,
      address: applicant.address,
      document: { ...applicant.document, type: PROVIDER_DOCUMENT_TYPES[applicant.document.type] },
    };
    return { id: providerId(await this.call<unknown>('POST', '/v1/applicants', 'create_applicant', body, idempotencyKey), 'create_applicant') };
  }

  /** POST /v1/applicants/{id}/checks: starts the check whose result comes back by webhook. */
  async startCheck(applicantId: string, input: { caseId: string; attempt: number; callbackUrl?: string }, idempotencyKey: string): Promise<{ id: string }> {
    return { id: providerId(await this.call<unknown>('POST', `/v1/applicants/${encodeURIComponent(applicantId)}/checks`, 'start_check', input, idempotencyKey), 'start_check') };
  }

  /** GET /v1/checks/{id}: used by the sweep when a webhook seems lost. */
  async getCheck(checkId: string): Promise<ProviderCheck> {
    const check = await this.call<ProviderCheck>('GET', `/v1/checks/${encodeURIComponent(checkId)}`, 'get_check');
    if (!check || !['pending', 'on_hold', 'completed'].includes(check.status) || !Array.isArray(check.events)) {
      throw new ProviderError('get_check: malformed response', true);
    }
    return check;
  }

  private async call<T>(method: string, path: string, operation: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    let lastError: ProviderError | undefined;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        return await this.once<T>(method, path, body, idempotencyKey);
      } catch (error) {
        lastError = error instanceof ProviderError ? error : new ProviderError(String(error), true);
        logger.warn('kyc_provider_call_failed', { operation, attempt, status: lastError.status, transient: lastError.transient, error: lastError.message });
        if (!lastError.transient || attempt === this.attempts) break;
        await sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
    throw lastError ?? new ProviderError('provider call failed', true);
  }

  private async once<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      throw new ProviderError(name === 'TimeoutError' ? `timed out after ${this.options.timeoutMs} ms` : `network error: ${String((error as Error).message ?? error)}`, true);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        // A 2xx that is not JSON (a proxy's page, a truncated body): retryable, and no parser message in our notes.
        throw new ProviderError(`HTTP ${response.status} with a body that is not JSON`, true, response.status);
      }
    }
    // Only the problem `code` is kept: provider error details may echo applicant data.
    let code = '';
    try {
      code = String((JSON.parse(text) as { code?: unknown }).code ?? '');
    } catch {
      // Not JSON: the status says enough.
    }
    const transient = response.status >= 500 || response.status === 408 || response.status === 429;
    throw new ProviderError(`HTTP ${response.status}${code ? ` ${code}` : ''}`, transient, response.status);
  }
}
