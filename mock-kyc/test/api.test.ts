import { applicantBody, client, createCheck, sleep, startMock, startReceiver, waitFor } from './helpers';

describe('mock KYC API', () => {
  let mk: Awaited<ReturnType<typeof startMock>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    mk = await startMock({ decisionDelayMs: 30 });
  });
  afterAll(async () => {
    await mk.stop();
    await receiver.close();
  });

  it('serves /health and /openapi.json without a token', async () => {
    const anon = client(mk.url, null);
    expect((await anon('GET', '/health')).body).toMatchObject({ status: 'ok' });
    const doc = await anon('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.0.3');
    expect(doc.body.servers[0].url).toBe(mk.url);
  });

  it('answers every path of its OpenAPI document (no ROUTE_NOT_FOUND)', async () => {
    const doc = (await mk.api('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (method === 'delete' || method === 'put') continue; // would change fault state; covered in faults.test.ts
        const res = await mk.api(method.toUpperCase(), path.replace(/\{\w+\}/g, 'unknown'), method === 'get' ? undefined : {});
        expect([method, path, res.body?.code]).not.toEqual([method, path, 'ROUTE_NOT_FOUND']);
      }
    }
  });

  it('refuses requests without a valid bearer token with 401 problem+json', async () => {
    for (const token of [null, 'wrong-token']) {
      const res = await client(mk.url, token)('POST', '/v1/applicants', applicantBody());
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/v1/applicants' });
    }
    expect((await client(mk.url, null)('GET', '/v1/sandbox/faults')).status).toBe(401);
  });

  it('reports every invalid field at once', async () => {
    const res = await mk.api('POST', '/v1/applicants', { externalId: 'x', dateOfBirth: '1990-02-30', nationality: 'Germany', document: { type: 'VISA' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth', 'nationality', 'document.type', 'document.number']));
  });

  it('maps malformed JSON, wrong media type and unknown routes to stable codes', async () => {
    expect((await mk.api('POST', '/v1/applicants', '{"oops"', {})).body.code).toBe('INVALID_JSON');
    const text = await mk.api('POST', '/v1/applicants', 'hello', { 'Content-Type': 'text/plain' });
    expect([text.status, text.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const missing = await mk.api('GET', '/v1/nothing-here');
    expect([missing.status, missing.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    expect((await mk.api('GET', '/v1/applicants/app_nope')).body.code).toBe('APPLICANT_NOT_FOUND');
    expect((await mk.api('GET', '/v1/checks/chk_nope')).body.code).toBe('CHECK_NOT_FOUND');
  });

  it('echoes X-Request-Id into headers and problem bodies', async () => {
    const res = await mk.api('GET', '/v1/checks/chk_nope', undefined, { 'X-Request-Id': 'req-42' });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(res.body.requestId).toBe('req-42');
  });

  it('creates an applicant and a check, then completes the check', async () => {
    const applicant = await mk.api('POST', '/v1/applicants', applicantBody());
    expect(applicant.status).toBe(201);
    expect(applicant.body.id).toMatch(/^app_[0-9a-f]{24}$/);
    expect(applicant.headers.get('location')).toBe(`/v1/applicants/${applicant.body.id}`);
    expect(applicant.body.document).toMatchObject({ type: 'PASSPORT', number: 'P1234567' });

    const check = await mk.api('POST', `/v1/applicants/${applicant.body.id}/checks`, { caseId: 'case-A', attempt: 1, callbackUrl: receiver.url });
    expect(check.status).toBe(202);
    expect(check.body).toMatchObject({ status: 'pending', caseId: 'case-A', attempt: 1, applicantId: applicant.body.id, events: [] });
    expect(check.body.id).toMatch(/^chk_/);

    expect((await mk.api('GET', `/v1/applicants/${applicant.body.id}`)).body.checks).toEqual([check.body.id]);
    await waitFor(() => receiver.received.some((r) => r.body.caseId === 'case-A'), 3000, 'callback');
    const done = await mk.api('GET', `/v1/checks/${check.body.id}`);
    expect(done.body).toMatchObject({ status: 'completed', result: { answer: 'GREEN', labels: [] } });
    expect(done.body.events).toHaveLength(1);
  });

  it('replays an applicant for the same Idempotency-Key and body, and refuses a different body', async () => {
    const key = { 'Idempotency-Key': 'trigger-event-1' };
    const first = await mk.api('POST', '/v1/applicants', applicantBody(), key);
    const reordered = Object.fromEntries(Object.entries(applicantBody()).reverse());
    const second = await mk.api('POST', '/v1/applicants', reordered, key);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const conflict = await mk.api('POST', '/v1/applicants', applicantBody({ lastName: 'Other' }), key);
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(conflict.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Keys are scoped per endpoint: the trigger may reuse its event id to start the check.
    const check = await mk.api('POST', `/v1/applicants/${first.body.id}/checks`, { caseId: 'case-I', attempt: 1, callbackUrl: receiver.url }, key);
    expect(check.status).toBe(202);
  });

  it('does not store failed requests under an Idempotency-Key', async () => {
    const key = { 'Idempotency-Key': 'retry-after-400' };
    expect((await mk.api('POST', '/v1/applicants', { ...applicantBody(), firstName: '' }, key)).status).toBe(400);
    expect((await mk.api('POST', '/v1/applicants', applicantBody(), key)).status).toBe(201);
    expect((await mk.api('POST', '/v1/applicants', applicantBody(), { 'Idempotency-Key': 'bad key with spaces' })).body.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('creates one check and sends one callback per Idempotency-Key', async () => {
    const { body: applicant } = await mk.api('POST', '/v1/applicants', applicantBody());
    const key = { 'Idempotency-Key': 'start-check-1' };
    const body = { caseId: 'case-once', attempt: 1, callbackUrl: receiver.url };
    const [a, b] = await Promise.all([
      mk.api('POST', `/v1/applicants/${applicant.id}/checks`, body, key),
      mk.api('POST', `/v1/applicants/${applicant.id}/checks`, body, key),
    ]);
    expect(a.body.id).toBe(b.body.id);
    const c = await mk.api('POST', `/v1/applicants/${applicant.id}/checks`, body, key);
    expect(c.body.id).toBe(a.body.id);
    const conflict = await mk.api('POST', `/v1/applicants/${applicant.id}/checks`, { ...body, attempt: 2 }, key);
    expect(conflict.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    await waitFor(() => receiver.received.some((r) => r.body.caseId === 'case-once'), 3000, 'callback');
    await sleep(100);
    expect(receiver.received.filter((r) => r.body.caseId === 'case-once')).toHaveLength(1);
    expect((await mk.api('GET', `/v1/applicants/${applicant.id}`)).body.checks).toEqual([a.body.id]);
  });

  it('validates check input and needs a callback URL when no default is configured', async () => {
    const { body: applicant } = await mk.api('POST', '/v1/applicants', applicantBody());
    const bad = await mk.api('POST', `/v1/applicants/${applicant.id}/checks`, { caseId: '', attempt: 0, callbackUrl: 'ftp://x' });
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['attempt', 'callbackUrl', 'caseId']);
    const none = await mk.api('POST', `/v1/applicants/${applicant.id}/checks`, { caseId: 'c', attempt: 1 });
    expect([none.status, none.body.code]).toEqual([422, 'CALLBACK_URL_REQUIRED']);
    const unknown = await mk.api('POST', '/v1/applicants/app_nope/checks', { caseId: 'c', attempt: 1, callbackUrl: receiver.url });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'APPLICANT_NOT_FOUND']);
  });

  it('uses the configured default callback URL', async () => {
    const other = await startMock({ callbackUrl: receiver.url });
    try {
      const { check } = await createCheck(other.api, receiver.url, {}, 'case-default');
      expect(check.callbackUrl).toBe(receiver.url);
      const { body: applicant } = await other.api('POST', '/v1/applicants', applicantBody());
      const res = await other.api('POST', `/v1/applicants/${applicant.id}/checks`, { caseId: 'case-default-2', attempt: 1 });
      expect(res.body.callbackUrl).toBe(receiver.url);
      await waitFor(() => receiver.received.some((r) => r.body.caseId === 'case-default-2'), 3000, 'callback');
    } finally {
      await other.stop();
    }
  });
});
