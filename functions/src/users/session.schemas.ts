/**
 * Contract of GET /v1/me/session: what the API sees in the caller's ID token.
 * Apps use it to show how the user signed in, and staff consoles to know
 * whether the session satisfies step-up MFA before calling /v1/admin/*.
 */
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { isoDateTime } from '../openapi/primitives';
import { problemResponse } from '../openapi/common.schemas';
import { authErrors } from './users.openapi';

export const SessionSchema = z
  .object({
    uid: z.string().meta({ example: 'mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w' }),
    signInProvider: z
      .string()
      .meta({ description: 'Provider of the sign-in that issued the token (`firebase.sign_in_provider`): `password`, `google.com`, `apple.com`, `oidc.<name>`, `custom`...', example: 'google.com' }),
    secondFactor: z.string().nullable().meta({ description: 'Second factor of that sign-in (`firebase.sign_in_second_factor`, e.g. `phone`, `totp`), or null.', example: null }),
    emailVerified: z.boolean().meta({ description: 'Whether the account email is verified (the token\'s `email_verified`).' }),
    identities: z.array(z.string()).meta({ description: 'Providers linked to the account (`firebase.identities` keys).', example: ['email', 'google.com'] }),
    authTime: isoDateTime.meta({ description: 'When the user last signed in (refreshes keep it).' }),
    issuedAt: isoDateTime.meta({ description: 'When this ID token was issued.' }),
    expiresAt: isoDateTime.meta({ description: 'When this ID token expires (one hour after issue); refresh before.' }),
    staffMfaSatisfied: z.boolean().meta({ description: 'Whether this token may call /v1/admin/* when step-up MFA is required (staff only; true for users with no role, who are not challenged).' }),
  })
  .meta({ id: 'Session', description: 'The caller\'s ID token as the API reads it.' });

export type Session = z.infer<typeof SessionSchema>;

/** Add the session operation to the contract. */
export function registerSessionOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/me/session',
    operationId: 'getSession',
    tags: ['Profile'],
    summary: 'How you signed in',
    description: 'What the API reads from your ID token: sign-in provider, second factor, linked identities and token times. Reads no data.',
    security: [{ firebaseIdToken: [] }],
    responses: {
      '200': { description: 'The session.', content: { 'application/json': { schema: SessionSchema } } },
      ...authErrors,
      '403': problemResponse('An API key (`USER_REQUIRED`): a key has no session.'),
    },
  });
}
