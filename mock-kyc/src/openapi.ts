/**
 * The mock's own small, hand-written OpenAPI 3.0 document, served at
 * GET /openapi.json. Kept next to the code it describes; the test suite
 * checks that every route here answers.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const str = { type: 'string' };
const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };
const rate = { type: 'number', minimum: 0, maximum: 1 };
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } };
const pathId = (name: string) => ({ name, in: 'path', required: true, schema: str });
const common = { '401': problem('Missing or invalid API token'), '404': problem('Not found') };
const apiFaults = { '500': problem('Internal error (possibly injected)'), '503': problem('Unavailable (possibly injected)') };

const review = {
  type: 'object',
  required: ['labels', 'userMessage'],
  properties: {
    answer: { type: 'string', enum: ['GREEN', 'RED'], description: 'Absent on kyc.check.on_hold events.' },
    rejectType: { type: 'string', enum: ['RETRY', 'FINAL'], description: 'Present only when answer is RED.' },
    labels: { type: 'array', items: str },
    userMessage: str,
  },
};

/** The OpenAPI document. */
export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'NovaFacies mock KYC provider',
    version: '0.1.0',
    description:
      'Sandbox KYC provider: applicants, checks, signed callbacks (X-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>), deterministic outcomes and fault injection.',
  },
  servers: [{ url: 'http://127.0.0.1:9300' }],
  security: [{ bearer: [] }],
  paths: {
    '/health': { get: { security: [], summary: 'Liveness', responses: { '200': { description: 'Up', content: json({ type: 'object' }) } } } },
    '/openapi.json': { get: { security: [], summary: 'This document', responses: { '200': { description: 'OpenAPI 3.0', content: json({ type: 'object' }) } } } },
    '/v1/applicants': {
      post: {
        summary: 'Create an applicant',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref('ApplicantInput')) },
        responses: {
          '201': { description: 'Created (or replayed)', content: json(ref('Applicant')) },
          '400': problem('Validation failed'),
          '409': problem('IDEMPOTENCY_KEY_REUSED'),
          '415': problem('Not JSON'),
          ...common,
          ...apiFaults,
        },
      },
    },
    '/v1/applicants/{id}': {
      get: { summary: 'Get an applicant', parameters: [pathId('id')], responses: { '200': { description: 'Applicant', content: json(ref('Applicant')) }, ...common, ...apiFaults } },
    },
    '/v1/applicants/{id}/checks': {
      post: {
        summary: 'Start a check; the decision arrives by callback',
        parameters: [pathId('id'), idempotencyKey],
        requestBody: { required: true, content: json(ref('CheckInput')) },
        responses: {
          '202': { description: 'Accepted (or replayed)', content: json(ref('Check')) },
          '400': problem('Validation failed'),
          '409': problem('IDEMPOTENCY_KEY_REUSED'),
          '422': problem('CALLBACK_URL_REQUIRED'),
          ...common,
          ...apiFaults,
        },
      },
    },
    '/v1/checks/{id}': {
      get: { summary: 'Get a check', parameters: [pathId('id')], responses: { '200': { description: 'Check', content: json(ref('Check')) }, ...common, ...apiFaults } },
    },
    '/v1/sandbox/checks/{id}/outcome': {
      post: {
        summary: 'Force an outcome (sends the callback)',
        parameters: [pathId('id')],
        requestBody: { required: true, content: json(ref('ForcedOutcome')) },
        responses: { '200': { description: 'Applied', content: json({ type: 'object', properties: { check: ref('Check'), event: ref('Event') } }) }, '400': problem('Validation failed'), ...common },
      },
    },
    '/v1/sandbox/faults': {
      get: { summary: 'Current faults', responses: { '200': { description: 'Faults', content: json(ref('Faults')) }, '401': common['401'] } },
      put: {
        summary: 'Replace the faults (omitted fields become 0)',
        requestBody: { required: true, content: json(ref('Faults')) },
        responses: { '200': { description: 'Faults', content: json(ref('Faults')) }, '400': problem('Validation failed'), '401': common['401'] },
      },
      delete: { summary: 'Reset faults and seed', responses: { '200': { description: 'Faults', content: json(ref('Faults')) }, '401': common['401'] } },
    },
    '/v1/deliveries': {
      get: {
        summary: 'Delivery log (one entry per HTTP attempt)',
        parameters: [
          { name: 'eventId', in: 'query', required: false, schema: str },
          { name: 'checkId', in: 'query', required: false, schema: str },
        ],
        responses: { '200': { description: 'Log', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('DeliveryAttempt') } } }) }, '401': common['401'] },
      },
    },
    '/v1/deliveries/{eventId}/resend': {
      post: {
        summary: 'Deliver an event again (same id and body)',
        parameters: [pathId('eventId')],
        responses: { '202': { description: 'Queued', content: json({ type: 'object', properties: { eventId: str, status: { type: 'string', enum: ['queued'] } } }) }, ...common },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: str, title: str, status: { type: 'integer' }, detail: str, instance: str, code: str, requestId: str,
          errors: { type: 'array', items: { type: 'object', properties: { path: str, message: str } } },
        },
      },
      Document: {
        type: 'object',
        required: ['type', 'number', 'issuingCountry', 'expiresOn'],
        properties: { type: { type: 'string', enum: ['PASSPORT', 'ID_CARD', 'DRIVERS_LICENSE', 'RESIDENCE_PERMIT'] }, number: str, issuingCountry: str, expiresOn: date },
      },
      Address: { type: 'object', properties: { line1: str, line2: str, city: str, postalCode: str, region: str, country: str } },
      ApplicantInput: {
        type: 'object',
        required: ['externalId', 'firstName', 'lastName', 'dateOfBirth', 'nationality', 'document'],
        properties: { externalId: str, firstName: str, lastName: str, dateOfBirth: date, nationality: str, address: ref('Address'), document: ref('Document') },
      },
      Applicant: {
        allOf: [ref('ApplicantInput'), { type: 'object', required: ['id', 'createdAt', 'checks'], properties: { id: str, createdAt: dateTime, checks: { type: 'array', items: str } } }],
      },
      CheckInput: {
        type: 'object',
        required: ['caseId', 'attempt'],
        properties: { caseId: str, attempt: { type: 'integer', minimum: 1 }, callbackUrl: { type: 'string', format: 'uri' } },
      },
      Check: {
        type: 'object',
        required: ['id', 'applicantId', 'caseId', 'attempt', 'status', 'callbackUrl', 'createdAt', 'updatedAt', 'events'],
        properties: {
          id: str, applicantId: str, caseId: str, attempt: { type: 'integer' }, callbackUrl: str, createdAt: dateTime, updatedAt: dateTime,
          status: { type: 'string', enum: ['pending', 'on_hold', 'completed'] },
          result: { allOf: [review, { type: 'object', properties: { decidedAt: dateTime } }] },
          events: { type: 'array', items: { type: 'object', properties: { id: str, type: str, createdAt: dateTime } } },
        },
      },
      Event: {
        type: 'object',
        description: 'Callback body POSTed to the callback URL.',
        required: ['id', 'type', 'createdAt', 'caseId', 'applicantId', 'attempt', 'review'],
        properties: {
          id: str, type: { type: 'string', enum: ['kyc.check.completed', 'kyc.check.on_hold'] }, createdAt: dateTime,
          caseId: str, applicantId: str, attempt: { type: 'integer' }, review,
        },
      },
      ForcedOutcome: {
        type: 'object',
        required: ['answer'],
        properties: { answer: { type: 'string', enum: ['GREEN', 'RED', 'ON_HOLD'] }, rejectType: { type: 'string', enum: ['RETRY', 'FINAL'] }, labels: { type: 'array', items: str }, userMessage: str },
      },
      Faults: {
        type: 'object',
        properties: { errorRate: rate, latencyMs: { type: 'integer', minimum: 0 }, timeoutRate: rate, duplicateRate: rate, outOfOrderRate: rate, seed: { type: 'integer', minimum: 0 } },
      },
      DeliveryAttempt: {
        type: 'object',
        properties: {
          eventId: str, eventType: str, checkId: str, url: str, attempt: { type: 'integer' }, copy: { type: 'string', enum: ['original', 'duplicate', 'resend'] },
          statusCode: { type: 'integer' }, error: str, ok: { type: 'boolean' }, durationMs: { type: 'integer' }, at: dateTime,
        },
      },
    },
  },
} as const;
