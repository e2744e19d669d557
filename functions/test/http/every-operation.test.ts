/**
 * What the app-wide middleware answers on every operation of the contract,
 * whatever its method: the body size limit runs before routing and
 * authentication, so an oversized body is 413 PAYLOAD_TOO_LARGE on GET and
 * DELETE too, and openapi.yaml documents that for each operation (the
 * document builder adds it centrally, kernel/contract.ts).
 */
import { stackEnv } from '../../../test/env';
import { assertMatchesContract, concretePath, contractOperations, documentedStatuses } from '../../../test/contract';
import { OVERSIZED_BODY, rawRequest } from '../apikeys/api-keys.helpers';

const operations = contractOperations();

it('the contract has operations to check', () => {
  expect(operations.length).toBeGreaterThan(15);
});

describe.each(operations)('%s %s', (method, path) => {
  it('documents 413', () => {
    expect(documentedStatuses(path, method)).toContain('413');
  });

  it('413 PAYLOAD_TOO_LARGE for an oversized body, before authentication', async () => {
    const response = await rawRequest(`${stackEnv.apiUrl}${concretePath(path)}`, method, {}, OVERSIZED_BODY);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    assertMatchesContract(path, method, response, response.body);
  });
});
