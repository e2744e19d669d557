/** Contract entries for the contract itself and the interactive explorer. */
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { rateLimitedResponse } from '../kernel/rate-limit.contract';

/** Add GET /v1/openapi.yaml and GET /docs/ to the contract. */
export function registerDocsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/openapi.yaml',
    operationId: 'getOpenApi',
    tags: ['System'],
    summary: 'This OpenAPI document',
    security: [],
    responses: {
      '200': { description: 'The contract, as YAML.', content: { 'application/yaml': { schema: z.string() } } },
      '429': rateLimitedResponse,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs/',
    operationId: 'getDocs',
    tags: ['System'],
    summary: 'Interactive API explorer (Swagger UI, served offline)',
    security: [],
    responses: {
      '200': { description: 'An HTML page.', content: { 'text/html': { schema: z.string() } } },
      '429': rateLimitedResponse,
    },
  });
}
