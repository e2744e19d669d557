/**
 * Builds the OpenAPI document from the zod schemas every feature registers.
 * This is the single source of the contract: `npm run openapi` writes it to
 * ../openapi.yaml (committed), the API serves it at GET /v1/openapi.yaml, and
 * CI fails when the committed file differs from what this produces.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { stringify } from 'yaml';
import { registerHealthOpenApi } from '../health/health.schemas';
import { registerDocsOpenApi } from '../docs/docs.schemas';
import { SERVICE_VERSION } from '../version';
import { addEveryOperationResponses } from './common.schemas';
import { registerUsersOpenApi } from '../users/users.openapi';
import { registerAdminUsersOpenApi } from '../admin/admin-users.openapi';
import { registerApiKeysOpenApi } from '../apikeys/apikeys.openapi';
import { registerAuditOpenApi } from '../audit/audit.openapi';
import { registerKycOpenApi } from '../kyc/kyc.openapi';
import { registerSessionOpenApi } from '../users/session.schemas';
import { addStepUpResponses } from './step-up';

/** Every feature's contract registration, in the order they appear in the document. */
const registrations = [registerHealthOpenApi, registerDocsOpenApi, registerUsersOpenApi, registerSessionOpenApi, registerAdminUsersOpenApi, registerApiKeysOpenApi, registerAuditOpenApi, registerKycOpenApi];

let cachedYaml: string | undefined;

/** The OpenAPI 3.0 document as a plain object. */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV3['generateDocument']> {
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
  addStepUpResponses(registry);
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
