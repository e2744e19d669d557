/**
 * Minimal JSON POST over node:http(s) for callback delivery. Not global fetch:
 * its keep-alive pool would keep sockets open after stop(); `agent: false`
 * gives one connection per attempt that ends with the attempt.
 */
import http from 'node:http';
import https from 'node:https';

/** POST `body` to `url`; resolves with the status code, rejects on network error, timeout or abort. */
export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const req = transport.request(target, {
      method: 'POST',
      agent: false,
      signal,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => req.destroy(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    req.on('response', (res) => {
      // Drain the body: only the status matters, but an unread body would keep the socket busy.
      res.resume();
      res.on('end', () => finish(() => resolve(res.statusCode ?? 0)));
      res.on('error', (err) => finish(() => reject(err)));
    });
    req.on('error', (err) => finish(() => reject(err)));
    req.end(body);
  });
}
