/**
 * `node scripts/lib/console-contract.js [--check]` (run by `npm run openapi`
 * and `npm run openapi:check`, after openapi.yaml)
 *
 * Writes console/src/api-contract.ts, the TypeScript types of openapi.yaml
 * made by openapi-typescript, so the console's API shapes come from the
 * contract (zod → openapi.yaml → these types) instead of being written twice.
 * With --check it writes nothing and exits 1 when the committed file is not
 * what openapi.yaml gives (CI runs the check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { REPO_ROOT } from './config';

const CONTRACT = resolve(REPO_ROOT, 'openapi.yaml');
const TARGET = resolve(REPO_ROOT, 'console/src/api-contract.ts');

/** The generator's version goes in the header: another version may write other types. */
function generatorVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve('openapi-typescript/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function header(): string {
  return [
    '/**',
    ' * GENERATED from openapi.yaml by openapi-typescript ' + generatorVersion() + ' — do not edit.',
    ' * Regenerate with `npm run openapi` (writes openapi.yaml from the zod schemas,',
    ' * then this file); `npm run openapi:check` fails while this file is stale.',
    ' * The console reads these types through src/types.ts.',
    ' */',
    '',
  ].join('\n');
}

/** The file's full text for the current openapi.yaml. */
async function consoleContract(): Promise<string> {
  // The file URL (not the text) lets the bundler resolve the document's own $refs; nothing is fetched.
  const ast = await openapiTS(pathToFileURL(CONTRACT), { silent: true });
  return header() + '\n' + astToString(ast);
}

async function main(): Promise<void> {
  const generated = await consoleContract();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(TARGET, 'utf8');
    } catch {
      // A missing file is simply stale.
    }
    if (committed !== generated) {
      console.error('console/src/api-contract.ts is stale: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('console/src/api-contract.ts is up to date.');
  } else {
    writeFileSync(TARGET, generated);
    console.log(`wrote ${TARGET}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
