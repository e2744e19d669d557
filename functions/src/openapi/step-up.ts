/**
 * Step-up MFA in the contract: every /v1/admin/* operation can answer 401
 * MFA_REQUIRED (http/auth.ts,
 * kernel/principal.ts needsStepUp) when staff call it with an ID token whose
 * sign-in used no second factor. Added here for all of them at once, like
 * addEveryOperationResponses, so no admin route can forget it.
 */
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { problemResponse } from '../kernel/contract';
import { STEP_UP_PATH_PREFIX } from '../kernel/principal';

const STEP_UP_NOTE =
  ' When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a ' +
  'sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` ' +
  '(RFC 9470): sign in again with multi-factor authentication. API keys are not affected.';

const wwwAuthenticate = {
  'WWW-Authenticate': {
    description: 'With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470).',
    schema: { type: 'string' as const },
  },
};

/** Add MFA_REQUIRED to the 401 of every /v1/admin/* operation (call after every feature registered). */
export function addStepUpResponses(registry: OpenAPIRegistry): void {
  for (const definition of registry.definitions) {
    if (definition.type !== 'route' || !definition.route.path.startsWith(STEP_UP_PATH_PREFIX)) continue;
    const { responses } = definition.route;
    const declared = responses['401'];
    const current: ResponseConfig =
      declared && 'description' in declared ? declared : problemResponse('Missing, invalid, expired or revoked credentials.');
    // A new object: 401 responses are shared between operations, admin and not.
    responses['401'] = { ...current, description: current.description + STEP_UP_NOTE, headers: wwwAuthenticate };
  }
}
