/**
 * HTTP/1.1 endpoints served on the gRPC port: the official emulator's
 * readiness probe and clear-database call, plus the NFF export/import and
 * trigger registration endpoints (see emulator/README.md).
 */
import type * as http from 'node:http';
import type { Emulator } from './core';
import { exportDatabase, importDatabase } from './data';
import { httpStatusFor, RpcError } from './errors';
import type { TriggerDispatcher, TriggerSpec } from './triggers';

const MAX_BODY = 256 * 1024 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
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
export function restHandler(emu: Emulator, triggers: TriggerDispatcher): http.RequestListener {
  return (req, res) => {
    route(emu, triggers, req, res).catch((e: unknown) => {
      if (e instanceof RpcError) send(res, httpStatusFor(e.code), { error: { code: e.code, message: e.message } });
      else {
        console.error('[nff-firestore-emulator] REST error:', e);
        send(res, 500, { error: { message: e instanceof Error ? e.message : String(e) } });
      }
    });
  };
}

async function route(emu: Emulator, triggers: TriggerDispatcher, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = decodeURIComponent(url.pathname);
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;

  if (path === '/' && (method === 'GET' || method === 'HEAD')) return send(res, 200, 'Ok');

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
