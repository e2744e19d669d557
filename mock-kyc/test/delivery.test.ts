import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../src/signature';
import { createCheck, SECRET, sleep, startMock, startReceiver, waitFor } from './helpers';

const now = () => Math.floor(Date.now() / 1000);

describe('callback delivery', () => {
  it('retries with exponential backoff until the receiver answers 2xx, reusing the event id and body', async () => {
    const receiver = await startReceiver((n) => (n <= 3 ? 500 : 204));
    const mk = await startMock({ retry: { baseMs: 40, maxAttempts: 6 } });
    try {
      const { check } = await createCheck(mk.api, receiver.url);
      await waitFor(() => receiver.received.length === 4, 5000, '4 attempts');
      const ids = new Set(receiver.received.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(new Set(receiver.received.map((r) => r.rawBody)).size).toBe(1);
      for (const r of receiver.received) expect(verifySignature(r.signature, r.rawBody, SECRET, now())).toBe(true);
      expect(receiver.received.map((r) => r.headers['x-delivery-attempt'])).toEqual(['1', '2', '3', '4']);

      const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i]!.at);
      // base 40 ms doubling: 40, 80, 160 (timers never fire early; allow 5 ms of clock granularity).
      expect(gaps[0]).toBeGreaterThanOrEqual(35);
      expect(gaps[1]).toBeGreaterThanOrEqual(75);
      expect(gaps[2]).toBeGreaterThanOrEqual(155);
      expect(gaps[2]!).toBeGreaterThan(gaps[0]!);

      await sleep(100);
      expect(receiver.received).toHaveLength(4); // stops after the 2xx
      const log = await mk.api('GET', `/v1/deliveries?checkId=${check.id}`);
      expect(log.body.data.map((d: { attempt: number; statusCode: number; ok: boolean }) => [d.attempt, d.statusCode, d.ok])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 500, false],
        [4, 204, true],
      ]);
      expect(log.body.data[0]).toMatchObject({ eventId: [...ids][0], url: receiver.url, copy: 'original', eventType: 'kyc.check.completed' });
      expect(Date.parse(log.body.data[0].at)).not.toBeNaN();
    } finally {
      await mk.stop();
      await receiver.close();
    }
  });

  it('gives up after maxAttempts and logs network errors and timeouts', async () => {
    const receiver = await startReceiver(() => 503);
    // A port with nothing listening: connection refused.
    const dead = http.createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/hook`;
    await new Promise<void>((r) => dead.close(() => r()));
    const mk = await startMock({ retry: { baseMs: 10, maxAttempts: 3 } });
    try {
      await createCheck(mk.api, receiver.url, {}, 'case-503');
      const { check } = await createCheck(mk.api, deadUrl, {}, 'case-dead');
      await waitFor(() => receiver.received.length === 3, 3000, '3 attempts');
      await sleep(150);
      expect(receiver.received).toHaveLength(3);
      const log = await mk.api('GET', `/v1/deliveries?checkId=${check.id}`);
      expect(log.body.data).toHaveLength(3);
      for (const d of log.body.data) expect(d).toMatchObject({ ok: false, error: expect.any(String) });
      expect(log.body.data[0]).not.toHaveProperty('statusCode');
    } finally {
      await mk.stop();
      await receiver.close();
    }
  });

  it('treats a slow receiver as a failed attempt (per-attempt timeout)', async () => {
    let calls = 0;
    const slow = http.createServer((req, res) => {
      calls += 1;
      req.resume();
      if (calls === 1) setTimeout(() => res.end(), 300);
      else res.writeHead(200).end();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
    const mk = await startMock({ retry: { baseMs: 10, maxAttempts: 3, timeoutMs: 100 } });
    try {
      const { check } = await createCheck(mk.api, url);
      await waitFor(() => calls === 2, 3000, 'second attempt');
      await sleep(50);
      const log = (await mk.api('GET', `/v1/deliveries?checkId=${check.id}`)).body.data;
      expect(log[0]).toMatchObject({ attempt: 1, ok: false, error: expect.stringMatching(/timeout/) });
      expect(log[1]).toMatchObject({ attempt: 2, ok: true, statusCode: 200 });
    } finally {
      await mk.stop();
      await new Promise<void>((r) => {
        slow.close(() => r());
        slow.closeAllConnections();
      });
    }
  });

  it('resends an event with the same id and body; 404 for unknown events', async () => {
    const receiver = await startReceiver();
    const mk = await startMock();
    try {
      await createCheck(mk.api, receiver.url);
      await waitFor(() => receiver.received.length === 1, 3000, 'callback');
      const eventId = receiver.received[0]!.body.id as string;
      const res = await mk.api('POST', `/v1/deliveries/${eventId}/resend`);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ eventId, status: 'queued' });
      await waitFor(() => receiver.received.length === 2, 3000, 'resent callback');
      expect(receiver.received[1]!.rawBody).toBe(receiver.received[0]!.rawBody);
      expect(verifySignature(receiver.received[1]!.signature, receiver.received[1]!.rawBody, SECRET, now())).toBe(true);
      const log = (await mk.api('GET', `/v1/deliveries?eventId=${eventId}`)).body.data;
      expect(log.map((d: { copy: string }) => d.copy)).toEqual(['original', 'resend']);

      const missing = await mk.api('POST', '/v1/deliveries/evt_nope/resend');
      expect([missing.status, missing.body.code]).toEqual([404, 'EVENT_NOT_FOUND']);
    } finally {
      await mk.stop();
      await receiver.close();
    }
  });

  it('signs with both secrets during a rotation', async () => {
    const receiver = await startReceiver();
    const mk = await startMock({ webhookSecrets: ['old-secret', 'new-secret'] });
    try {
      await createCheck(mk.api, receiver.url);
      await waitFor(() => receiver.received.length === 1, 3000, 'callback');
      const { signature, rawBody } = receiver.received[0]!;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      expect(verifySignature(signature, rawBody, 'old-secret', now())).toBe(true);
      expect(verifySignature(signature, rawBody, 'new-secret', now())).toBe(true);
      expect(verifySignature(signature, rawBody, SECRET, now())).toBe(false);
    } finally {
      await mk.stop();
      await receiver.close();
    }
  });

  it('refuses more than two secrets at construction', async () => {
    await expect(startMock({ webhookSecrets: ['a', 'b', 'c'] })).rejects.toThrow(/at most two/);
  });
});
