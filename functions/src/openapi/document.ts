/**
 * Builds the OpenAPI document from the operation declarations (operations.ts)
 * and their zod schemas.
 * This is the single source of the contract: `npm run openapi` writes it to
 * ../openapi.yaml (committed), the API serves it at GET /v1/openapi.yaml, and
 * CI fails when the committed file differs from what this produces.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { stringify } from 'yaml';
import { SERVICE_VERSION } from '../version';
import { addEveryOperationResponses } from '../kernel/contract';
import { isProblemCode, PROBLEMS } from '../kernel/problems';
import { operationGroups } from '../operations';
import { registerDocsOpenApi } from './docs.contract';
import { registerOperations } from './operations';

/** Every contract registration, in the order they appear in the document. */
const registrations: Array<(registry: OpenAPIRegistry) => void> = [
  (registry) => registerOperations(registry, operationGroups.health),
  registerDocsOpenApi,
  ...[operationGroups.users, operationGroups.adminUsers, operationGroups.apiKeys, operationGroups.audit, operationGroups.kyc, operationGroups.usage].map(
    (group) => (registry: OpenAPIRegistry) => registerOperations(registry, group),
  ),
];

let cachedYaml: string | undefined;

/**
 * Every problem code a response description names (in backticks) must be in
 * the catalogue (kernel/problems.ts): the contract cannot promise a code no
 * throw site can produce, nor misspell one.
 */
function assertCataloguedCodes(registry: OpenAPIRegistry): void {
  for (const definition of registry.definitions) {
    if (definition.type !== 'route') continue;
    for (const [status, response] of Object.entries(definition.route.responses)) {
      if (!('description' in response)) continue;
      for (const [, code] of (response.description ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)) {
        if (!isProblemCode(code)) throw new Error(`${definition.route.method} ${definition.route.path} ${status}: \`${code}\` is not in the problem catalogue`);
        if (String(PROBLEMS[code].status) !== status) {
          throw new Error(`${definition.route.method} ${definition.route.path} ${status}: \`${code}\` is a ${PROBLEMS[code].status} problem`);
        }
      }
    }
  }
}

/** The OpenAPI 3.0 document as a plain object. */
function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'firebaseIdToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Firebase Auth ID token (any sign-in provider).',
  });
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'A scoped server-to-server API key created by an admin.',
  });
  for (const register of registrations) register(registry);
  addEveryOperationResponses(registry);
  assertCataloguedCodes(registry);
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'NovaFacies onboarding API',
      version: SERVICE_VERSION,
      description:
        'Customer onboarding for fintech apps: identity, profiles, KYC and administration. ' +
        'Errors are RFC 9457 `application/problem+json` bodies with a stable `code`.',
      license: { name: 'Apache-2.0' },
    },
    servers: [
      { url: 'http://127.0.0.1:5001/demo-nff/us-central1/api', description: 'Local emulator suite' },
    ],
    security: [{ firebaseIdToken: [] }, { apiKey: [] }],
  });
}

/** The document serialised as YAML (memoised: it never changes at run time). */
export function openApiYaml(): string {
  cachedYaml ??= stringify(buildOpenApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false });
  return cachedYaml;
}
