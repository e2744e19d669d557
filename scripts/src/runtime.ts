/**
 * The Node.js runtime the functions are deployed on, read from firebase.json
 * (`functions[].runtime`, e.g. "nodejs24"), and the check that the Node
 * running this process has the same major. Every way of running the functions
 * here (jest, the launcher and the Functions emulator's workers, proof suites,
 * benchmarks) goes through an npm script, which puts node_modules/.bin first on
 * PATH: that is where the `node-linux-*` package the root package.json pins
 * links its `node` binary, so the project brings its own Node whatever the
 * system Node is.
 */
import { readFirebaseJson } from './config';

/** The Node major of firebase.json's functions runtime (24 for "nodejs24"). */
export function deployedNodeMajor(): number {
  const functions = readFirebaseJson().functions ?? [];
  const runtimes = new Set(functions.map((f) => f.runtime));
  if (runtimes.size !== 1) throw new Error(`firebase.json: expected one functions runtime, found ${[...runtimes].join(', ') || 'none'}`);
  return nodeMajorOfRuntime([...runtimes][0] ?? '');
}

/** "nodejs24" → 24; anything else is refused. */
export function nodeMajorOfRuntime(runtime: string): number {
  const match = /^nodejs(\d+)$/.exec(runtime);
  if (!match) throw new Error(`firebase.json: functions runtime "${runtime}" is not a Node.js runtime (expected nodejsNN)`);
  return Number(match[1]);
}

/** The major version of a `process.version`-style string ("v24.22.3" → 24). */
export function majorOf(version: string): number {
  return Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
}

/**
 * Throws unless this process runs on the deployed runtime's Node major, with
 * the way out in the message (the npm scripts run the project's own Node).
 */
export function assertDeployedNodeMajor(what: string): void {
  const wanted = deployedNodeMajor();
  const running = majorOf(process.version);
  if (running !== wanted) {
    throw new Error(
      `${what} must run on Node ${wanted} (firebase.json runtime nodejs${wanted}), but this is Node ${process.version} ` +
        `(${process.execPath}). Run it through npm (\`npm start\`, \`npm test\`): npm scripts use the Node that ` +
        '`npm ci` installs in node_modules/.bin. On a platform without a node-<os>-<arch> package, install that Node yourself.',
    );
  }
}
