/**
 * createMockKyc(): builds one isolated mock provider (its own state, timers
 * and fault settings) as an Express app plus a start() that listens.
 */
import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import { DEFAULTS, resolveConfig, type MockKycConfig, type ResolvedConfig } from './config';
import type { Context } from './context';
import { Decider } from './decisions';
import { Dispatcher } from './dispatcher';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import { openApiDocument } from './openapi';
import { errorHandler, notFound, problems } from './problem';
import { apiRouter } from './routes/api';
import { controlRouter } from './routes/control';
import { Scheduler } from './scheduler';
import { Store } from './store';

/** A listening server. */
export interface RunningMockKyc {
  /** Base URL, e.g. `http://127.0.0.1:9300`. */
  url: string;
  port: number;
  /** Close the server and every timer and in-flight delivery of the instance. */
  stop(): Promise<void>;
}

/** One mock provider instance. */
export interface MockKyc {
  /** The Express app (usable without start(), e.g. mounted elsewhere). */
  app: Express;
  /** The resolved configuration. */
  config: ResolvedConfig;
  /** Listen on `port` (default config.port, 9300; 0 = ephemeral) and `host` (default 127.0.0.1). */
  start(port?: number, host?: string): Promise<RunningMockKyc>;
  /** Cancel timers and in-flight deliveries without a server (when only `app` was used). */
  close(): void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Static bearer-token check; hashing both sides gives equal lengths for a constant-time compare. */
function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) return next(problems.unauthenticated());
    next();
  };
}

/** Build a mock KYC provider. No side effects until start(). */
export function createMockKyc(input: MockKycConfig = {}): MockKyc {
  const config = resolveConfig(input);
  const log = config.logger;
  const scheduler = new Scheduler(log);
  const store = new Store();
  const faults = new FaultInjector(config.faults, config.seed, scheduler, log, config.timeoutHangMs);
  const dispatcher = new Dispatcher({
    secrets: config.webhookSecrets,
    retry: config.retry,
    scheduler,
    faults,
    log,
    outOfOrderMaxHoldMs: config.outOfOrderMaxHoldMs,
    duplicateGapMs: config.duplicateGapMs,
  });
  const decider = new Decider({ store, dispatcher, scheduler, log, decisionDelayMs: config.decisionDelayMs, lateRedDelayMs: config.lateRedDelayMs });
  const ctx: Context = { config, store, faults, dispatcher, decider, idempotency: new IdempotencyStore(config.idempotencyTtlMs), scheduler, log };

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const incoming = req.get('X-Request-Id');
    res.locals.requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'mock-kyc', version: '0.1.0' });
  });
  app.get('/openapi.json', (req, res) => {
    res.json({ ...openApiDocument, servers: [{ url: `${req.protocol}://${req.get('host') ?? `127.0.0.1:${config.port}`}` }] });
  });
  // Authenticate before parsing, so unauthenticated bodies are never read.
  app.use('/v1', requireToken(config.apiToken), express.json({ limit: '100kb' }));
  app.use('/v1', controlRouter(ctx));
  app.use(['/v1/applicants', '/v1/checks'], faults.apiMiddleware());
  app.use('/v1', apiRouter(ctx));
  app.use(notFound);
  app.use(errorHandler(log));

  const close = () => {
    scheduler.close();
    dispatcher.close();
  };

  const start = (port: number = config.port, host: string = DEFAULTS.host): Promise<RunningMockKyc> =>
    new Promise((resolve, reject) => {
      const server = app.listen(port, host);
      server.once('error', reject);
      server.once('listening', () => {
        const actual = (server.address() as AddressInfo).port;
        const urlHost = host.includes(':') ? `[${host}]` : host;
        log('server.started', { port: actual });
        resolve({
          url: `http://${urlHost}:${actual}`,
          port: actual,
          stop: () =>
            new Promise<void>((done) => {
              close();
              server.close(() => done());
              // Hung (timeout-fault) and keep-alive connections would otherwise hold close() open.
              server.closeAllConnections();
            }),
        });
      });
    });

  return { app, config, start, close };
}
