/**
 * What the app-wide middleware answers on every operation of the contract,
 * whatever its method: the body size limit runs before routing and
 * authentication, so an oversized body is 413 PAYLOAD_TOO_LARGE on GET and
 * DELETE too, and openapi.yaml documents that for each operation (the
 * document builder adds it centrally, openapi/common.schemas.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { stackEnv } from '../../../test/env';
import { assertMatchesContract, documentedStatuses } from '../../../test/contract';
import { OVERSIZED_BODY, rawRequest } from '../apikeys/api-keys.helpers';

const document = parse(readFileSync(resolve(__dirname, '../../../openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every operation of the contract as [METHOD, path template]. */
const operations: Array<[string, string]> = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => HTTP_METHODS.has(method))
    .map((method): [string, string] => [method.toUpperCase(), path]),
);

/** A concrete URL path for a template (parameter values of the right shape). */
function concrete(path: string): string {
  return path.replace('{uid}', 'some-user').replace('{caseId}', 'kc_0000').replace('{id}', '0123456789abcdef');
}

it('the contract has operations to check', () => {
  expect(operations.length).toBeGreaterThan(15);
});

describe.each(operations)('%s %s', (method, path) => {
  it('documents 413', () => {
    expect(documentedStatuses(path, method)).toContain('413');
  });

  it('413 PAYLOAD_TOO_LARGE for an oversized body, before authentication', async () => {
    const response = await rawRequest(`${stackEnv.apiUrl}${concrete(path)}`, method, {}, OVERSIZED_BODY);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    assertMatchesContract(path, method, response, response.body);
  });
});
