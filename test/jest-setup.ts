/**
 * Jest setup for every suite (setupFilesAfterEnv):
 *
 * 1. Network guard. Tests talk to real servers, all on loopback; a test that
 *    opens a TCP connection anywhere else (the cloud metadata server, a
 *    Google API, a typo'd URL) fails, and the connection is refused before
 *    any packet leaves. Unix sockets and loopback addresses pass.
 * 2. Structured logs. The firebase-functions logger writes one JSON line per
 *    event to the console; in-process tests would print every expected
 *    `rate_limited`, `unhandled_error`... with a stack frame. They are
 *    recorded instead (test/logs.ts lets a test assert on them) and printed
 *    only with NFF_TEST_LOGS=1. Anything else written to the console prints
 *    as usual.
 * 3. No cloud metadata server. google-gax asks GoogleAuth for the universe
 *    domain whenever it creates a Firestore stub, even against the emulator;
 *    that runs Application Default Credentials discovery, which probes the
 *    GCE metadata server (169.254.169.254) and, answered 403 by this
 *    network, printed a MetadataLookupWarning per worker and client. Tests
 *    never use Google credentials, so gcp-metadata's documented switch tells
 *    it there is no metadata server: no probe, no warning.
 */
import net from 'node:net';
import { recordLog } from './logs';

process.env.METADATA_SERVER_DETECTION ??= 'none';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|0:0:0:0:0:0:0:1)$/i;

interface ConnectTarget {
  host?: string;
  port?: number | string;
  path?: string;
}

/** What Socket#connect was asked to reach, from any of its call shapes. */
function targetOf(args: unknown[]): ConnectTarget {
  const first = args[0];
  // net.connect() passes its already-normalised [options, callback] array.
  const options = Array.isArray(first) ? first[0] : first;
  if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    return { port: options, host: typeof args[1] === 'string' ? args[1] : undefined };
  }
  if (typeof options === 'string') return { path: options };
  return (options ?? {}) as ConnectTarget;
}

const violations: string[] = [];
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const target = targetOf(args);
  const host = target.host ?? 'localhost';
  if (target.path === undefined && !LOOPBACK_HOSTS.test(host.replace(/^\[|\]$/g, ''))) {
    const where = `${host}:${target.port ?? '?'}`;
    // Frames renamed from `at` to `via`: jest hides `at` frames of node_modules and node internals, which are the ones that say who asked.
    const stack = (new Error().stack ?? '').split('\n').slice(2, 16).map((line) => line.replace(/^\s*at /, '    via ')).join('\n');
    violations.push(`${where}\n${stack}`);
    // Refused like an unreachable host, asynchronously as a real failure would be.
    process.nextTick(() => this.destroy(new Error(`test network guard: connection to ${where} refused (tests may only reach loopback)`)));
    return this;
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

afterEach(() => {
  if (violations.length === 0) return;
  const found = violations.splice(0);
  throw new Error(`this test opened ${found.length} connection(s) to a non-loopback address:\n${found.join('\n---\n')}`);
});

// The firebase-functions logger keeps the console functions it finds when it
// is first loaded (after this file), so wrapping them here intercepts it.
const showLogs = process.env.NFF_TEST_LOGS === '1';
for (const level of ['debug', 'info', 'log', 'warn', 'error'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && recordLog(args[0]) && !showLogs) return;
    original(...args);
  };
}
