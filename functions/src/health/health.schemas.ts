/** Contract of GET /v1/health. */
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { problemResponse } from '../openapi/common.schemas';
import { rateLimitedResponse } from '../http/rate-limit.schemas';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    service: z.string().meta({ example: 'novafacies-onboarding-api' }),
    version: z.string().meta({ example: '0.1.0' }),
    node: z.string().meta({ example: 'v20.20.2' }),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

export type Health = z.infer<typeof HealthSchema>;

/** Add the health operation to the contract. */
export function registerHealthOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/health',
    operationId: 'getHealth',
    tags: ['System'],
    summary: 'Liveness and versions',
    security: [],
    responses: {
      '200': { description: 'The service is up.', content: { 'application/json': { schema: HealthSchema } } },
      '429': rateLimitedResponse,
      '500': problemResponse('Unexpected error (`INTERNAL`).'),
    },
  });
}
