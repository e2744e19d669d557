/**
 * Check (c): does functions/ install and build on its own, the way Cloud Build
 * sees it? `firebase deploy` uploads only that folder, so a dependency on
 * another workspace, on the root package.json or on a file above it (say a
 * tsconfig `extends`) would break in the cloud and nowhere here. The folder is
 * copied to a scratch directory (without node_modules and lib), installed with
 * `npm install` (the registry, as Cloud Build does), built with its own build
 * script, pruned to production dependencies, and then cut down to the files
 * `firebase deploy` would upload (firebase-tools' own listing with
 * firebase.json's functions `ignore`, e.g. the dev-only lib/dev/) before its
 * entry point is loaded: code the deployed function needs but deploy leaves
 * behind fails here.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import type { CheckResult } from './runtime-support';
import { discoverManifest } from './manifest';

function run(cwd: string, command: string, args: string[]): void {
  // npm and the build run on this process's Node (the deployed runtime's, as in
  // Cloud Build): npm silently skips optional dependencies whose engines the
  // running Node does not meet (firebase-admin 14's @google-cloud/firestore
  // needs Node >= 22), so a system Node 20 would build a different tree.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed in the scratch copy (exit ${result.status}):\n${(result.stderr || result.stdout).slice(-3000)}`);
  }
}

interface UploadListing {
  readdirRecursive(options: { path: string; ignoreStrings: string[] }): Promise<Array<{ name: string }>>;
}

/** The files `firebase deploy` uploads from `dir` (prepareFunctionsUpload's listing and its added ignores). */
async function uploadedFiles(dir: string, ignore: string[]): Promise<Set<string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- firebase-tools' internal module, CommonJS without types
  const { readdirRecursive } = require('firebase-tools/lib/fsAsync.js') as UploadListing;
  const files = await readdirRecursive({ path: dir, ignoreStrings: [...ignore, 'firebase-debug.log', 'firebase-debug.*.log'] });
  return new Set(files.map((file) => file.name));
}

/** Removes every file outside node_modules that is not in `keep` (Cloud Build installs node_modules itself); returns how many. */
function removeAllBut(dir: string, keep: Set<string>): number {
  let removed = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || /^node_modules(\/|$)/.test(relative(dir, path)) || keep.has(path)) continue;
    rmSync(path);
    removed++;
  }
  return removed;
}

/** Copies, installs, builds, cuts to the uploaded files and loads functions/ in isolation; the scratch copy is removed after. */
export async function checkStandalone(functionsDir: string, projectId: string, ignore: string[]): Promise<CheckResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'nff-functions-'));
  try {
    cpSync(functionsDir, scratch, {
      recursive: true,
      filter: (src) => !/^(node_modules|lib)(\/|$)/.test(relative(functionsDir, src)) && !src.endsWith('.tsbuildinfo'),
    });
    const started = Date.now();
    run(scratch, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts']);
    run(scratch, 'npm', ['run', 'build']);
    if (!existsSync(join(scratch, 'lib/index.js'))) throw new Error('the build did not produce lib/index.js (package.json "main")');
    run(scratch, 'npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error']);
    const uploaded = await uploadedFiles(scratch, ignore);
    const left = removeAllBut(scratch, uploaded);
    const manifest = discoverManifest(scratch, projectId);
    const count = Object.keys(manifest.endpoints).length;
    return {
      ok: true,
      lines: [
        `npm install + npm run build + load with production deps only in a scratch copy: ${count} functions (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        `loaded from the ${uploaded.size} files firebase deploy uploads (${left} built or source files left behind by firebase.json's ignore)`,
      ],
    };
  } catch (error) {
    return { ok: false, lines: [(error as Error).message] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
