/**
 * GET and PATCH /v1/me: the profile with its ETag; allowed fields only,
 * normalised; If-Match; transactional version increments; audit with PII
 * redacted. (Credential failures: me-auth.test.ts.)
 */
import { documentedStatuses } from '../../../test/contract';
import type { Profile } from '../../src/users/users.schemas';
import { as, auditAbout, oneAudit, profileDoc, userWithProfile } from './helpers';

const AUTH = ['400', '401', '403', '429', '500'];

describe('GET /v1/me', () => {
  it('documents 200 and the credential failures', () => {
    expect(documentedStatuses('/v1/me', 'get').sort()).toEqual(['200', '413', '415', ...AUTH].sort());
  });

  it('200: the profile with a strong ETag of its version, never cached', async () => {
    const user = await userWithProfile({ displayName: 'Gina Get' });
    const response = await as<Profile>(user, '/v1/me');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.body).toMatchObject({ uid: user.uid, email: user.email, displayName: 'Gina Get', roles: [], status: 'active', kycStatus: 'none', version: 1 });
    expect(Date.parse(response.body.createdAt ?? '')).not.toBeNaN();
  });
});

describe('PATCH /v1/me', () => {
  it('documents its statuses', () => {
    expect(documentedStatuses('/v1/me', 'patch').sort()).toEqual(['200', '412', '413', '415', ...AUTH].sort());
  });

  it('200: normalises (trim, E.164, upper-case countries, canonical locale), bumps the version, audits with PII redacted', async () => {
    const user = await userWithProfile({ displayName: 'Ada Before' });
    const response = await as<Profile>(user, '/v1/me', {
      method: 'PATCH',
      headers: { 'If-Match': '"1"', 'X-Request-Id': `req-${user.uid}` },
      body: {
        displayName: '  Ada L. ',
        givenName: ' Ada ',
        familyName: 'Lovelace',
        phoneNumber: '030 1234567',
        dateOfBirth: '1990-12-10',
        nationality: 'gb',
        address: { line1: ' Friedrichstraße 123 ', city: 'Berlin', postalCode: '10117', country: 'de' },
        locale: 'de-de',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    const expected = {
      displayName: 'Ada L.',
      givenName: 'Ada',
      familyName: 'Lovelace',
      phoneNumber: '+49301234567', // national format, read with the address country
      dateOfBirth: '1990-12-10',
      nationality: 'GB',
      address: { line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'DE' },
      locale: 'de-DE',
      version: 2,
      updatedBy: user.uid,
    };
    expect(response.body).toMatchObject(expected);
    expect(await profileDoc(user.uid)).toMatchObject(expected);

    const entry = await oneAudit(user.uid, 'user.profile.updated');
    expect(entry).toMatchObject({ actor: { type: 'user', id: user.uid }, target: { type: 'user', id: user.uid }, requestId: `req-${user.uid}` });
    expect(entry.before).toMatchObject({ version: 1, displayName: '[REDACTED]' });
    expect(entry.after).toMatchObject({ version: 2, givenName: '[REDACTED]', phoneNumber: '[REDACTED]', address: '[REDACTED]', locale: 'de-DE' });
    const stored = JSON.stringify(entry);
    for (const secret of ['Lovelace', '+49301234567', '1990-12-10', 'Friedrichstraße', user.email]) expect(stored).not.toContain(secret);
  });

  it('200: null clears optional fields; omitted fields stay', async () => {
    const user = await userWithProfile();
    await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'Keep', familyName: 'Drop', phoneNumber: '+44 20 7946 0958' } });
    const response = await as<Profile>(user, '/v1/me', { method: 'PATCH', body: { familyName: null, phoneNumber: null } });
    expect(response.status).toBe(200);
    expect(response.body.givenName).toBe('Keep');
    expect(response.body).not.toHaveProperty('familyName');
    expect(response.body).not.toHaveProperty('phoneNumber');
    const stored = await profileDoc(user.uid);
    expect(stored).toMatchObject({ givenName: 'Keep', version: 3 });
    expect(stored).not.toHaveProperty('familyName');
  });

  it('400 VALIDATION_FAILED names every protected or unknown field, and changes nothing', async () => {
    const user = await userWithProfile();
    const response = await as(user, '/v1/me', {
      method: 'PATCH',
      body: { givenName: 'Eve', roles: ['admin'], status: 'active', kycStatus: 'approved', uid: 'x', email: 'e@x.test', version: 9, createdAt: 'now', isAdmin: true, address: { line1: 'a', city: 'b', postalCode: 'c', country: 'DE', extra: 1 } },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const paths = (response.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path).sort();
    expect(paths).toEqual(['address.extra', 'createdAt', 'email', 'isAdmin', 'kycStatus', 'roles', 'status', 'uid', 'version'].sort());
    expect(await profileDoc(user.uid)).toMatchObject({ roles: [], status: 'active', kycStatus: 'none', version: 1 });
    expect(await profileDoc(user.uid)).not.toHaveProperty('givenName');
    expect((await auditAbout(user.uid)).map((entry) => entry.action)).not.toContain('user.profile.updated');
  });

  it.each([
    ['phoneNumber', { phoneNumber: '12345' }],
    ['nationality', { nationality: 'XX' }],
    ['address.country', { address: { line1: 'a', city: 'b', postalCode: 'c', country: 'Germany' } }],
    ['dateOfBirth', { dateOfBirth: '2999-01-01' }],
    ['dateOfBirth', { dateOfBirth: `${new Date().getUTCFullYear() - 5}-01-01` }],
    ['dateOfBirth', { dateOfBirth: '1850-01-01' }],
    ['dateOfBirth', { dateOfBirth: '1990-02-30' }],
    ['locale', { locale: 'not a locale' }],
    ['displayName', { displayName: '   ' }],
    ['(root)', {}],
  ])('400 VALIDATION_FAILED at %s for %j', async (path, body) => {
    const user = await userWithProfile();
    const response = await as(user, '/v1/me', { method: 'PATCH', body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path }] });
    expect(await profileDoc(user.uid)).toMatchObject({ version: 1 });
  });

  it('412 PRECONDITION_FAILED for a stale If-Match; a weak or garbage tag never matches; * does', async () => {
    const user = await userWithProfile();
    expect((await as(user, '/v1/me', { method: 'PATCH', headers: { 'If-Match': '"1"' }, body: { givenName: 'One' } })).status).toBe(200);
    for (const tag of ['"1"', 'W/"2"', 'garbage']) {
      const stale = await as(user, '/v1/me', { method: 'PATCH', headers: { 'If-Match': tag }, body: { givenName: 'Lost' } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    }
    expect(await profileDoc(user.uid)).toMatchObject({ givenName: 'One', version: 2 });
    const listed = await as<Profile>(user, '/v1/me', { method: 'PATCH', headers: { 'If-Match': '"7", "2"' }, body: { givenName: 'Two' } });
    expect(listed.status).toBe(200);
    const star = await as<Profile>(user, '/v1/me', { method: 'PATCH', headers: { 'If-Match': '*' }, body: { givenName: 'Three' } });
    expect(star.body).toMatchObject({ givenName: 'Three', version: 4 });
  });

  // 20 concurrent writers: in-process.test.ts (the Functions emulator starts one
  // worker process per concurrent request, which this shared 2-core machine
  // cannot do twenty at a time); here three go through the emulator.
  it('3 concurrent PATCHes with the same If-Match through the Functions emulator: one 200, two 412', async () => {
    const user = await userWithProfile();
    const responses = await Promise.all(
      Array.from({ length: 3 }, (_, index) =>
        as<Profile>(user, '/v1/me', { method: 'PATCH', headers: { 'If-Match': '"1"' }, body: { givenName: `Writer ${index}` } }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 412, 412]);
    const winner = responses.find((response) => response.status === 200);
    expect(await profileDoc(user.uid)).toMatchObject({ givenName: winner?.body.givenName, version: 2 });
  }, 120_000);

  it('concurrent PATCHes without If-Match never lose an update: every field lands, one version each', async () => {
    const user = await userWithProfile();
    const fields = ['givenName', 'familyName', 'locale'] as const;
    const values = { givenName: 'G', familyName: 'F', locale: 'fr-FR' };
    const responses = await Promise.all(fields.map((field) => as(user, '/v1/me', { method: 'PATCH', body: { [field]: values[field] } })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await profileDoc(user.uid)).toMatchObject({ ...values, version: 4 });
  }, 120_000);

  it('413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const user = await userWithProfile();
    const response = await as(user, '/v1/me', { method: 'PATCH', body: { givenName: 'x'.repeat(70 * 1024) } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
