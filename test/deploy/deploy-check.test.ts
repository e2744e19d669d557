/**
 * The pure halves of `npm run deploy:check`, and the real README against the
 * manifest firebase-functions' discovery produces from the built functions.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkRuntimeSupport, type RuntimeRow } from '../../scripts/src/deploy-check/runtime-support';
import { compareWithReadme, describeTrigger, type Manifest } from '../../scripts/src/deploy-check/documented-functions';
import { checkIndexesText, checkRulesFile } from '../../scripts/src/deploy-check/firestore-files';
import { discoverManifest } from '../../scripts/src/deploy-check/manifest';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

describe('deploy:check (a) runtime support', () => {
  const table: Record<string, RuntimeRow> = {
    nodejs20: { friendly: 'Node.js 20', status: 'GA', deprecationDate: '2026-04-30', decommissionDate: '2026-10-30' },
    nodejs22: { friendly: 'Node.js 22', status: 'GA', deprecationDate: '2027-04-30', decommissionDate: '2027-10-31' },
    nodejs24: { friendly: 'Node.js 24', status: 'GA', deprecationDate: '2028-04-30', decommissionDate: '2028-10-31' },
    nodejs26: { friendly: 'Node.js 26', status: 'beta', deprecationDate: '2029-04-30', decommissionDate: '2029-10-31' },
  };
  const now = new Date('2026-12-06T00:00:00Z');

  test.each([
    ['nodejs20', false, /decommissioned/],
    ['nodejs22', true, /145 days before deprecation/],
    ['nodejs24', true, /511 days before deprecation/],
    ['nodejs26', false, /not GA/],
    ['nodejs99', false, /not in firebase-tools' runtime table/],
  ])('%s on 2026-12-06 → ok=%s', (runtime, ok, message) => {
    const result = checkRuntimeSupport(runtime, table, now);
    expect(result.ok).toBe(ok);
    expect(result.lines.join('\n')).toMatch(message);
  });

  test('90 days before deprecation the check starts failing', () => {
    expect(checkRuntimeSupport('nodejs22', table, new Date('2027-01-30T00:00:00Z')).ok).toBe(true);
    const late = checkRuntimeSupport('nodejs22', table, new Date('2027-02-01T00:00:00Z'));
    expect(late).toMatchObject({ ok: false });
    expect(late.lines.join('\n')).toMatch(/deprecated in 88 days \(< 90\)/);
  });
});

describe('deploy:check (b) manifest vs README', () => {
  let manifest: Manifest;
  beforeAll(() => {
    manifest = discoverManifest(resolve(ROOT, 'functions'), 'demo-nff');
  });

  test('the README documents exactly what firebase deploy would deploy', () => {
    const result = compareWithReadme(manifest, readme);
    expect(result.ok ? [] : result.lines).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('a function whose region, secrets or trigger drift is reported', () => {
    const drifted: Manifest = JSON.parse(JSON.stringify(manifest)) as Manifest;
    const api = drifted.endpoints.api!;
    api.region = ['europe-west1'];
    api.secretEnvironmentVariables = [];
    drifted.endpoints.extra = { region: ['us-central1'], httpsTrigger: {} };
    const result = compareWithReadme(drifted, readme);
    expect(result.ok).toBe(false);
    expect(result.lines).toEqual(
      expect.arrayContaining([
        'function api: region is europe-west1, README says us-central1',
        'function api: secrets are [], README says [KYC_WEBHOOK_SECRETS]',
        'function extra (https) is deployed but not documented in the README',
      ]),
    );
  });

  test('an undocumented param or a changed default is reported', () => {
    const drifted: Manifest = { ...manifest, params: [...(manifest.params ?? []).filter((p) => p.name !== 'MAX_BODY_BYTES'), { name: 'NEW_PARAM', type: 'string', default: 'x' }] };
    const result = compareWithReadme(drifted, readme);
    expect(result.lines).toEqual(
      expect.arrayContaining(['param NEW_PARAM is not documented in the README', 'param MAX_BODY_BYTES is documented in the README but not defined by the functions']),
    );
  });

  test('triggers are described canonically', () => {
    expect(describeTrigger({ httpsTrigger: {} })).toBe('https');
    expect(describeTrigger({ scheduleTrigger: { schedule: 'every 5 minutes' } })).toBe('schedule every 5 minutes');
    expect(
      describeTrigger({ eventTrigger: { eventType: 'google.cloud.firestore.document.v1.written', eventFilterPathPatterns: { document: 'a/{b}' }, retry: true } }),
    ).toBe('firestore written a/{b} (retry)');
    expect(describeTrigger({ eventTrigger: { eventType: 'providers/firebase.auth/eventTypes/user.create' } })).toBe('auth user.create');
  });
});

describe('deploy:check (d) firestore.indexes.json', () => {
  test('the committed file is valid', () => {
    expect(checkIndexesText(readFileSync(resolve(ROOT, 'firestore.indexes.json'), 'utf8'))).toMatchObject({ ok: true });
  });

  test.each([
    ['{', /not JSON/],
    ['{"indexes":[{"collectionGroup":"a","queryScope":"COLLECTION","fields":[{"fieldPath":"x","order":"UP"}]}]}', /indexes\.0\.fields\.0/],
    ['{"indexes":[{"collectionGroup":"a","queryScope":"DATABASE","fields":[{"fieldPath":"x","order":"ASCENDING"}]}]}', /queryScope/],
  ])('%s is refused', (text, message) => {
    const result = checkIndexesText(text);
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toMatch(message);
  });
});

describe('deploy:check (d) firestore.rules', () => {
  test('the committed file compiles', () => {
    expect(checkRulesFile(resolve(ROOT, 'firestore.rules'))).toEqual({ ok: true, lines: ['firestore.rules compiles'] });
  });

  test('a broken file is refused with its line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nff-rules-'));
    try {
      const path = join(dir, 'firestore.rules');
      writeFileSync(path, "rules_version = '2';\nservice cloud.firestore {\n  match /a/{b} { allow read: if true }\n}\n");
      const result = checkRulesFile(path);
      expect(result.ok).toBe(false);
      expect(result.lines.join('\n')).toMatch(/^firestore\.rules:3:\d+: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
