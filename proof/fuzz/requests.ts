/**
 * Request generators, one fast-check arbitrary per operation of openapi.yaml.
 * Each request has a category (what was fuzzed: auth, path, query, body
 * schema, body syntax, content type, headers, boundary) and a mutation label.
 *
 * Write operations (POST/PATCH/DELETE) only get requests that the API MUST
 * refuse (`mustReject`), judged conservatively from the identity, the path
 * fixture, the body and the headers: the fuzzer proves that refused requests
 * change nothing, so it never sends one that could legitimately succeed and,
 * say, erase its own fixtures. Reads may succeed (boundary values); they
 * change nothing either way.
 *
 * Fixture-dependent values are symbolic (`@@target@@`...) and resolved when
 * the request is sent (see client.ts).
 */
import fc from 'fast-check';
import type { JsonSchema, Operation, Parameter } from './spec';
import { boundaryValue, hostileString, invalidValue, validValue } from './values';
import { anyIdentity, authorizedIdentity, headerValue, isAuthorized, refusedIdentity, type Identity } from './identities';

export type Category = 'auth' | 'path' | 'query' | 'boundary' | 'body-schema' | 'body-syntax' | 'content-type' | 'headers';

export type Signature = 'valid' | 'valid-previous-secret' | 'stale' | 'future' | 'wrong-secret' | 'missing' | { raw: string };

export interface FuzzRequest {
  operationId: string;
  method: string;
  /** The openapi.yaml path, for the contract check. */
  template: string;
  /** Path with symbolic fixture references, e.g. /v1/admin/users/@@target@@. */
  path: string;
  /** '' or '?...' exactly as sent. */
  query: string;
  headers: Record<string, string>;
  identity: Identity;
  body?: Buffer;
  /** Webhook only: how X-Signature is made at send time. */
  signature?: Signature;
  category: Category;
  mutation: string;
  mustReject: boolean;
}

/** Fixture references per path parameter, and whether they let a write through. */
const PATH_REFS: Record<string, { ref: string; passes: boolean }[]> = {
  uid: [
    { ref: '@@target@@', passes: true },
    { ref: '@@self@@', passes: true },
    { ref: '@@deleted@@', passes: true },
  ],
  id: [{ ref: '@@victim-key@@', passes: true }],
  caseId: [{ ref: '@@case@@', passes: true }],
};

/** Ids of the right shape that name nothing (404). */
const MISSING: Record<string, string> = { uid: 'fuzz-no-such-user', id: '0123456789abcdef', caseId: 'kc_no_such_case_fuzz' };

/** Percent-encode every byte but the unreserved ones (lone surrogates become U+FFFD). */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Raw path segments that stress the router's decoding. */
// ('' is left out: /v1/admin/users/ is the listing route, another operation.)
const rawSegments = ['.', '..', '%2e%2e', '%2F', 'a%2Fb', '%', '%E0%A4%A', '%00', '%C3%A9', '%20', '%252F', '%FF%FE', 'x'.repeat(2000), '%u0041'];

interface PathChoice {
  path: string;
  /** Every path param names a fixture that exists (a write could go through). */
  passes: boolean;
  /** The admin's own uid (self-lockout rules apply). */
  self: boolean;
  deleted: boolean;
  mutation: string;
}

function pathArb(op: Operation, bad: boolean): fc.Arbitrary<PathChoice> {
  const params = op.parameters.filter((parameter) => parameter.in === 'path');
  if (params.length === 0) return fc.constant({ path: op.path, passes: true, self: false, deleted: false, mutation: 'none' });
  const param = params[0];
  const good = fc.constantFrom(...PATH_REFS[param.name]).map((choice) => ({ value: choice.ref, passes: choice.passes, mutation: `ref:${choice.ref.replace(/@/g, '')}` }));
  const invalid = fc.oneof(
    fc.constant({ value: MISSING[param.name], passes: false, mutation: 'missing' }),
    invalidValue(param.schema).map((bad) => ({ value: percentEncode(String(bad.value)), passes: false, mutation: `param-${bad.mutation}` })),
    fc.constantFrom(...rawSegments).map((value) => ({ value, passes: false, mutation: 'raw-segment' })),
    hostileString.map((value) => ({ value: percentEncode(value), passes: false, mutation: 'hostile' })),
  ).filter((choice) => choice.value !== ''); // an empty segment is another route (the listing), not this operation
  return (bad ? invalid : fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: invalid })).map((choice) => ({
    path: op.path.replace(`{${param.name}}`, choice.value),
    // Conservative: any value other than a known fixture might resolve to *something*; only
    // MISSING ids and values the pattern refuses count as refusing.
    passes: choice.passes || (choice.mutation === 'hostile' && new RegExp(param.schema.pattern ?? '.*').test(decodeURIComponentSafe(choice.value))),
    self: choice.value === '@@self@@',
    deleted: choice.value === '@@deleted@@',
    mutation: choice.mutation,
  }));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---- query strings ---------------------------------------------------------

const cursorArb: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url')),
  fc.constantFrom('{"t":"users"}', '["x"]', '[1e308,-1,"__proto__"]', '{"t":"users","k":{"$gt":""}}', '[null]', '[1738315800,0,"bM2kq0Zr7TnY4vXw1sPa"]').map((json) => Buffer.from(json).toString('base64url')),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.constantFrom('WzE3MzgzMTU4MDAsMCwiYk0ya3EwWnI3VG5ZNHZYdzFzUGEiXQ', 'x'.repeat(513), 'x'.repeat(1025), '=', '===='),
);

const badQueryValue = (parameter: Parameter): fc.Arbitrary<string> => {
  const schema = parameter.schema;
  if (parameter.name === 'cursor') return cursorArb;
  if (schema.type === 'integer') {
    return fc.constantFrom('abc', '1.5', '0', '-1', '101', '1e3', '', ' ', 'Infinity', '-Infinity', 'NaN', '９', '1,2', '0x', '99999999999999999999', '2e-1', 'true', '[]', '{}');
  }
  return fc.oneof(
    invalidValue(schema)
      .filter((bad) => typeof bad.value === 'string')
      .map((bad) => bad.value as string),
    hostileString,
  );
};

const goodQueryValue = (parameter: Parameter): fc.Arbitrary<string> => boundaryValue(parameter.schema).map((value) => String(value));

function queryArb(op: Operation, mode: 'bad' | 'boundary'): fc.Arbitrary<{ query: string; mutation: string }> {
  const params = op.parameters.filter((parameter) => parameter.in === 'query');
  const pair = (name: string, value: string) => `${percentEncode(name)}=${percentEncode(value)}`;
  const extras = fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom('unknown', '__proto__', 'constructor', 'limit[gt]', 'status[]', ''), fc.string({ maxLength: 10 })), hostileString).map(([name, value]) => ({ part: pair(name, value), mutation: 'unknown-param' })),
    fc.constantFrom('&&&', '=', 'a=%', 'a=%E0%A4%A', '%=%', 'a'.repeat(3000) + '=1').map((raw) => ({ part: raw, mutation: 'raw-query' })),
  );
  if (params.length === 0) return fc.array(extras, { minLength: 1, maxLength: 3 }).map((parts) => ({ query: `?${parts.map((p) => p.part).join('&')}`, mutation: parts[0].mutation }));
  const perParam = params.map((parameter) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: goodQueryValue(parameter).map((value) => ({ part: pair(parameter.name, value), mutation: 'boundary' })) },
      ...(mode === 'bad'
        ? [
            { weight: 3, arbitrary: badQueryValue(parameter).map((value) => ({ part: pair(parameter.name, value), mutation: `${parameter.name}-invalid` })) },
            { weight: 1, arbitrary: fc.tuple(goodQueryValue(parameter), goodQueryValue(parameter)).map(([a, b]) => ({ part: `${pair(parameter.name, a)}&${pair(parameter.name, b)}`, mutation: `${parameter.name}-repeated` })) },
          ]
        : []),
    ),
  );
  return fc.tuple(fc.tuple(...perParam), mode === 'bad' ? fc.option(extras, { nil: undefined }) : fc.constant(undefined)).map(([chosen, extra]) => {
    const parts = [...chosen, extra].filter((part): part is { part: string; mutation: string } => part !== undefined);
    const mutation = parts.find((part) => part.mutation !== 'boundary')?.mutation ?? (parts.length ? 'boundary' : 'none');
    return { query: parts.length ? `?${parts.map((part) => part.part).join('&')}` : '', mutation };
  });
}

// ---- bodies ------------------------------------------------------------------

interface BodyChoice {
  body?: Buffer;
  contentType?: string;
  extraHeaders?: Record<string, string>;
  /** The body is certainly refused: it fails parsing, or fails the schema. */
  refused: boolean;
  /** The value sent, when it was valid JSON (for the rules of kycSubmit/adminUpdate...). */
  value?: unknown;
  mutation: string;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

function deep(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Bodies that fail parsing or the size limit: refused whatever the route. */
const unparseable: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc
    .constantFrom('{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', '{"a":NaN}', '{"a":01}', '// c\n{}', '{"a":"\u0000"', 'null', '"text"', '123', 'true', '{"a":1}}', '{"a" 1}', '\u0000')
    .map((text) => ({ body: Buffer.from(text), refused: true, mutation: 'malformed-json' })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes)]), refused: true, mutation: 'invalid-utf8' })),
  fc.nat({ max: 3 }).map((n) => ({ body: Buffer.from(`{"blob":"${'x'.repeat(65_536 + n * 50_000)}"}`), refused: true, mutation: 'over-size-limit' })),
  fc.constantFrom(200_000, 1_000_000).map((depth) => ({ body: Buffer.from(deep(depth, 'array')), refused: true, mutation: 'deep-over-limit' })),
);

/** Syntactically valid oddities: deep nesting, BOM, empty body, huge but within the limit. */
const oddButParseable: fc.Arbitrary<BodyChoice> = fc.oneof(
  fc.constantFrom(100, 1000, 10_000, 30_000).chain((depth) => fc.constantFrom<'array' | 'object'>('array', 'object').map((kind) => ({ body: Buffer.from(deep(Math.min(depth, kind === 'object' ? 10_000 : depth), kind)), refused: false, mutation: `deep-${kind}` }))),
  fc.constantFrom('\ufeff{}', '', ' ', '{}', '[]', '{"a":1e999}', '[' + '1,'.repeat(20_000) + '1]').map((text) => ({ body: Buffer.from(text), refused: false, mutation: 'odd-json' })),
);

function schemaBody(schema: JsonSchema, mode: 'invalid' | 'valid' | 'boundary'): fc.Arbitrary<BodyChoice> {
  if (mode === 'invalid') return invalidValue(schema).map((bad) => ({ body: json(bad.value), refused: true, value: bad.value, mutation: bad.mutation }));
  const arb = mode === 'valid' ? validValue(schema) : boundaryObject(schema);
  return arb.map((value) => ({ body: json(value), refused: false, value, mutation: mode }));
}

/** An object whose string/number fields sit at their limits. */
function boundaryObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.type !== 'object') return boundaryValue(schema);
  const entries = Object.entries(schema.properties ?? {});
  return fc.tuple(...entries.map(([key, child]) => fc.tuple(fc.constant(key), child.type === 'object' ? boundaryObject(child) : boundaryValue(child)))).map((pairs) => Object.fromEntries(pairs));
}

const wrongContentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/merge-patch+json', 'APPLICATION/JSON', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nope', '*/*', 'application/json, text/plain', ''];
const contentEncodings = ['gzip', 'deflate', 'br', 'x-custom', 'gzip, gzip', 'identity'];

function contentTypeBody(op: Operation): fc.Arbitrary<BodyChoice> {
  const payload: fc.Arbitrary<{ body: Buffer; refused: boolean; mutation: string }> = op.body
    ? schemaBody(op.body, 'invalid').map((choice) => ({ body: choice.body as Buffer, refused: true, mutation: choice.mutation }))
    : fc.jsonValue({ maxDepth: 2 }).map((value) => ({ body: json(value), refused: false, mutation: 'json' }));
  return fc.oneof(
    fc.tuple(fc.constantFrom(...wrongContentTypes), payload).map(([contentType, choice]) => ({
      body: choice.body,
      contentType,
      // Unsupported charsets are refused (415) before the route; the rest depend on the payload.
      refused: choice.refused || /charset=(utf-16|latin1|nope)/.test(contentType),
      mutation: `content-type:${contentType || 'none'}`,
    })),
    fc.tuple(fc.constantFrom(...contentEncodings), payload).map(([encoding, choice]) => ({
      body: choice.body,
      contentType: 'application/json',
      extraHeaders: { 'Content-Encoding': encoding },
      // The payload is never really compressed, so every encoding but identity fails to decode.
      refused: choice.refused || encoding !== 'identity',
      mutation: `content-encoding:${encoding}`,
    })),
  );
}

// ---- per operation -------------------------------------------------------------

const hasParam = (op: Operation, location: Parameter['in'], name?: string): boolean => op.parameters.some((parameter) => parameter.in === location && (!name || parameter.name.toLowerCase() === name));

/** If-Match values that can never match the current version (no `*`, no small version numbers). */
const staleIfMatch = fc.oneof(
  fc.constantFrom('"999999"', '"-1"', 'W/"1"', '"1.0"', '""', 'garbage', '"999998", "999999"'),
  headerValue.filter((value) => !value.includes('*') && !/"\d{1,5}"/.test(value)),
);

const badIdempotencyKey = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'é', 'x'.repeat(256), '\t', 'ключ'.normalize()),
  headerValue,
)
  .map((value) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, 'é'))
  // HTTP strips surrounding whitespace from header values: judge the value the server will see.
  .filter((value) => !/^[\x21-\x7e]{1,255}$/.test(value.trim()));

const signatureArb: fc.Arbitrary<Signature> = fc.oneof(
  fc.constantFrom<Signature>('stale', 'future', 'wrong-secret', 'missing'),
  headerValue.map((raw) => ({ raw })),
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => ({ raw: `t=${Math.floor(Date.now() / 1000)},v1=${hex}` })),
  fc.constantFrom('t=1,v1=', 't=,v1=00', 'v1=' + '0'.repeat(64), 't=99999999999999,v1=' + '0'.repeat(64), 't=1738315860,t=1738315861,v1=' + 'a'.repeat(64)).map((raw) => ({ raw })),
);

/** Headers every request may carry as noise: request ids, proxies, accept. */
const noiseHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'X-Request-Id': fc.oneof(headerValue, fc.stringMatching(/^[A-Za-z0-9._:-]{1,140}$/)),
      Accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'application/problem+json', ''),
      'X-Forwarded-For': fc.oneof(fc.constantFrom('not-an-ip', '::1', '1.2.3.4, 5.6.7.8', '999.999.999.999', '[::1]:80', 'a/b', '', '2001:db8::1'), headerValue),
      Origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost:3000'),
    },
    { requiredKeys: [] },
  );

interface Draft {
  identity: Identity;
  category: Category;
  path: PathChoice;
  query: { query: string; mutation: string };
  body?: BodyChoice;
  headers: Record<string, string>;
  signature?: Signature;
  mutation: string;
  /** Header defects that certainly refuse the request (stale If-Match, bad Idempotency-Key). */
  headerRefuses: boolean;
}

/** Does the draft certainly fail for a write operation? Conservative by construction. */
function mustReject(op: Operation, draft: Draft): boolean {
  const { identity, path, body } = draft;
  if (body?.refused) return true;
  if (op.operationId === 'kycWebhook') return draft.signature !== 'valid' && draft.signature !== 'valid-previous-secret';
  if (!isAuthorized(op.operationId, identity)) return true;
  if (!path.passes) return true;
  if (draft.headerRefuses) return true;
  const value = body?.value as Record<string, unknown> | undefined;
  switch (op.operationId) {
    case 'adminUpdateUser': {
      if (path.deleted) return true;
      const roles = value?.roles as unknown[] | undefined;
      return path.self && (value?.status === 'disabled' || (Array.isArray(roles) && !roles.includes('admin')));
    }
    case 'adminDeleteUser':
      return path.self;
    case 'decideKycCase':
      return true; // the only existing case is finally rejected: every decision is an illegal transition (409)
    case 'submitKyc':
      return identity.label === 'user'; // the fixture user's case is finally rejected (409 KYC_REJECTED)
    default:
      return false;
  }
}

function categoriesOf(op: Operation): Category[] {
  const categories: Category[] = ['body-syntax', 'headers', 'content-type', 'query', 'boundary'];
  if (refusedIdentity(op.operationId)) categories.push('auth', 'auth');
  if (hasParam(op, 'path')) categories.push('path', 'path');
  if (op.body) categories.push('body-schema', 'body-schema', 'body-schema');
  if (op.operationId === 'kycWebhook') categories.push('auth', 'auth');
  return categories;
}

function draftArb(op: Operation, category: Category): fc.Arbitrary<Draft> {
  const refused = refusedIdentity(op.operationId);
  const identity =
    category === 'auth' && refused ? refused : fc.oneof({ weight: 4, arbitrary: authorizedIdentity(op.operationId) }, { weight: 1, arbitrary: anyIdentity });
  const isGet = op.method === 'get';
  const validBody = op.body ? schemaBody(op.body, 'valid') : fc.constant(undefined);
  const body: fc.Arbitrary<BodyChoice | undefined> = (() => {
    switch (category) {
      case 'body-schema':
        return op.body ? schemaBody(op.body, 'invalid') : fc.constant(undefined);
      case 'body-syntax':
        return fc.oneof({ weight: 3, arbitrary: unparseable }, { weight: 1, arbitrary: oddButParseable });
      case 'content-type':
        return contentTypeBody(op);
      case 'boundary':
        return op.body ? schemaBody(op.body, 'boundary') : fc.constant(undefined);
      default:
        return isGet ? fc.constant(undefined) : validBody;
    }
  })();
  const query = category === 'query' ? queryArb(op, 'bad') : hasParam(op, 'query') ? queryArb(op, 'boundary') : fc.constant({ query: '', mutation: 'none' });
  const path = pathArb(op, category === 'path');
  const special: fc.Arbitrary<{ headers: Record<string, string>; signature?: Signature; headerRefuses: boolean; mutation?: string }> = (() => {
    if (op.operationId === 'kycWebhook') {
      return category === 'auth'
        ? signatureArb.map((signature) => ({ headers: {}, signature, headerRefuses: true, mutation: `signature:${typeof signature === 'string' ? signature : 'raw'}` }))
        : fc.constantFrom<Signature>('valid', 'valid-previous-secret').map((signature) => ({ headers: {}, signature, headerRefuses: false }));
    }
    if (category !== 'headers') return fc.constant({ headers: {}, headerRefuses: false });
    if (hasParam(op, 'header', 'if-match')) return staleIfMatch.map((value) => ({ headers: { 'If-Match': value }, headerRefuses: true, mutation: 'stale-if-match' }));
    if (hasParam(op, 'header', 'idempotency-key')) return badIdempotencyKey.map((value) => ({ headers: { 'Idempotency-Key': value }, headerRefuses: true, mutation: 'bad-idempotency-key' }));
    return fc.record({ 'X-Request-Id': headerValue, 'If-Match': headerValue, 'Idempotency-Key': headerValue, 'If-None-Match': headerValue }, { requiredKeys: [] }).map((headers) => ({ headers, headerRefuses: false, mutation: 'junk-headers' }));
  })();
  return fc.record({ identity, path, query, body, special, noise: fc.option(noiseHeaders, { freq: 3, nil: undefined }) }).map(({ identity: who, path: where, query: q, body: b, special: s, noise }) => ({
    identity: who,
    category,
    path: where,
    query: q,
    body: b,
    headers: { ...noise, ...s.headers },
    signature: s.signature,
    headerRefuses: s.headerRefuses,
    mutation:
      category === 'auth'
        ? (s.mutation ?? who.label)
        : category === 'path'
          ? where.mutation
          : category === 'query'
            ? q.mutation
            : category === 'headers'
              ? (s.mutation ?? 'headers')
              : (b?.mutation ?? 'none'),
  }));
}

/** The arbitrary of one operation's fuzz requests. */
export function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const isWrite = op.method !== 'get';
  return fc
    .constantFrom(...categoriesOf(op))
    .chain((category) => draftArb(op, category))
    .map((draft): FuzzRequest => {
      const headers: Record<string, string> = { ...draft.headers, ...draft.body?.extraHeaders };
      if (draft.body?.body !== undefined) headers['Content-Type'] = draft.body.contentType ?? 'application/json';
      if (headers['Content-Type'] === '') delete headers['Content-Type'];
      return {
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        template: op.path,
        path: draft.path.path,
        query: draft.query.query,
        headers,
        identity: draft.identity,
        body: draft.body?.body,
        signature: draft.signature,
        category: draft.category,
        mutation: draft.mutation,
        mustReject: isWrite ? mustReject(op, draft) : false,
      };
    })
    .filter((request) => !isWrite || request.mustReject);
}
