/**
 * HTTP/1.1 endpoints served on the gRPC port: the official emulator's
 * readiness probe, clear-database, security-rules and rule-coverage calls,
 * the Firestore REST surface (`/v1/...`, rest-firestore.ts), plus the NFF
 * export/import and trigger registration endpoints (see emulator/README.md).
 */
import type * as http from 'node:http';
import type { Emulator } from './core';
import { exportDatabase, importDatabase } from './data';
import { httpStatusFor, RpcError } from './errors';
import type { GrpcHandler } from './grpc-transport';
import { serveFirestoreRest } from './rest-firestore';
import { RulesCompileError, type RulesRegistry } from './rules-registry';
import type { RulesFile } from './rules/api';
import type { TriggerDispatcher, TriggerSpec } from './triggers';

/** What the HTTP side serves besides the core: the gRPC handlers (for /v1) and the rules registry. */
export interface RestContext {
  emu: Emulator;
  triggers: TriggerDispatcher;
  handlers: Record<string, GrpcHandler>;
  rules: RulesRegistry;
}

const MAX_BODY = 256 * 1024 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown, contentType?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'content-type': contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new RpcError(3, 'Request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.trim() === '' ? null : JSON.parse(text));
      } catch {
        reject(new RpcError(3, 'Request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** Creates the request listener for the HTTP/1.1 side of the port. */
export function restHandler(ctx: RestContext): http.RequestListener {
  return (req, res) => {
    route(ctx, req, res).catch((e: unknown) => {
      if (e instanceof RpcError) send(res, httpStatusFor(e.code), { error: { code: e.code, message: e.message } });
      else {
        console.error('[nff-firestore-emulator] REST error:', e);
        send(res, 500, { error: { message: e instanceof Error ? e.message : String(e) } });
      }
    });
  };
}

async function route(ctx: RestContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { emu, triggers } = ctx;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = decodeURIComponent(url.pathname);
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;

  if (path === '/' && (method === 'GET' || method === 'HEAD')) return send(res, 200, 'Ok');

  if (url.pathname.startsWith('/v1/')) {
    // firebase/firestore/lite posts JSON as text/plain (no CORS preflight); the body is JSON either way.
    const body = method === 'GET' ? undefined : await readJson(req);
    const out = await serveFirestoreRest(ctx.handlers, req, url, body);
    return send(res, out.status, out.body);
  }

  // The official emulator's rules endpoints (@firebase/rules-unit-testing, firebase-tools).
  if ((m = /^\/emulator\/v1\/projects\/([^/:]+):(securityRules|ruleCoverage|ruleCoverage\.html)$/.exec(path))) {
    return rulesEndpoint(ctx.rules, m[1]!, m[2]!, method, req, res);
  }

  // The official emulator's "clear all data" call (firebase-tools, @firebase/rules-unit-testing).
  if ((m = /^\/emulator\/v1\/projects\/([^/]+)\/databases\/([^/]+)\/documents\/?$/.exec(path)) && method === 'DELETE') {
    emu.clear(`projects/${m[1]}/databases/${m[2]}`);
    return send(res, 200, {});
  }

  if ((m = /^\/nff\/v1\/projects\/([^/]+)(?:\/databases\/([^/]+))?\/(export|import)$/.exec(path))) {
    const project = m[1]!;
    const database = m[2] ?? url.searchParams.get('database') ?? '(default)';
    if (m[3] === 'export' && method === 'GET') return send(res, 200, exportDatabase(emu, project, database));
    if (m[3] === 'import' && (method === 'PUT' || method === 'POST')) {
      const merge = url.searchParams.get('merge') === 'true';
      const imported = importDatabase(emu, await readJson(req), { project, database }, !merge);
      return send(res, 200, { imported });
    }
    return send(res, 405, { error: { message: `${method} not allowed on ${path}` } });
  }

  if (path === '/nff/v1/triggers') {
    if (method === 'GET') return send(res, 200, { triggers: triggers.list() });
    if (method === 'DELETE') {
      triggers.replace([]);
      return send(res, 200, { triggers: [] });
    }
    if (method === 'PUT' || method === 'POST') {
      const body = await readJson(req);
      const list = (Array.isArray(body) ? body : (body as { triggers?: unknown } | null)?.triggers) as TriggerSpec[] | undefined;
      if (!Array.isArray(list)) throw new RpcError(3, 'Expected a JSON array of triggers (or {"triggers": [...]})');
      if (method === 'PUT') triggers.replace(list);
      else triggers.add(list);
      return send(res, 200, { triggers: triggers.list() });
    }
    return send(res, 405, { error: { message: `${method} not allowed on ${path}` } });
  }

  return send(res, 404, { error: { message: `Not found: ${method} ${path}` } });
}

/**
 * `PUT …:securityRules` with `{"rules": {"files": [{"name"?, "content"}]}}`
 * installs a project's rules (400 with every issue's line, column and
 * message when they do not compile; the old rules stay). `GET
 * …:ruleCoverage` / `…:ruleCoverage.html` report how often each expression
 * of the project's rules was evaluated, and to what.
 */
async function rulesEndpoint(rules: RulesRegistry, project: string, what: string, method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (what === 'securityRules') {
    if (method !== 'PUT' && method !== 'POST') return send(res, 405, { error: { message: `${method} not allowed on :securityRules` } });
    const body = (await readJson(req)) as { rules?: { files?: Partial<RulesFile>[] } } | null;
    const files = body?.rules?.files;
    if (!Array.isArray(files) || files.some((f) => typeof f?.content !== 'string')) {
      throw new RpcError(3, 'Expected {"rules": {"files": [{"name": "firestore.rules", "content": "..."}]}}');
    }
    const list = files.map((f, i) => ({ name: typeof f.name === 'string' ? f.name : i === 0 ? 'firestore.rules' : `rules-${i}`, content: f.content! }));
    try {
      rules.setProjectRules(project, list);
    } catch (e) {
      if (!(e instanceof RulesCompileError)) throw e;
      const first = e.issues[0];
      return send(res, 400, {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: `Rules did not compile: ${e.issues.map((i) => `line ${i.line}, column ${i.column}: ${i.message}`).join('; ')}`,
          details: e.issues,
        },
        ...(first ? { line: first.line, column: first.column } : {}),
      });
    }
    return send(res, 200, { rules: { files: list } });
  }
  if (method !== 'GET') return send(res, 405, { error: { message: `${method} not allowed on :${what}` } });
  const ruleset = rules.rulesFor(project);
  if (!ruleset) throw new RpcError(5, `No rules are loaded for project ${project}`);
  if (what === 'ruleCoverage') return send(res, 200, ruleset.coverage());
  return send(res, 200, ruleset.coverageHtml(), 'text/html; charset=utf-8');
}
