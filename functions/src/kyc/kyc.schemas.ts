/**
 * Contract of the KYC routes. These zod schemas are the single source:
 * validate() parses requests with them and the operation declarations (kyc.operations.ts)
 * puts them into openapi.yaml. Request schemas check shape only; rules that
 * need context (open case, attempts, dates relative to today) live in
 * kyc.service.ts.
 */
import { z } from 'zod';
import { isoDateTime, text } from '../kernel/primitives';
import { AddressSchema, CountryCodeSchema } from '../kernel/address';
import { DOCUMENT_TYPES } from './kyc.model';
import { KYC_STATUSES } from './kyc.state';

const KycDocumentSchema = z
  .strictObject({
    type: z.enum(DOCUMENT_TYPES),
    number: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'Use letters, digits, spaces or dashes.')
      .meta({ example: 'C01X00T47' }),
    issuingCountry: CountryCodeSchema,
    expiresOn: z.iso.date().meta({ description: 'YYYY-MM-DD.', example: '2031-05-31' }),
  })
  .meta({ id: 'KycDocument', description: 'The identity document.' });

/** The contract's example submission (also the benchmark's request body, proof/bench). */
export const EXAMPLE_KYC_SUBMISSION = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: '1990-12-10',
  nationality: 'DE',
  address: { line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'DE' },
  document: { type: 'id_card', number: 'C01X00T47', issuingCountry: 'DE', expiresOn: '2031-05-31' },
};

export const KycSubmissionSchema = z
  .strictObject({
    firstName: text(100).meta({ example: 'Ada' }),
    lastName: text(100).meta({ example: 'Lovelace' }),
    dateOfBirth: z.iso.date().meta({ description: 'YYYY-MM-DD, in the past; age 16 to 120 years (the same rule as the profile).', example: '1990-12-10' }),
    nationality: CountryCodeSchema,
    address: AddressSchema,
    document: KycDocumentSchema,
  })
  .meta({
    id: 'KycSubmission',
    description: 'Applicant data and identity document of a KYC submission. Stored only in the case; never logged.',
    example: EXAMPLE_KYC_SUBMISSION,
  });
export type KycSubmission = z.infer<typeof KycSubmissionSchema>;

export const IdempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/)
    .optional()
    .meta({ description: 'Client-chosen key (1-255 printable ASCII). The same key with the same body replays the first response for 24 h.', example: '5f0c7d1e-8a4b-4e7f-9c2d-1b3a5e7f9d0c' }),
});

const NextActionSchema = z.enum(['wait', 'resubmit', 'contact_support', 'none']).meta({
  id: 'KycNextAction',
  description:
    '`wait`: the check is running; `resubmit`: send POST /v1/me/kyc again (corrected data, or a new case after expiry); ' +
    '`contact_support`: no further attempt is possible; `none`: verified.',
});

export const KycCaseSchema = z
  .object({
    id: z.string().meta({ example: 'kc_4f1c2b9e0d8a7c6b5e4f3a21' }),
    status: z.enum(KYC_STATUSES),
    attempt: z.number().int().min(1).meta({ example: 1 }),
    maxAttempts: z.number().int().min(1).meta({ example: 3 }),
    nextAction: NextActionSchema,
    message: z.string().nullable().meta({ description: 'What the reviewer or provider told the applicant, if anything.', example: null }),
    labels: z.array(z.string()).meta({ description: 'Reason codes of the latest review.', example: [] }),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    statusChangedAt: isoDateTime,
  })
  .meta({
    id: 'KycCase',
    description: 'A KYC case as its applicant sees it (no personal data is echoed).',
    example: {
      id: 'kc_4f1c2b9e0d8a7c6b5e4f3a21',
      status: 'submitted',
      attempt: 1,
      maxAttempts: 3,
      nextAction: 'wait',
      message: null,
      labels: [],
      createdAt: '2025-01-31T09:30:00.000Z',
      updatedAt: '2025-01-31T09:30:00.000Z',
      statusChangedAt: '2025-01-31T09:30:00.000Z',
    },
  });
export type KycCaseView = z.infer<typeof KycCaseSchema>;

const KycHistoryEntrySchema = z
  .object({
    from: z.enum(KYC_STATUSES).nullable(),
    to: z.enum(KYC_STATUSES),
    attempt: z.number().int().min(1),
    by: z.enum(['applicant', 'provider', 'reviewer', 'system']),
    at: isoDateTime,
  })
  .meta({ id: 'KycHistoryEntry', description: 'One status change of a case.' });

export const KycCaseDetailSchema = KycCaseSchema.extend({ history: z.array(KycHistoryEntrySchema) }).meta({
  id: 'KycCaseDetail',
  description: 'The caller’s current KYC case with its status history (oldest first) and what to do next.',
  example: {
    id: 'kc_4f1c2b9e0d8a7c6b5e4f3a21',
    status: 'resubmission_required',
    attempt: 1,
    maxAttempts: 3,
    nextAction: 'resubmit',
    message: 'We could not read your document. Please upload a clearer photo.',
    labels: ['DOCUMENT_UNREADABLE'],
    createdAt: '2025-01-31T09:30:00.000Z',
    updatedAt: '2025-01-31T09:31:00.000Z',
    statusChangedAt: '2025-01-31T09:31:00.000Z',
    history: [
      { from: null, to: 'submitted', attempt: 1, by: 'applicant', at: '2025-01-31T09:30:00.000Z' },
      { from: 'submitted', to: 'in_review', attempt: 1, by: 'system', at: '2025-01-31T09:30:01.000Z' },
      { from: 'in_review', to: 'resubmission_required', attempt: 1, by: 'provider', at: '2025-01-31T09:31:00.000Z' },
    ],
  },
});
export type KycCaseDetail = z.infer<typeof KycCaseDetailSchema>;

const KycReviewSchema = z
  .object({
    source: z.enum(['provider', 'reviewer']),
    answer: z.enum(['GREEN', 'RED']).nullable(),
    rejectType: z.enum(['RETRY', 'FINAL']).nullable(),
    labels: z.array(z.string()),
    userMessage: z.string().nullable(),
    decidedAt: isoDateTime,
  })
  .meta({ id: 'KycReview', description: 'Latest review result.' });

export const KycAdminCaseSchema = KycCaseSchema.extend({
  uid: z.string().meta({ example: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w' }),
  applicant: KycSubmissionSchema,
  review: KycReviewSchema.nullable(),
  provider: z.object({ applicantId: z.string(), checkId: z.string(), attempt: z.number().int() }).nullable(),
  note: z.string().nullable().meta({ description: 'Operational note, e.g. a failed hand-over to the provider.' }),
}).meta({ id: 'KycAdminCase', description: 'A KYC case as reviewers see it, applicant data included.' });
export type KycAdminCase = z.infer<typeof KycAdminCaseSchema>;

const KycCaseEventSchema = z
  .object({
    id: z.string().meta({ description: 'The case version this change produced, zero-padded (orders the timeline).', example: '0000000003' }),
    from: z.enum(KYC_STATUSES).nullable(),
    to: z.enum(KYC_STATUSES),
    attempt: z.number().int().min(1),
    by: z.enum(['applicant', 'provider', 'reviewer', 'system']),
    actor: z.object({ type: z.enum(['user', 'apiKey', 'system', 'anonymous']), id: z.string() }).meta({ description: 'Who made the change: the applicant or reviewer (uid), or a system component.' }),
    reason: z.string().meta({ example: 'manual decision: Document verified by video call.' }),
    sourceEventId: z.string().nullable().meta({ description: 'The provider event or submission key that caused the change, if any.' }),
    at: isoDateTime,
  })
  .meta({ id: 'KycCaseEvent', description: 'One status change of a case as its event log records it.' });

export const KycAdminCaseDetailSchema = KycAdminCaseSchema.extend({
  events: z.array(KycCaseEventSchema).meta({ description: 'The case’s status changes, oldest first.' }),
}).meta({ id: 'KycAdminCaseDetail', description: 'A KYC case as reviewers see it, with its event timeline.' });
export type KycAdminCaseDetail = z.infer<typeof KycAdminCaseDetailSchema>;

export const KycQueueQuerySchema = z.strictObject({
  status: z.enum(KYC_STATUSES).optional().meta({ description: 'Only cases in this status.', example: 'on_hold' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Page size (1-100).', example: 20 }),
  cursor: z.string().max(500).optional().meta({ description: '`nextCursor` of the previous page.' }),
});

export const KycQueuePageSchema = z
  .object({ items: z.array(KycAdminCaseSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'KycQueuePage', description: 'A page of the review queue, least recently updated first.' });

/** A case id as a path segment: letters, digits, _ and -, and never a Firestore-reserved id (`__…__`, which Firestore refuses with an error, not a miss). */
export const KycCaseParamsSchema = z.strictObject({
  caseId: z
    .string()
    .regex(/^(?!__.*__$)[A-Za-z0-9_-]{1,128}$/)
    .meta({ example: 'kc_4f1c2b9e0d8a7c6b5e4f3a21' }),
});

export const KycDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject', 'request_resubmission']),
    reason: text(500).meta({ description: 'Why; shown to the applicant as the case message.', example: 'Document verified by video call.' }),
  })
  .meta({ id: 'KycDecision', description: 'A reviewer’s manual decision.', example: { decision: 'approve', reason: 'Document verified by video call.' } });
export type KycDecision = z.infer<typeof KycDecisionSchema>;

/** Body of a provider callback (unknown fields are ignored, as webhook receivers must). */
export const KycWebhookEventSchema = z
  .looseObject({
    // Both ids become Firestore document ids (webhookEvents/{id}, kycCases/{caseId}): no `/` or `..` may reach a path.
    id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Letters, digits, _ and - only.').meta({ example: 'evt_5b2f0c1d9e8a7f6b5c4d3e2f' }),
    type: z.string().min(1).max(100).meta({ description: '`kyc.check.completed` or `kyc.check.on_hold`; other types are acknowledged and ignored.', example: 'kyc.check.completed' }),
    createdAt: isoDateTime,
    caseId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Letters, digits, _ and - only.'),
    applicantId: z.string().min(1).max(128),
    attempt: z.number().int().min(1),
    review: z.looseObject({
      answer: z.enum(['GREEN', 'RED']).optional(),
      rejectType: z.enum(['RETRY', 'FINAL']).optional(),
      labels: z.array(z.string().max(100)).max(50).default([]),
      userMessage: z.string().max(1000).optional(),
    }),
  })
  .meta({
    id: 'KycWebhookEvent',
    description: 'Signed callback of the KYC provider (header `X-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t.rawBody)>`).',
    example: {
      id: 'evt_5b2f0c1d9e8a7f6b5c4d3e2f',
      type: 'kyc.check.completed',
      createdAt: '2025-01-31T09:31:00.000Z',
      caseId: 'kc_4f1c2b9e0d8a7c6b5e4f3a21',
      applicantId: 'app_0a1b2c3d4e5f6a7b8c9d0e1f',
      attempt: 1,
      review: { answer: 'GREEN', labels: [], userMessage: 'Your identity has been verified.' },
    },
  });
export type KycWebhookEvent = z.infer<typeof KycWebhookEventSchema>;

const WEBHOOK_OUTCOMES = ['applied', 'duplicate', 'stale', 'ignored'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

export const KycWebhookAckSchema = z
  .object({
    received: z.literal(true),
    outcome: z.enum(WEBHOOK_OUTCOMES).meta({
      description: '`applied`: the case changed; `duplicate`: this event id was already processed; `stale`: older than what the case already holds; `ignored`: unknown case, attempt or type, or not a legal change.',
    }),
  })
  .meta({ id: 'KycWebhookAck', description: 'Acknowledgement; the provider stops retrying.', example: { received: true, outcome: 'applied' } });
export type KycWebhookAck = z.infer<typeof KycWebhookAckSchema>;
