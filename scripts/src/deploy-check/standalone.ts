/**
 * Check (c): does functions/ install and build on its own, the way Cloud Build
 * sees it? `firebase deploy` uploads only that folder, so a dependency on
 * another workspace, on the root package.json or on a file above it (say a
 * tsconfig `extends`) would break in the cloud and nowhere here. The folder is
 * copied to a scratch directory (without node_modules and lib), installed with
 * `npm install` (the registry, as Cloud Build does), built with its own build
 * script, and its entry point is loaded with production dependencies only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Copies, installs, builds and loads functions/ in isolation; the scratch copy is removed after. */
export function checkStandalone(functionsDir: string, projectId: string): CheckResult {
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
    const manifest = discoverManifest(scratch, projectId);
    const count = Object.keys(manifest.endpoints).length;
    return {
      ok: true,
      lines: [`npm install + npm run build + load with production deps only in a scratch copy: ${count} functions (${((Date.now() - started) / 1000).toFixed(0)} s)`],
    };
  } catch (error) {
    return { ok: false, lines: [(error as Error).message] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
