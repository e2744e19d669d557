/**
 * OWASP API10:2023 Unsafe Consumption of APIs: what the KYC provider sends
 * (signed webhooks) and answers (API responses, via the sweep's poll and
 * hand-over) is validated, and anything unexpected is refused or ignored —
 * never applied, never a 5xx. Provider answers are faked by a local server
 * handed to the exported sweep handler, since the functions' own provider
 * address is fixed by the stack.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { testDb } from '../../test/firestore';
import { applicant, localSecrets, postWebhook, resetFaults, setFaults, submitKyc, waitForStatus } from '../../functions/test/kyc/kyc-helpers';
import { buildSignatureHeader } from '../../mock-kyc/src/signature';
import { KycProviderClient } from '../../functions/src/kyc/kyc.provider';
import type { KycSubmission } from '../../functions/src/kyc/kyc.schemas';
import { testServices } from '../../test/services';
import { note } from './record';
import { expectNoInternals, expectProblem, raw, userWithProfile } from './helpers';

let caseId: string;
let applicantId: string;
const snapshot = async () => {
  const doc = (await testDb().doc(`kycCases/${caseId}`).get()).data() ?? {};
  return { status: doc.status as string, version: doc.version as number };
};
const event = (overrides: Record<string, unknown> = {}, review: Record<string, unknown> = { answer: 'GREEN', labels: [] }) => ({
  id: `evt_${randomUUID()}`,
  type: 'kyc.check.completed',
  createdAt: new Date().toISOString(),
  caseId,
  applicantId,
  attempt: 1,
  review,
  ...overrides,
});

beforeAll(async () => {
  const user = await userWithProfile();
  const submitted = await submitKyc(user, applicant('Pending'));
  caseId = submitted.body.id as string;
  await waitForStatus(user, 'in_review');
  applicantId = ((await testDb().doc(`kycCases/${caseId}`).get()).get('provider') as { applicantId: string }).applicantId;
});

describe('API10 signed but malformed or unexpected webhooks', () => {
  it('malformed bodies with valid signatures → 400, case untouched', async () => {
    const before = await snapshot();
    // Not JSON at all: the Functions runtime rejects it before the app runs (its own 400, not problem+json).
    const notJson = 'answer=GREEN';
    const t = Math.floor(Date.now() / 1000);
    const refused = await raw('/v1/webhooks/kyc', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Signature': buildSignatureHeader(localSecrets.webhookSecrets[0], notJson, t) }, body: notJson });
    expect(refused.status).toBe(400);
    expectNoInternals(refused.text);
    const bodies: Array<[string, string]> = [
      ['JSON array', '[1,2,3]'],
      ['missing review', JSON.stringify({ ...event(), review: undefined })],
      ['answer MAYBE', JSON.stringify(event({}, { answer: 'MAYBE', labels: [] }))],
      ['rejectType SOMETIMES', JSON.stringify(event({}, { answer: 'RED', rejectType: 'SOMETIMES', labels: [] }))],
      ['attempt "1"', JSON.stringify(event({ attempt: '1' }))],
      ['attempt 0', JSON.stringify(event({ attempt: 0 }))],
      ['attempt 1e308', JSON.stringify(event({ attempt: 1e308 }))],
      ['createdAt garbage', JSON.stringify(event({ createdAt: 'yesterday' }))],
      ['5 000 labels', JSON.stringify(event({}, { answer: 'GREEN', labels: Array.from({ length: 5_000 }, (_, i) => `L${i}`) }))],
      ['51 labels', JSON.stringify(event({}, { answer: 'GREEN', labels: Array.from({ length: 51 }, () => 'X') }))],
      ['label of 10 kB', JSON.stringify(event({}, { answer: 'GREEN', labels: ['x'.repeat(10_000)] }))],
      ['labels not strings', JSON.stringify(event({}, { answer: 'GREEN', labels: [{ $gt: '' }] }))],
      ['caseId with a path', JSON.stringify(event({ caseId: '../users/x' }))],
      ['caseId with a slash', JSON.stringify(event({ caseId: 'a/b' }))],
      ['event id with a slash', JSON.stringify(event({ id: 'evt/x' }))],
      ['event id with path segments', JSON.stringify(event({ id: 'evt/../../users/x' }))],
      ['id of 10 kB', JSON.stringify(event({ id: 'e'.repeat(10_000) }))],
    ];
    const seen: string[] = [`not JSON ${refused.status} (${refused.headers.get('content-type')})`];
    const results = [];
    for (const [what, body] of bodies) {
      const response = await postWebhook(undefined, { raw: body });
      results.push(response);
      seen.push(`${what} ${response.status}${response.status < 300 ? ` ${String(response.body.outcome)}` : ` ${String(response.body.code)}`}`);
    }
    note(`all signed with the real secret: ${seen.join(', ')}`);
    for (const response of results) {
      // 2xx only as an acknowledgement that applies nothing (checked below); never 5xx.
      expect(response.status).toBeLessThan(500);
      if (response.status < 300) expect(['ignored', 'stale', 'duplicate']).toContain(response.body.outcome);
      if (response.status === 413) expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    }
    expect(await snapshot()).toEqual(before);
    note(`case still ${before.status} v${before.version}`);
  });

  it('unexpected but well-formed events are acknowledged and never applied', async () => {
    const before = await snapshot();
    const unknown: Array<[string, object]> = [
      ['unknown type', event({ type: 'kyc.check.exploded' })],
      ['completed without answer', event({}, { labels: ['WHATEVER'] })],
      ['unknown case', event({ caseId: 'kc_doesnotexist000000000000' })],
      ['future attempt', event({ attempt: 7 })],
      ['extra fields incl. __proto__', JSON.parse(`{"__proto__":{"status":"approved"},"status":"approved",${JSON.stringify(event()).slice(1, -1).replace('"answer":"GREEN"', '"answer":"GREEN","score":999')}}`) as object],
    ];
    const seen: string[] = [];
    for (const [what, body] of unknown.slice(0, 4)) {
      const response = await postWebhook(body);
      expect(response.status).toBe(200);
      expect(['ignored', 'stale']).toContain(response.body.outcome);
      seen.push(`${what} → ${String(response.body.outcome)}`);
    }
    expect(await snapshot()).toEqual(before);
    const extra = await postWebhook(unknown[4][1]);
    expect(extra.status).toBeLessThan(500);
    seen.push(`GREEN with extra fields (__proto__, status, score) → ${extra.status} ${String(extra.body.outcome ?? extra.body.code)}`);
    const after = await snapshot();
    expect(['in_review', 'approved']).toContain(after.status);
    note(`${seen.join('; ')}; before the last one the case was unchanged (${before.status} v${before.version}); after it ${after.status}`);
  });
});

describe('API10 garbage from the provider API (sweep poll and hand-over)', () => {
  let server: Server;
  let pollUid: string;
  let pollCaseId: string;
  const pollSnapshot = async () => {
    const doc = (await testDb().doc(`kycCases/${pollCaseId}`).get()).data() ?? {};
    return { status: doc.status as string, version: doc.version as number };
  };
  let mode = 'html';
  let base = '';
  beforeAll(async () => {
    const user = await userWithProfile();
    pollUid = user.uid;
    pollCaseId = (await submitKyc(user, applicant('Pending'))).body.id as string;
    await waitForStatus(user, 'in_review');
    server = createServer((req, res) => {
      req.resume();
      if (mode === 'hang') return; // never answers: the client's time limit must fire
      if (mode === '500') {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>');
        return;
      }
      if (mode === 'html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
        return;
      }
      if (mode === 'purple') {
        const check = { id: 'chk_x', applicantId: 'app_x', caseId: pollCaseId, attempt: 1, status: 'completed', result: { answer: 'PURPLE', labels: [], decidedAt: new Date().toISOString() }, events: [{ id: `evt_${randomUUID()}`, type: 'kyc.check.completed', createdAt: new Date().toISOString() }] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(check));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ unexpected: true, events: 'nope' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await resetFaults();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** Services whose provider is the garbage server above, with deadlines of 0 so the sweep acts at once. */
  const services = () => {
    const provider = new KycProviderClient({ baseUrl: base, token: 't', timeoutMs: 500, attempts: 1 });
    return testServices({
      kycProvider: () => provider,
      kycSettings: () => ({ maxAttempts: 3, providerTimeoutMs: 500, submitDeadlineMs: 0, reviewDeadlineMs: 0, expiryMs: 72 * 3_600_000 }),
    });
  };

  it('a poll answered with HTML, 500, a hang, junk JSON or an unknown answer applies nothing', async () => {
    const seen: string[] = [];
    for (const m of ['html', '500', 'hang', 'junk', 'purple']) {
      mode = m;
      const before = await pollSnapshot();
      const report = await services().kycWorker.sweep({ uids: [pollUid], now: new Date(Date.now() + 60_000) });
      expect(report.applied).toBe(0);
      expect(await pollSnapshot()).toEqual(before);
      expect(before.status).toBe('in_review');
      seen.push(`${m}: polled ${report.polled}, applied ${report.applied}, failed ${report.failed}`);
    }
    note(`sweep polling the in_review case against a provider answering ${seen.join('; ')}; case unchanged each time`);
  });

  it('a hand-over answered with garbage leaves the case submitted (failure recorded), never in_review with junk refs', async () => {
    const user = await userWithProfile();
    // The stack's trigger hands every new case to the real mock provider; make that fail
    // (errorRate 1) so only the garbage provider below is ever asked.
    await setFaults({ errorRate: 1 });
    // A case opened through the KYC service, as the API would, but never handed to the real provider.
    const submitted = await services().kyc.submit({
      uid: user.uid,
      submission: applicant('Lovelace') as KycSubmission,
      actor: { type: 'system', id: 'security-proof' },
      provisionOwner: () => Promise.resolve(),
    });
    const id = submitted.body.id;
    const seen: string[] = [];
    try {
      for (const m of ['html', '500', 'junk']) {
        mode = m;
        const report = await services().kycWorker.sweep({ uids: [user.uid], now: new Date(Date.now() + 60_000) });
        const doc = (await testDb().doc(`kycCases/${id}`).get()).data() ?? {};
        seen.push(`${m}: status ${doc.status}, provider ${JSON.stringify(doc.provider)}, failures ${doc.submission?.failures}, sweep failed ${report.failed}`);
        expect(doc.status).toBe('submitted');
        expect(doc.provider).toBeNull();
      }
    } finally {
      await resetFaults();
    }
    note(`real provider failing, sweep hand-over against a provider answering ${seen.join('; ')}`);
  });
});
