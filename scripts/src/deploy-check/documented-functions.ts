/**
 * Check (b), the pure half: does the manifest `firebase deploy` would read
 * (firebase-functions' discovery of functions/lib) match what the README's
 * "Deploying" section documents — every function with its trigger, region
 * and secrets, every param with its default?
 *
 * The README tables are the documentation users read; this module parses them
 * (rows starting with "| `name`") and compares them with the manifest, so the
 * two cannot drift apart silently.
 */
import type { CheckResult } from './runtime-support';

/** The parts of firebase-functions' wire manifest (specVersion v1alpha1) we check. */
export interface Manifest {
  endpoints: Record<string, ManifestEndpoint>;
  params?: { name: string; type: string; default?: unknown }[];
}

export interface ManifestEndpoint {
  region?: string[];
  secretEnvironmentVariables?: { key: string }[];
  httpsTrigger?: object;
  scheduleTrigger?: { schedule: string };
  eventTrigger?: {
    eventType: string;
    eventFilterPathPatterns?: Record<string, string>;
    eventFilters?: Record<string, string>;
    retry?: boolean;
  };
}

export interface DocumentedFunction {
  name: string;
  trigger: string;
  region: string;
  secrets: string[];
}

export interface DocumentedParam {
  name: string;
  default: string;
}

/** The canonical one-line description of a trigger, as the README writes it. */
export function describeTrigger(endpoint: ManifestEndpoint): string {
  if (endpoint.httpsTrigger) return 'https';
  if (endpoint.scheduleTrigger) return `schedule ${endpoint.scheduleTrigger.schedule}`;
  const event = endpoint.eventTrigger;
  if (!event) return 'unknown';
  const retry = event.retry ? ' (retry)' : '';
  const firestore = /^google\.cloud\.firestore\.document\.v1\.(\w+)$/.exec(event.eventType);
  if (firestore) return `firestore ${firestore[1]} ${event.eventFilterPathPatterns?.document ?? event.eventFilters?.document ?? '?'}${retry}`;
  const auth = /^providers\/firebase\.auth\/eventTypes\/(.+)$/.exec(event.eventType);
  if (auth) return `auth ${auth[1]}${retry}`;
  return `${event.eventType}${retry}`;
}

/** Table cells of the rows of a markdown table whose first cell is `code`. */
function codeRows(markdown: string, header: string): string[][] {
  const start = markdown.indexOf(header);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of markdown.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells[0]?.startsWith('`')) rows.push(cells.map((c) => c.replace(/`/g, '')));
  }
  return rows;
}

/** The "| function | trigger | region | secrets |" table of the README. */
export function documentedFunctions(readme: string): DocumentedFunction[] {
  return codeRows(readme, '| function | trigger | region | secrets |').map(([name = '', trigger = '', region = '', secrets = '']) => ({
    name,
    trigger,
    region,
    secrets: secrets === '—' ? [] : secrets.split(',').map((s) => s.trim()).filter(Boolean).sort(),
  }));
}

/** The "| param | meaning | default |" table of the README. */
export function documentedParams(readme: string): DocumentedParam[] {
  return codeRows(readme, '| param | meaning | default |').map(([name = '', , def = '']) => ({ name, default: def === '—' ? '' : def }));
}

/** Pure: every difference between the manifest and the README, or ok. */
export function compareWithReadme(manifest: Manifest, readme: string): CheckResult {
  const lines: string[] = [];
  const problems: string[] = [];
  const docs = new Map(documentedFunctions(readme).map((f) => [f.name, f]));
  if (docs.size === 0) problems.push('README: no "| function | trigger | region | secrets |" table found');
  for (const [name, endpoint] of Object.entries(manifest.endpoints)) {
    const doc = docs.get(name);
    docs.delete(name);
    const actual = {
      trigger: describeTrigger(endpoint),
      region: (endpoint.region ?? []).join(', '),
      secrets: (endpoint.secretEnvironmentVariables ?? []).map((s) => s.key).sort(),
    };
    if (!doc) {
      problems.push(`function ${name} (${actual.trigger}) is deployed but not documented in the README`);
      continue;
    }
    if (doc.trigger !== actual.trigger) problems.push(`function ${name}: trigger is "${actual.trigger}", README says "${doc.trigger}"`);
    if (doc.region !== actual.region) problems.push(`function ${name}: region is ${actual.region}, README says ${doc.region}`);
    if (doc.secrets.join(',') !== actual.secrets.join(',')) {
      problems.push(`function ${name}: secrets are [${actual.secrets.join(', ')}], README says [${doc.secrets.join(', ')}]`);
    }
    lines.push(`function ${name}: ${actual.trigger}, ${actual.region}, secrets [${actual.secrets.join(', ')}]`);
  }
  for (const name of docs.keys()) problems.push(`function ${name} is documented in the README but not in the manifest`);

  const docParams = new Map(documentedParams(readme).map((p) => [p.name, p]));
  for (const param of manifest.params ?? []) {
    if (param.type === 'secret') continue; // secrets are checked per function above
    const doc = docParams.get(param.name);
    docParams.delete(param.name);
    const def = param.default === undefined ? '' : String(param.default);
    if (!doc) problems.push(`param ${param.name} is not documented in the README`);
    else if (doc.default !== def) problems.push(`param ${param.name}: default is "${def}", README says "${doc.default}"`);
  }
  for (const name of docParams.keys()) problems.push(`param ${name} is documented in the README but not defined by the functions`);
  lines.push(`${(manifest.params ?? []).filter((p) => p.type !== 'secret').length} params match the README`);
  return problems.length ? { ok: false, lines: problems } : { ok: true, lines };
}
