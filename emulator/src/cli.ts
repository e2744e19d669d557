#!/usr/bin/env node
/**
 * nff-firestore-emulator --host 127.0.0.1 --port 8080 [--import file]
 *   [--export-on-exit file] [--project-triggers file] [--rules firestore.rules]
 *   [--transport http2|grpc-js] [--quiet]
 *
 * Prints exactly one line "ready on HOST:PORT" once listening; stops cleanly
 * (exporting if asked) on SIGINT/SIGTERM.
 */
import * as fs from 'node:fs';
import { start } from './server';
import type { TriggerSpec } from './triggers';

const USAGE =
  'usage: nff-firestore-emulator [--host 127.0.0.1] [--port 8080] [--import file] [--export-on-exit file] [--project-triggers file] [--rules firestore.rules] [--transport http2|grpc-js] [--quiet]';

function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (a === '--quiet' || a === '--help') out[a.slice(2)] = true;
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      out[a.slice(2)] = v;
    }
  }
  return out;
}

async function main(): Promise<void> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const str = (k: string): string | undefined => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const port = str('port') !== undefined ? Number(str('port')) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid --port\n${USAGE}`);
    process.exit(2);
  }
  const transport = str('transport') ?? 'http2';
  if (transport !== 'http2' && transport !== 'grpc-js') {
    console.error(`invalid --transport\n${USAGE}`);
    process.exit(2);
  }
  const server = await start({
    host: str('host'),
    port,
    importFile: str('import'),
    exportOnExitFile: str('export-on-exit'),
    quiet: args.quiet === true,
    transport,
    rules: str('rules'),
  });
  const triggersFile = str('project-triggers');
  if (triggersFile) {
    const raw = JSON.parse(fs.readFileSync(triggersFile, 'utf8')) as TriggerSpec[] | { triggers: TriggerSpec[] };
    server.registerTriggers(Array.isArray(raw) ? raw : raw.triggers);
  }
  console.log(`ready on ${server.url}`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
