/**
 * Federated sign-in, sessions and MFA through the Auth emulator's REST API,
 * exactly the calls the Firebase client SDKs make:
 *  - accounts:signInWithIdp with the emulator's fake IdP credentials (an
 *    unsigned JSON id_token; the emulator checks only that `sub` is present),
 *    for google.com, apple.com and generic OIDC providers (`oidc.<name>`);
 *  - securetoken refresh (grant_type=refresh_token);
 *  - phone MFA: mfaEnrollment:start/finalize and mfaSignIn:start/finalize,
 *    the SMS code read from the emulator's verificationCodes endpoint.
 * Production differs only in that the IdP's id_token must be genuinely signed.
 */
import { randomUUID } from 'node:crypto';
import { stackEnv } from './env';

const V1 = '/identitytoolkit.googleapis.com/v1';
const V2 = '/identitytoolkit.googleapis.com/v2';
const KEY = 'key=demo-api-key';

/** The providers the API is proven with; any `oidc.<name>` works the same way. */
export const FEDERATED_PROVIDERS = ['google.com', 'apple.com', 'oidc.acme'] as const;
export type FederatedProvider = (typeof FEDERATED_PROVIDERS)[number];

export interface Tokens {
  uid: string;
  idToken: string;
  refreshToken: string;
}

/** An Auth REST failure, with the emulator's error message (e.g. USER_DISABLED). */
export class AuthRestError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(`Auth emulator answered ${status} ${reason}`);
  }
}

async function post<T>(url: string, body: unknown, form = false): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new AuthRestError(response.status, json.error?.message ?? 'unknown');
  return json;
}

const toolkit = <T>(path: string, body: unknown, version = V1): Promise<T> => post<T>(`${stackEnv.authUrl}${version}/${path}?${KEY}`, body);

/** Claims an IdP would put in its id_token; `sub` is the provider's user id. */
export interface IdpClaims {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** Fresh IdP claims with a verified email, unless overridden. */
export function idpClaims(overrides: Partial<IdpClaims> = {}): IdpClaims {
  const id = randomUUID();
  return { sub: `idp-${id}`, email: `fed-${id}@example.test`, email_verified: true, name: 'Fed Erated', ...overrides };
}

export interface IdpSignIn extends Partial<Tokens> {
  isNewUser?: boolean;
  needConfirmation?: boolean;
  mfaPendingCredential?: string;
  mfaInfo?: { mfaEnrollmentId: string }[];
  email?: string;
  emailVerified?: boolean;
}

/**
 * accounts:signInWithIdp with a fake id_token. With `linkTo` (an ID token),
 * the provider is linked to that signed-in account instead (what
 * linkWithCredential sends).
 */
export async function signInWithIdp(providerId: string, claims: IdpClaims, linkTo?: string): Promise<IdpSignIn> {
  const result = await toolkit<IdpSignIn & { localId?: string }>('accounts:signInWithIdp', {
    postBody: new URLSearchParams({ id_token: JSON.stringify(claims), providerId }).toString(),
    requestUri: 'http://localhost',
    returnSecureToken: true,
    returnIdpCredential: true,
    ...(linkTo ? { idToken: linkTo } : {}),
  });
  return { ...result, uid: result.localId };
}

/** signInWithIdp that must end with tokens (no confirmation, no MFA). */
export async function federatedUser(providerId: string, claims: IdpClaims = idpClaims()): Promise<Tokens & { claims: IdpClaims }> {
  const result = await signInWithIdp(providerId, claims);
  if (!result.uid || !result.idToken || !result.refreshToken) throw new Error(`signInWithIdp(${providerId}) gave no tokens: ${JSON.stringify(result)}`);
  return { uid: result.uid, idToken: result.idToken, refreshToken: result.refreshToken, claims };
}

/** Exchange a refresh token at the securetoken API (what the SDKs do before an ID token expires). */
export async function refresh(refreshToken: string): Promise<Tokens & { expiresIn: number }> {
  const result = await post<{ id_token: string; refresh_token: string; user_id: string; expires_in: string }>(
    `${stackEnv.authUrl}/securetoken.googleapis.com/v1/token?${KEY}`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    true,
  );
  return { uid: result.user_id, idToken: result.id_token, refreshToken: result.refresh_token, expiresIn: Number(result.expires_in) };
}

/** The SMS code the emulator "sent" for a phone verification session. */
async function smsCode(sessionInfo: string): Promise<string> {
  const response = await fetch(`${stackEnv.authUrl}/emulator/v1/projects/${stackEnv.projectId}/verificationCodes`);
  const { verificationCodes } = (await response.json()) as { verificationCodes: { sessionInfo: string; code: string }[] };
  const match = verificationCodes.find((entry) => entry.sessionInfo === sessionInfo);
  if (!match) throw new Error('the Auth emulator holds no SMS code for this session');
  return match.code;
}

/**
 * Enrol a phone second factor for a signed-in user (their email must be
 * verified, as in production). Returns the tokens Auth issues on enrolment,
 * which already carry `sign_in_second_factor: phone`.
 */
export async function enrollPhoneMfa(idToken: string, phoneNumber = `+1555${String(Date.now()).slice(-7)}`): Promise<Tokens & { phoneNumber: string }> {
  const start = await toolkit<{ phoneSessionInfo: { sessionInfo: string } }>('accounts/mfaEnrollment:start', { idToken, phoneEnrollmentInfo: { phoneNumber } }, V2);
  const { sessionInfo } = start.phoneSessionInfo;
  const done = await toolkit<{ idToken: string; refreshToken: string }>(
    'accounts/mfaEnrollment:finalize',
    { idToken, phoneVerificationInfo: { sessionInfo, code: await smsCode(sessionInfo) }, displayName: 'work phone' },
    V2,
  );
  const uid = claimsOf(done.idToken).user_id as string;
  return { uid, idToken: done.idToken, refreshToken: done.refreshToken, phoneNumber };
}

/** Second step of a sign-in that answered with an MFA pending credential: SMS code → tokens. */
export async function completeMfaSignIn(pending: { mfaPendingCredential?: string; mfaInfo?: { mfaEnrollmentId: string }[] }): Promise<Tokens> {
  if (!pending.mfaPendingCredential || !pending.mfaInfo?.length) throw new Error('the sign-in did not ask for a second factor');
  const start = await toolkit<{ phoneResponseInfo: { sessionInfo: string } }>(
    'accounts/mfaSignIn:start',
    { mfaPendingCredential: pending.mfaPendingCredential, mfaEnrollmentId: pending.mfaInfo[0].mfaEnrollmentId, phoneSignInInfo: {} },
    V2,
  );
  const { sessionInfo } = start.phoneResponseInfo;
  const done = await toolkit<{ idToken: string; refreshToken: string }>(
    'accounts/mfaSignIn:finalize',
    { mfaPendingCredential: pending.mfaPendingCredential, phoneVerificationInfo: { sessionInfo, code: await smsCode(sessionInfo) } },
    V2,
  );
  return { uid: claimsOf(done.idToken).user_id as string, idToken: done.idToken, refreshToken: done.refreshToken };
}

/** Email/password sign-in that may stop at the second factor (what signInWithEmailAndPassword does). */
export function passwordSignIn(email: string, password: string): Promise<IdpSignIn & { localId?: string }> {
  return toolkit('accounts:signInWithPassword', { email, password, returnSecureToken: true });
}

/** The (unverified) payload of an ID token, for asserting what Auth put in it. */
export function claimsOf(idToken: string): Record<string, unknown> & { firebase: Record<string, unknown> } {
  return JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()) as Record<string, unknown> & { firebase: Record<string, unknown> };
}
