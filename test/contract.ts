/**
 * Validates real HTTP responses against the committed openapi.yaml, so a test
 * that calls the API also proves the contract describes what it returned.
 *
 * The whole document is registered with Ajv once; each (path, method, status,
 * media type) resolves by JSON pointer into it, so `$ref`s to components
 * resolve exactly as the document states them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const DOCUMENT_ID = 'openapi.json';
const openApi = parse(readFileSync(resolve(__dirname, '../openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};
// strict: false because OpenAPI 3.0 schemas carry keywords JSON Schema lacks (example, nullable...).
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openApi, DOCUMENT_ID);

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The operation's documented statuses, for "every status is exercised" checks. */
export function documentedStatuses(path: string, method: string): string[] {
  return Object.keys(openApi.paths[path]?.[method.toLowerCase()]?.responses ?? {});
}

/**
 * Throw unless the response (status, media type, JSON body) is one the contract
 * documents for the operation.
 */
export function assertMatchesContract(
  path: string,
  method: string,
  response: { status: number; headers: Headers },
  body: unknown,
): void {
  const lower = method.toLowerCase();
  const operation = openApi.paths[path]?.[lower];
  if (!operation) throw new Error(`${method} ${path} is not in openapi.yaml`);
  const documented = operation.responses[String(response.status)];
  if (!documented) throw new Error(`${method} ${path} returned ${response.status}, which openapi.yaml does not document`);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (!documented.content) return;
  if (!(mediaType in documented.content)) {
    throw new Error(`${method} ${path} ${response.status} returned ${mediaType}; documented: ${Object.keys(documented.content).join(', ')}`);
  }
  const pointer = ['paths', path, lower, 'responses', String(response.status), 'content', mediaType, 'schema'].map(escapePointer).join('/');
  const validate = ajv.getSchema(`${DOCUMENT_ID}#/${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  if (!validate(body)) {
    throw new Error(`${method} ${path} ${response.status} body violates the contract: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every operation of the contract as [METHOD, path template]. */
export function contractOperations(): Array<[string, string]> {
  return Object.entries(openApi.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => HTTP_METHODS.has(method))
      .map((method): [string, string] => [method.toUpperCase(), path]),
  );
}

/** A concrete URL path for a template, with parameter values of the right shape. */
export function concretePath(path: string): string {
  return path.replace('{uid}', 'some-user').replace('{caseId}', 'kc_0000').replace('{id}', '0123456789abcdef');
}
