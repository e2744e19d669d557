/**
 * Network front: one TCP port serving both gRPC (HTTP/2) and the REST
 * endpoints (HTTP/1.1). Each accepted socket's first bytes are sniffed: the
 * HTTP/2 client preface starts with "PRI", so such sockets go to the gRPC
 * transport (grpc-transport.ts), every other socket is handed to a Node
 * http.Server. Both run in-process on the same socket, with no proxy hop.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { Emulator } from './core';
import { exportAll, exportDatabase, importAll, importDatabase, type DatabaseExport, type EmulatorExport } from './data';
import { firestoreHandlers } from './grpc-service';
import { createGrpcJsServer } from './grpc-js-transport';
import { createGrpcServer, type MethodDefinition } from './grpc-transport';
import { firestoreService } from './proto';
import { restHandler } from './rest';
import { defaultRulesCompiler } from './rules-compiler';
import { RulesRegistry, type RulesCompiler } from './rules-registry';
import type { Ruleset } from './rules/api';
import { Security } from './security';
import { TriggerDispatcher, type TriggerSpec } from './triggers';

/** Options of start(). */
export interface StartOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 8080; 0 = an ephemeral port). */
  port?: number;
  /** JSON file to import at startup (emulator-wide or single-database format). */
  importFile?: string;
  /** JSON file the whole emulator is exported to on stop(). */
  exportOnExitFile?: string;
  /** Suppress log lines (trigger deliveries etc.). */
  quiet?: boolean;
  /**
   * gRPC transport: 'http2' (default, grpc-transport.ts, the fast one) or
   * 'grpc-js' (@grpc/grpc-js's Server, the reference; grpc-js-transport.ts).
   */
  transport?: 'http2' | 'grpc-js';
  /**
   * A firestore.rules file applied to every project that has not been given
   * its own rules (PUT …:securityRules), and reloaded when the file changes,
   * as the official emulator's --rules. A file that does not compile fails
   * start(); a later edit that does not compile is logged and the previous
   * rules stay. Without it projects have open rules.
   */
  rules?: string;
  /** The rules compiler (default: the emulator's rules language); tests may inject a double. */
  rulesCompiler?: RulesCompiler;
}

/** A running emulator. */
export interface RunningEmulator {
  host: string;
  port: number;
  /** host:port, the value for FIRESTORE_EMULATOR_HOST. */
  url: string;
  /**
   * Stops listening, ends open Listen streams (status OK), aborts
   * transactions, lets other open calls finish for up to 1 s, closes every
   * connection, then writes exportOnExitFile if set.
   */
  stop(): Promise<void>;
  /** Exports one database, or every database when no project is given. */
  exportData(project?: string, database?: string): DatabaseExport | EmulatorExport;
  /** Imports data (single-database format with a project, or emulator-wide); returns the document count. */
  importData(data: unknown, target?: { project: string; database?: string; merge?: boolean }): number;
  /** Deletes all documents of a database (default database when omitted). */
  clear(project: string, database?: string): void;
  /** Replaces the registered triggers. */
  registerTriggers(triggers: TriggerSpec[]): void;
  /** Resolves when all queued trigger deliveries have finished (for tests). */
  triggersIdle(): Promise<void>;
  /**
   * Installs rules from source: for one project (as PUT …:securityRules), or
   * for every project without its own when project is undefined. Throws
   * RulesCompileError (keeping the old rules) when they do not compile.
   */
  setRules(content: string, project?: string): Ruleset;
  /** The transport-independent core (for tests and tools). */
  emulator: Emulator;
}

/** How often a --rules file is checked for changes. */
const RULES_POLL_MS = 300;

/** Largest request message accepted (Firestore's own request limit is 10 MiB; this leaves room for imports). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** How long stop() lets open calls finish before cutting the connections. */
const SHUTDOWN_GRACE_MS = 1000;

/** Starts the emulator and resolves once it is listening. */
export async function start(opts: StartOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.quiet ? () => undefined : (msg: string) => console.log(`[nff-firestore-emulator] ${msg}`);
  const emu = new Emulator();
  const triggers = new TriggerDispatcher(log);
  emu.onCommit((e) => triggers.onCommit(e));
  if (opts.importFile) {
    const n = importAll(emu, JSON.parse(fs.readFileSync(opts.importFile, 'utf8')));
    log(`imported ${n} documents from ${opts.importFile}`);
  }

  const rules = new RulesRegistry(opts.rulesCompiler ?? defaultRulesCompiler);
  const setRules = (content: string, project?: string): Ruleset => {
    const files = [{ name: 'firestore.rules', content }];
    return project === undefined ? rules.setDefaultRules(files) : rules.setProjectRules(project, files);
  };
  const rulesFile = opts.rules;
  if (rulesFile) {
    setRules(fs.readFileSync(rulesFile, 'utf8'));
    log(`loaded rules from ${rulesFile}`);
    // Polling rather than fs.watch: editors and git replace the file (a new
    // inode), which fs.watch on the file stops seeing.
    fs.watchFile(rulesFile, { interval: RULES_POLL_MS, persistent: false }, (cur, prev) => {
      if (cur.mtimeMs === prev.mtimeMs && cur.size === prev.size) return;
      try {
        setRules(fs.readFileSync(rulesFile, 'utf8'));
        log(`reloaded rules from ${rulesFile}`);
      } catch (e) {
        console.error(`[nff-firestore-emulator] rules_reload_failed ${rulesFile}: ${e instanceof Error ? e.message : String(e)} (previous rules stay in force)`);
      }
    });
  }
  const handlers = firestoreHandlers(emu, new Security(rules));
  const createTransport = opts.transport === 'grpc-js' ? createGrpcJsServer : createGrpcServer;
  const grpcServer = createTransport(firestoreService() as unknown as Record<string, MethodDefinition>, handlers, {
    maxMessageBytes: MAX_MESSAGE_BYTES,
  });
  const httpServer = http.createServer({ keepAlive: true }, restHandler({ emu, triggers, handlers, rules }));
  const sockets = new Set<net.Socket>();

  const tcp = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) return; // cannot tell yet
      socket.off('data', onData);
      socket.pause();
      socket.unshift(head);
      if (head.subarray(0, 3).toString('latin1') === 'PRI') {
        // Stay paused: the HTTP/2 session drains the unshifted bytes itself on
        // the next tick (Node reads socket.readableLength); resuming here would
        // emit them as 'data' to nobody and lose the client preface.
        grpcServer.handleConnection(socket);
      } else {
        httpServer.emit('connection', socket);
        socket.resume(); // the HTTP/1.1 parser reads through 'data' events
      }
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(opts.port ?? 8080, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const port = (tcp.address() as net.AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      triggers.stop();
      if (rulesFile) fs.unwatchFile(rulesFile);
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      emu.close(); // ends open Listen streams with status OK, aborts transactions
      // Graceful first: GOAWAY, then each HTTP/2 session closes once its open
      // calls finish, so frames already on the wire (e.g. a Listen half-close
      // sent just before stop()) are still answered instead of the call being
      // cancelled under the client. Whatever is still open after the grace
      // period is cut.
      await grpcServer.stop(SHUTDOWN_GRACE_MS);
      // Every accepted socket, HTTP/2 or HTTP/1.1 (the http.Server never
      // listens itself, so it does not track connections to close).
      for (const s of sockets) s.destroy();
      // Exported last, so it holds every write acknowledged during the drain.
      if (opts.exportOnExitFile) {
        fs.writeFileSync(opts.exportOnExitFile, JSON.stringify(exportAll(emu), null, 2) + '\n');
        log(`exported data to ${opts.exportOnExitFile}`);
      }
      await closed;
    })());

  return {
    host,
    port,
    url: `${host}:${port}`,
    stop,
    exportData: (project, database) => (project ? exportDatabase(emu, project, database) : exportAll(emu)),
    importData: (data, target) =>
      target ? importDatabase(emu, data, target, !target.merge) : importAll(emu, data),
    clear: (project, database = '(default)') => emu.clear(`projects/${project}/databases/${database}`),
    registerTriggers: (list) => triggers.replace(list),
    triggersIdle: () => triggers.idle(),
    setRules,
    emulator: emu,
  };
}
