/**
 * The profile operations (POST /v1/users, /v1/me, /v1/me/export,
 * /v1/me/session), each
 * declared once: route, access, input, contract entry with every status it
 * can answer, and handler. Sign-up is public; every /me operation needs a
 * user identity (API keys → 403 USER_REQUIRED), and authenticate() has
 * already refused disabled, deleted and revoked users (401) on this request.
 */
import { z } from 'zod';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { problemResponse, rateLimited, internalError } from '../kernel/contract';
import { operationsOver, type Reply } from '../kernel/operation';
import type { AccountService } from './account.service';
import { etagOf } from './etag';
import type { UsersService } from './users.service';
import { sessionOf } from './session';
import { SessionSchema } from './session.schemas';
import { DataExportSchema, ProfileSchema, ProfileUpdateSchema, SignUpSchema, type Profile } from './users.schemas';

/** The services the profile operations call. */
export interface UsersOperationServices {
  users: UsersService;
  account: AccountService;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

export const EtagHeaderSchema = z.object({
  ETag: z.string().meta({ description: 'The profile version as a strong entity tag; send it back in If-Match.', example: '"3"' }),
});

export const IfMatchHeaderSchema = z.object({
  'If-Match': z.string().optional().meta({ description: 'ETag of the version the change is based on; 412 when the profile changed since.', example: '"3"' }),
});

/** Error responses of authenticated operations, described once. */
export const authErrors = {
  '400': problemResponse('Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent).'),
  '401': problemResponse('Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`).'),
  '429': rateLimited,
  '500': internalError,
} satisfies Record<string, ResponseConfig>;

const meForbidden = problemResponse(
  'A valid identity that may not use this route: an API key (`USER_REQUIRED`), or a profile that is disabled or deleted (`ACCOUNT_DISABLED`, `ACCOUNT_DELETED`).',
);
const tooLarge = problemResponse('Request body too large (`PAYLOAD_TOO_LARGE`).');
const userOnly = [{ firebaseIdToken: [] }];

const operation = operationsOver<UsersOperationServices>();

/** A profile with its ETag; a personal resource, so never stored by shared caches. */
function profileReply(profile: Profile, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...headers, ETag: etagOf(profile.version), 'Cache-Control': 'private, no-store' }, body: profile };
}

/** The profile operations, in contract order. */
export const usersOperations = [
  operation({
    method: 'post',
    path: '/v1/users',
    access: { kind: 'public' },
    budget: 'signUpsPerIp',
    request: { body: SignUpSchema },
    docs: {
      operationId: 'signUp',
      tags: ['Profile'],
      summary: 'Sign up with email and password (REST clients)',
      description:
        'Creates the Firebase Auth account and its profile. The client then signs in with Firebase Auth ' +
        "(e.g. the Identity Toolkit REST API's `accounts:signInWithPassword`) to get an ID token.",
      security: [],
      responses: {
        '201': {
          description: 'The account and profile were created.',
          headers: EtagHeaderSchema.extend({ Location: z.string().meta({ description: 'The profile, relative to this URL (`me`, i.e. /v1/me).', example: 'me' }) }),
          content: json(ProfileSchema),
        },
        '400': problemResponse('Invalid fields (`VALIDATION_FAILED`) or a password that is too weak (`WEAK_PASSWORD`, path `password`).'),
        '409': problemResponse(
          'An account with this email already exists (`EMAIL_EXISTS`): the same body whatever the account (password or federated, ' +
            "active, disabled or deleted), revealing no more than Firebase Auth's own sign-up does.",
        ),
        '413': tooLarge,
        '429': problemResponse(
          'Too many requests (`RATE_LIMITED`): sign-ups have a per-IP budget of their own (param SIGNUPS_PER_MINUTE_IP, default 10 a minute), ' +
            'failed attempts included; retry after `Retry-After` seconds.',
        ),
        '500': authErrors['500'],
      },
    },
    handle: async ({ body, ctx }, { users }) => {
      const profile = await users.signUp(body, ctx);
      // Relative to .../v1/users, so it resolves under whatever prefix the function is mounted at.
      return profileReply(profile, 201, { Location: 'me' });
    },
  }),
  operation({
    method: 'get',
    path: '/v1/me',
    access: { kind: 'user' },
    docs: {
      operationId: 'getMe',
      tags: ['Profile'],
      summary: 'Your profile',
      description: 'Created on first use if the sign-up trigger has not created it yet.',
      security: userOnly,
      responses: {
        '200': { description: 'The profile.', headers: EtagHeaderSchema, content: json(ProfileSchema) },
        ...authErrors,
        '403': meForbidden,
      },
    },
    handle: async (input, { users }) => profileReply(await users.getMe(input.user(), input.ctx)),
  }),
  operation({
    method: 'patch',
    path: '/v1/me',
    access: { kind: 'user' },
    request: { body: ProfileUpdateSchema },
    docs: {
      operationId: 'updateMe',
      tags: ['Profile'],
      summary: 'Change your profile',
      description:
        'Only the fields of `ProfileUpdate`; any other field (roles, status, kycStatus, uid, email, version, ...) is refused ' +
        'with 400 `VALIDATION_FAILED` naming each one. Values are normalised (trimmed, phone to E.164, country codes upper case, ' +
        'canonical locale). With `If-Match`, the change applies only to that version.',
      security: userOnly,
      responses: {
        '200': { description: 'The updated profile (version incremented).', headers: EtagHeaderSchema, content: json(ProfileSchema) },
        ...authErrors,
        '403': meForbidden,
        '412': problemResponse('The profile changed since the `If-Match` version (`PRECONDITION_FAILED`); read it again.'),
        '413': tooLarge,
      },
      requestHeaders: IfMatchHeaderSchema,
    },
    handle: async (input, { users }) => profileReply(await users.updateMe(input.user(), input.body, input.header('if-match'), input.ctx)),
  }),
  operation({
    method: 'delete',
    path: '/v1/me',
    access: { kind: 'user' },
    docs: {
      operationId: 'eraseMe',
      tags: ['Profile'],
      summary: 'Erase your account and personal data (GDPR)',
      description:
        'Replaces the profile by a tombstone `{uid, status: deleted, erasedAt}` (from then on no KYC case can be opened: ' +
        '403 `ACCOUNT_DELETED`), deletes the KYC cases with their history, pseudonymises the audit entries about you and your ' +
        'cases (a random pseudonym, no IP or user agent kept) and deletes the Auth account. Irreversible.',
      security: userOnly,
      responses: {
        '204': { description: 'Erased.' },
        ...authErrors,
        '403': meForbidden,
      },
    },
    handle: async (input, { account }) => {
      await account.erase(input.user(), input.ctx);
      return { status: 204 };
    },
  }),
  operation({
    method: 'get',
    path: '/v1/me/export',
    access: { kind: 'user' },
    docs: {
      operationId: 'exportMe',
      tags: ['Profile'],
      summary: 'Export all data held about you (GDPR)',
      description:
        'Every audit entry where you are the actor or the target, however many. On entries where staff or an API key acted ' +
        'on you, the actor is reduced to its type with id `staff` (their identity, IP and user agent are not your data).',
      security: userOnly,
      responses: {
        '200': { description: 'Profile, Auth account summary, KYC cases with their history, and audit entries about you.', content: json(DataExportSchema) },
        ...authErrors,
        '403': meForbidden,
      },
    },
    handle: async (input, { account }) => ({
      headers: { 'Cache-Control': 'private, no-store', 'Content-Disposition': 'attachment; filename="novafacies-data-export.json"' },
      body: await account.export(input.user(), input.ctx),
    }),
  }),
  operation({
    method: 'get',
    path: '/v1/me/session',
    access: { kind: 'user' },
    docs: {
      operationId: 'getSession',
      tags: ['Profile'],
      summary: 'How you signed in',
      description: 'What the API reads from your ID token: sign-in provider, second factor, linked identities and token times. Reads no data.',
      security: userOnly,
      responses: {
        '200': { description: 'The session.', content: json(SessionSchema) },
        ...authErrors,
        '403': problemResponse('An API key (`USER_REQUIRED`): a key has no session.'),
      },
    },
    handle: async (input) => ({ headers: { 'Cache-Control': 'private, no-store' }, body: sessionOf(input.user()) }),
  }),
];
