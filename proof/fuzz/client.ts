/**
 * Sends fuzz requests over raw node:http (fetch refuses bodies on GET and
 * normalises headers) and checks every response:
 *   - no 5xx;
 *   - status, media type and body documented by openapi.yaml (assertMatchesContract,
 *     which also fails on undocumented status codes);
 *   - every 4xx is application/problem+json whose `status` matches;
 *   - a request built to be refused is refused;
 *   - no error body and no response to a non-privileged caller carries
 *     another user's personal data (the fixtures' markers).
 */
import http from 'node:http';
import { computeSignature } from '../../functions/src/kyc/kyc.signature';
import { assertMatchesContract } from '../../test/contract';
import type { FuzzRequest } from './requests';

export interface Target {
  name: 'in-process' | 'functions-emulator';
  /** Base URL the /v1 paths are appended to. */
  baseUrl: string;
}

export interface FuzzContext {
  /** Headers of each identity label that needs fixture credentials. */
  credentials: Record<string, Record<string, string>>;
  /** Values of the symbolic path references (@@target@@ ...). */
  refs: Record<string, string>;
  webhookSecrets: string[];
  /** Personal data of fixture users that must never appear where the caller may not see it. */
  markers: string[];
}

export interface Outcome {
  request: FuzzRequest;
  target: Target['name'];
  status: number;
  contentType: string;
  problemCode?: string;
  violations: string[];
  /** 'runtime': answered before the app ran (Node's HTTP parser or the Functions runtime; no X-Request-Id). */
  answeredBy: 'app' | 'runtime';
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** Identities whose successful answers may legitimately show other users' data. */
const PRIVILEGED = new Set(['admin', 'support', 'key-users', 'key-all', 'key-audit']);

function resolveRefs(text: string, context: FuzzContext): string {
  return text.replace(/@@([a-z-]+)@@/g, (_match, name: string) => {
    const value = context.refs[name];
    if (value === undefined) throw new Error(`unknown fixture reference ${name}`);
    return value;
  });
}

function credentialHeaders(request: FuzzRequest, context: FuzzContext): Record<string, string> {
  const { identity } = request;
  switch (identity.label) {
    case 'anon':
      return {};
    case 'bad-bearer':
    case 'bad-authorization':
      return { Authorization: identity.value ?? '' };
    case 'bad-key':
      return { 'X-API-Key': identity.value ?? '' };
    default: {
      const headers = context.credentials[identity.label];
      if (!headers) throw new Error(`no credentials for ${identity.label}`);
      return headers;
    }
  }
}

function signatureHeader(request: FuzzRequest, body: Buffer, context: FuzzContext): Record<string, string> {
  const signature = request.signature;
  if (signature === undefined || signature === 'missing') return {};
  if (typeof signature === 'object') return { 'X-Signature': signature.raw };
  const now = Math.floor(Date.now() / 1000);
  const sign = (secret: string, t: number) => ({ 'X-Signature': `t=${t},v1=${computeSignature(secret, body, t)}` });
  switch (signature) {
    case 'valid':
      return sign(context.webhookSecrets[0], now);
    case 'valid-previous-secret':
      return sign(context.webhookSecrets[1] ?? context.webhookSecrets[0], now);
    case 'stale':
      return sign(context.webhookSecrets[0], now - 3600);
    case 'future':
      return sign(context.webhookSecrets[0], now + 3600);
    case 'wrong-secret':
      return sign('not-the-secret', now);
  }
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error('timeout after 60 s')));
    request.on('error', reject);
    request.end(body);
  });
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Send one request to a target and check the response. Never throws for a bad response: it reports violations. */
export async function execute(request: FuzzRequest, target: Target, context: FuzzContext): Promise<Outcome> {
  const base = new URL(target.baseUrl);
  const path = base.pathname.replace(/\/$/, '') + resolveRefs(request.path, context) + request.query;
  // new URL() would normalise dot segments and percent-encoding; build it by hand so the path is sent verbatim.
  const url = { hostname: base.hostname, port: base.port, pathname: path, search: '' } as unknown as URL;
  const body = request.body;
  const headers = { ...request.headers, ...credentialHeaders(request, context), ...(request.operationId === 'kycWebhook' ? signatureHeader(request, body ?? Buffer.alloc(0), context) : {}) };
  const violations: string[] = [];
  let response: RawResponse;
  try {
    response = await send(url, request.method, headers, body);
  } catch (error) {
    return { request, target: target.name, status: 0, contentType: '', violations: [`transport error: ${String(error)}`], answeredBy: 'app' };
  }
  const contentType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
  let parsed: unknown = response.text;
  if (/json/.test(contentType) && response.text) {
    try {
      parsed = JSON.parse(response.text);
    } catch {
      violations.push(`unparseable ${contentType} body`);
    }
  }
  if (response.status >= 500) violations.push(`server error ${response.status}`);
  // Some requests are refused before our app runs: by Node's HTTP parser (431 for oversized headers)
  // or, through the Functions emulator, by the runtime that parses bodies itself (malformed JSON,
  // unsupported charsets, undecodable bodies). Such answers carry no X-Request-Id and are counted
  // apart, since no code of ours can shape them; they must still not be 5xx.
  const answeredBy = response.headers['x-request-id'] === undefined ? 'runtime' : 'app';
  if (answeredBy === 'runtime') return finish();
  // The emulator's proxy resolves dot segments (/users/.. → /users/), so the app answers another route.
  if (target.name === 'functions-emulator' && /\/(\.|\.\.|%2e%2e)(\/|$)/i.test(path)) return finish();
  try {
    assertMatchesContract(request.template, request.method, { status: response.status, headers: toHeaders(response.headers) }, parsed);
  } catch (error) {
    violations.push(`contract: ${(error as Error).message.split('\n')[0]}`);
  }
  const problem = parsed as { status?: unknown; code?: unknown } | undefined;
  if (response.status >= 400 && response.status < 500) {
    if (contentType !== 'application/problem+json') violations.push(`4xx as ${contentType || 'no content type'}`);
    else if (problem?.status !== response.status || typeof problem.code !== 'string') violations.push('problem body status/code mismatch');
  }
  return finish();

  function finish(): Outcome {
    if (request.mustReject && response.status < 400) violations.push(`accepted a request built to be refused (${response.status})`);
    const privileged = PRIVILEGED.has(request.identity.label) && response.status < 400;
    if (!privileged) {
      for (const marker of context.markers) if (response.text.includes(marker)) violations.push(`leaked fixture data "${marker.slice(0, 12)}…"`);
    }
    const code = (parsed as { code?: unknown } | undefined)?.code;
    return { request, target: target.name, status: response.status, contentType, problemCode: typeof code === 'string' ? code : undefined, violations, answeredBy };
  }
}

/** Run `requests` with at most `concurrency` in flight; results in input order. */
export async function executeAll(requests: FuzzRequest[], target: Target, context: FuzzContext, concurrency: number): Promise<Outcome[]> {
  const results: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      results[index] = await execute(requests[index], target, context);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Let the keep-alive sockets go so jest can exit. */
export function closeAgent(): void {
  agent.destroy();
}
