/**
 * Response shape of GET /v1/me/session (users.operations.ts): what the API sees in the caller's ID token.
 * Apps use it to show how the user signed in, and staff consoles to know
 * whether the session satisfies step-up MFA before calling /v1/admin/*.
 */
import { z } from 'zod';
import { isoDateTime } from '../kernel/primitives';

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
