/** GET /v1/health: liveness with versions; touches no dependency so it stays cheap. */
import { z } from 'zod';
import { operationsOver } from '../kernel/operation';
import { SERVICE_NAME, SERVICE_VERSION } from '../version';
import { problemResponse } from '../kernel/contract';
import { rateLimitedResponse } from '../kernel/rate-limit.contract';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    service: z.string().meta({ example: 'novafacies-onboarding-api' }),
    version: z.string().meta({ example: '0.1.0' }),
    node: z.string().meta({ example: 'v20.20.2' }),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });

type Health = z.infer<typeof HealthSchema>;

const operation = operationsOver<unknown>();

/** The health operation. */
export const healthOperations = [
  operation({
    method: 'get',
    path: '/v1/health',
    access: { kind: 'public' },
    docs: {
      operationId: 'getHealth',
      tags: ['System'],
      summary: 'Liveness and versions',
      security: [],
      responses: {
        '200': { description: 'The service is up.', content: { 'application/json': { schema: HealthSchema } } },
        '429': rateLimitedResponse,
        '500': problemResponse('Unexpected error (`INTERNAL`).'),
      },
    },
    handle: async () => {
      const body: Health = { status: 'ok', service: SERVICE_NAME, version: SERVICE_VERSION, node: process.version, time: new Date().toISOString() };
      return { body };
    },
  }),
];
