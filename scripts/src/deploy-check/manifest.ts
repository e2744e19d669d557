/**
 * Check (b), the impure half: produce the manifest exactly as `firebase deploy`
 * does — firebase-functions' own discovery binary loading the built functions
 * — without credentials or network (FUNCTIONS_MANIFEST_OUTPUT_PATH makes it
 * write the manifest to a file and exit).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Manifest } from './documented-functions';

/** The `firebase-functions` binary of the functions' own firebase-functions (its package.json `bin`). */
function discoveryBin(functionsDir: string): string {
  // Its "exports" hide package.json: resolve the entry point and walk up to it.
  let dir = dirname(require.resolve('firebase-functions', { paths: [functionsDir] }));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const pkgPath = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin['firebase-functions'];
  if (!bin) throw new Error(`${pkgPath} declares no firebase-functions binary`);
  return join(dirname(pkgPath), bin);
}

/** Runs firebase-functions' discovery on `functionsDir` (its lib/ must be built). */
export function discoverManifest(functionsDir: string, projectId: string): Manifest {
  const dir = mkdtempSync(join(tmpdir(), 'nff-manifest-'));
  try {
    const output = join(dir, 'functions.json');
    const bin = discoveryBin(functionsDir);
    const run = spawnSync(process.execPath, [bin, functionsDir], {
      cwd: functionsDir,
      encoding: 'utf8',
      env: { ...process.env, FUNCTIONS_MANIFEST_OUTPUT_PATH: output, GCLOUD_PROJECT: projectId, FUNCTIONS_CONTROL_API: 'true' },
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`firebase-functions discovery failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
    return JSON.parse(readFileSync(output, 'utf8')) as Manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
