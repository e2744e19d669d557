/**
 * GENERATED from openapi.yaml by openapi-typescript 7.13.0 — do not edit.
 * Regenerate with `npm run openapi` (writes openapi.yaml from the zod schemas,
 * then this file); `npm run openapi:check` fails while this file is stale.
 * The console reads these types through src/types.ts.
 */

export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and versions */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Interactive API explorer (Swagger UI, served offline) */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up with email and password (REST clients)
         * @description Creates the Firebase Auth account and its profile. The client then signs in with Firebase Auth (e.g. the Identity Toolkit REST API's `accounts:signInWithPassword`) to get an ID token.
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your profile
         * @description Created on first use if the sign-up trigger has not created it yet.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Erase your account and personal data (GDPR)
         * @description Replaces the profile by a tombstone `{uid, status: deleted, erasedAt}` (from then on no KYC case can be opened: 403 `ACCOUNT_DELETED`), deletes the KYC cases with their history, pseudonymises the audit entries about you and your cases (a random pseudonym, no IP or user agent kept) and deletes the Auth account. Irreversible.
         */
        delete: operations["eraseMe"];
        options?: never;
        head?: never;
        /**
         * Change your profile
         * @description Only the fields of `ProfileUpdate`; any other field (roles, status, kycStatus, uid, email, version, ...) is refused with 400 `VALIDATION_FAILED` naming each one. Values are normalised (trimmed, phone to E.164, country codes upper case, canonical locale). With `If-Match`, the change applies only to that version.
         */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export all data held about you (GDPR)
         * @description Every audit entry where you are the actor or the target, however many. On entries where staff or an API key acted on you, the actor is reduced to its type with id `staff` (their identity, IP and user agent are not your data).
         */
        get: operations["exportMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How you signed in
         * @description What the API reads from your ID token: sign-in provider, second factor, linked identities and token times. Reads no data.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users (admin, or API key scope users:read)
         * @description Filters combine with AND. Ordered by uid, or by email then uid with `emailPrefix`; the cursor resumes strictly after the last user returned, so paging returns every user exactly once even while users are added.
         */
        get: operations["adminListUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user: profile, Auth account summary and KYC cases (admin) */
        get: operations["adminGetUser"];
        put?: never;
        post?: never;
        /**
         * Soft-delete a user (admin)
         * @description Sets status `deleted` with deletedAt/deletedBy, disables the Auth account and revokes its sessions. The profile data is kept (use the user's own erasure for GDPR deletion). Deleting a deleted user again is a no-op. Audited.
         */
        delete: operations["adminDeleteUser"];
        options?: never;
        head?: never;
        /**
         * Change roles or status (admin)
         * @description The profile is written first (If-Match is checked in the same transaction), then Auth follows it. `roles` replaces the profile roles; the custom claims are rebuilt from the profile and the latest KYC case (`roles`, `kyc`). An added role arrives with the user's next token; when a role is removed, the user's sessions are revoked, so tokens still carrying it are refused at once (401 `TOKEN_REVOKED`) and the user must sign in again. `status: disabled` disables the Auth account and revokes its sessions, so its current tokens are refused at once; `active` re-enables it. A request that changes nothing does not change the version. Audited.
         */
        patch: operations["adminUpdateUser"];
        trace?: never;
    };
    "/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys (never their secrets)
         * @description Newest first, cursor pagination. `status` is `active`, `expired` or `revoked`.
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key (the secret is shown once)
         * @description Admins only, signed in as users. Only a SHA-256 hash of the secret is stored; the response is the one chance to copy it. Audited (`apiKey.create`).
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Effective at once. Idempotent: revoking a revoked key is also 204. Audited (`apiKey.revoke`).
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the audit log
         * @description Newest first (ties by entry id), filtered by actor, target, action and time; cursor pagination. For admins and API keys with scope `audit:read`. Entries are append-only: no operation changes or deletes them.
         */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/kyc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your current KYC case, its history and what to do next */
        get: operations["getMyKyc"];
        put?: never;
        /**
         * Open a KYC case (or resubmit)
         * @description Opens a case in status `submitted`; the identity check then starts at the provider. When the current case is `resubmission_required`, the same case is resubmitted with the new data (attempt + 1, up to `maxAttempts`). With `Idempotency-Key`, a retry with the same key and body replays the first response (`Idempotent-Replayed: true`).
         */
        post: operations["submitKyc"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/kyc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signed callback of the KYC provider
         * @description Authenticated by `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>` (several `v1` while a secret rotates; timestamps more than 5 minutes off are refused). Events are de-duplicated by `id`; events older than the last one applied to the case are ignored. Every verified event is acknowledged with 200 so the provider stops retrying.
         */
        post: operations["kycWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/kyc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Review queue
         * @description Cases least recently updated first, optionally of one status. Admin or support role only: the queue carries applicants’ personal data, so no API key may read it.
         */
        get: operations["listKycCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/kyc/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One case with its event timeline
         * @description The case as the review queue shows it, plus its status changes (oldest first) from the case’s event log: who made each change and why. Admin or support role only, like the queue (applicants’ personal data; no API key).
         */
        get: operations["getKycCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/kyc/{caseId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Manual decision on a case
         * @description Admin only. Approve, reject or request resubmission, with a reason (shown to the applicant and audited).
         */
        post: operations["decideKycCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API usage and the KYC funnel
         * @description Requests per UTC day by operation and status class, rate-limit refusals and traffic per API key, from counters each API instance keeps in memory and adds to Firestore periodically (see `counting`); and the KYC funnel of the cases opened in the range. Admins only; at most 31 days.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "ok";
            /** @example novafacies-onboarding-api */
            service: string;
            /** @example 0.1.0 */
            version: string;
            /** @example v20.20.2 */
            node: string;
            /** Format: date-time */
            time: string;
        };
        /** @description RFC 9457 problem details with a stable `code`. */
        Problem: {
            /** @example https://novafacies.dev/problems/validation-failed */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            /**
             * @description Stable, machine-readable error code.
             * @example VALIDATION_FAILED
             */
            code: string;
            requestId?: string;
            errors?: components["schemas"]["FieldError"][];
        };
        FieldError: {
            /** @example document.number */
            path: string;
            message: string;
        };
        /**
         * @description A user profile (users/{uid}).
         * @example {
         *       "uid": "mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w",
         *       "email": "ada@example.com",
         *       "displayName": "Ada Lovelace",
         *       "givenName": "Ada",
         *       "roles": [],
         *       "status": "active",
         *       "kycStatus": "none",
         *       "version": 2,
         *       "createdAt": "2025-01-31T09:30:00.000Z",
         *       "createdBy": "system:auth-trigger",
         *       "updatedAt": "2025-01-31T09:31:00.000Z",
         *       "updatedBy": "mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w"
         *     }
         */
        Profile: {
            /** @example mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w */
            uid: string;
            /**
             * @description From the Auth account; not editable here.
             * @example ada@example.com
             */
            email: string | null;
            /** @example Ada Lovelace */
            displayName: string | null;
            /** @example Ada */
            givenName?: string;
            /** @example Lovelace */
            familyName?: string;
            /**
             * @description E.164.
             * @example +4930123456789
             */
            phoneNumber?: string;
            /**
             * Format: date
             * @example 1990-12-10
             */
            dateOfBirth?: string;
            /**
             * @description ISO 3166-1 alpha-2.
             * @example DE
             */
            nationality?: string;
            address?: components["schemas"]["Address"];
            /**
             * @description BCP 47 language tag.
             * @example de-DE
             */
            locale?: string;
            /**
             * @description Mirror of the `roles` custom claim.
             * @example []
             */
            roles: ("admin" | "support")[];
            /** @enum {string} */
            status: "active" | "disabled" | "deleted";
            /**
             * @description Status of the latest KYC case, or `none`.
             * @enum {string}
             */
            kycStatus: "none" | "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            /**
             * @description Incremented by every change made through the API; the ETag.
             * @example 3
             */
            version: number;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string | null;
            /** @example system:auth-trigger */
            createdBy: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            updatedAt: string | null;
            updatedBy: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            deletedAt?: string;
            deletedBy?: string;
            /**
             * Format: date-time
             * @description Set on the tombstone left by a GDPR erasure.
             * @example 2025-01-31T09:30:00.000Z
             */
            erasedAt?: string;
        };
        /**
         * @description Postal address. Replaced as a whole on update.
         * @example {
         *       "line1": "Friedrichstraße 123",
         *       "city": "Berlin",
         *       "postalCode": "10117",
         *       "country": "DE"
         *     }
         */
        Address: {
            line1: string;
            line2?: string;
            city: string;
            postalCode: string;
            region?: string;
            /**
             * @description ISO 3166-1 alpha-2 country code (upper case).
             * @example DE
             */
            country: string;
        };
        /** @description Self-service sign-up for REST clients. */
        SignUp: {
            /** @example ada@example.com */
            email: string;
            /**
             * @description At least 10 characters with a letter and a digit.
             * @example correct-horse-42
             */
            password: string;
            /** @example Ada Lovelace */
            displayName: string;
        };
        /**
         * @description Fields to change; omitted fields stay as they are, `null` clears an optional field.
         * @example {
         *       "givenName": "Ada",
         *       "familyName": "Lovelace",
         *       "phoneNumber": "+49 30 123456789",
         *       "address": {
         *         "line1": "Friedrichstraße 123",
         *         "city": "Berlin",
         *         "postalCode": "10117",
         *         "country": "de"
         *       }
         *     }
         */
        ProfileUpdate: {
            displayName?: string;
            givenName?: string | null;
            familyName?: string | null;
            /**
             * @description Any common format; stored as E.164. National formats need `address.country` or `nationality` to be known.
             * @example +49 30 123456789
             */
            phoneNumber?: string | null;
            /**
             * Format: date
             * @description YYYY-MM-DD, in the past, age 16 to 120.
             * @example 1990-12-10
             */
            dateOfBirth?: string | null;
            /**
             * @description ISO 3166-1 alpha-2 country code (upper case).
             * @example DE
             */
            nationality?: string | null;
            address?: components["schemas"]["Address"] & unknown;
            locale?: string | null;
        };
        /** @description Everything held about the caller (GDPR Art. 15). */
        DataExport: {
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            exportedAt: string;
            profile: components["schemas"]["Profile"];
            auth: components["schemas"]["AuthSummary"];
            kycCases: components["schemas"]["KycCaseExport"][];
            auditEntries: components["schemas"]["AuditEntry"][];
        };
        /** @description Summary of the Firebase Auth account. */
        AuthSummary: {
            uid: string;
            email: string | null;
            disabled: boolean;
            emailVerified: boolean;
            /**
             * @example [
             *       "password"
             *     ]
             */
            providers: string[];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            creationTime: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            lastSignInTime: string | null;
            /**
             * Format: date-time
             * @description Tokens issued before this instant are refused.
             * @example 2025-01-31T09:30:00.000Z
             */
            tokensValidAfterTime: string | null;
        } | null;
        /** @description A KYC case with its status history. */
        KycCaseExport: {
            id: string;
            uid: string;
            status: string;
            events: components["schemas"]["KycEventRecord"][];
        } & {
            [key: string]: unknown;
        };
        /** @description One entry of a KYC case status history. */
        KycEventRecord: {
            id: string;
        } & {
            [key: string]: unknown;
        };
        /** @description One append-only audit record. */
        AuditEntry: {
            id: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            at: string;
            actor: components["schemas"]["AuditActor"];
            /** @example apiKey.create */
            action: string;
            /**
             * @example {
             *       "type": "apiKey",
             *       "id": "3f9a0c2b7d1e4a65"
             *     }
             */
            target: {
                type: string;
                id: string;
            };
            /** @description State before the change (personal data redacted), or null. */
            before: {
                [key: string]: unknown;
            } | null;
            /** @description State after the change (personal data redacted), or null. */
            after: {
                [key: string]: unknown;
            } | null;
            requestId: string | null;
        };
        /**
         * @example {
         *       "type": "user",
         *       "id": "Qm1fZ3X0c8aB2e",
         *       "ip": "203.0.113.7",
         *       "userAgent": "curl/8.5.0"
         *     }
         */
        AuditActor: {
            /** @enum {string} */
            type: "user" | "apiKey" | "system" | "anonymous";
            /** @description User uid, API key id, or a pseudonym (`erased:...`) after erasure. */
            id: string;
            ip?: string;
            userAgent?: string;
        };
        /** @description The caller's ID token as the API reads it. */
        Session: {
            /** @example mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w */
            uid: string;
            /**
             * @description Provider of the sign-in that issued the token (`firebase.sign_in_provider`): `password`, `google.com`, `apple.com`, `oidc.<name>`, `custom`...
             * @example google.com
             */
            signInProvider: string;
            /**
             * @description Second factor of that sign-in (`firebase.sign_in_second_factor`, e.g. `phone`, `totp`), or null.
             * @example null
             */
            secondFactor: string | null;
            /** @description Whether the account email is verified (the token's `email_verified`). */
            emailVerified: boolean;
            /**
             * @description Providers linked to the account (`firebase.identities` keys).
             * @example [
             *       "email",
             *       "google.com"
             *     ]
             */
            identities: string[];
            /**
             * Format: date-time
             * @description When the user last signed in (refreshes keep it).
             * @example 2025-01-31T09:30:00.000Z
             */
            authTime: string;
            /**
             * Format: date-time
             * @description When this ID token was issued.
             * @example 2025-01-31T09:30:00.000Z
             */
            issuedAt: string;
            /**
             * Format: date-time
             * @description When this ID token expires (one hour after issue); refresh before.
             * @example 2025-01-31T09:30:00.000Z
             */
            expiresAt: string;
            /** @description Whether this token may call /v1/admin/* when step-up MFA is required (staff only; true for users with no role, who are not challenged). */
            staffMfaSatisfied: boolean;
        };
        /** @description One page of profiles, in a stable order: every user is returned exactly once across pages. */
        UserListPage: {
            items: components["schemas"]["Profile"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /** @description A user as seen by an admin. */
        AdminUser: {
            profile: components["schemas"]["Profile"];
            /** @description The Auth account; null once it was deleted (erasure). */
            auth: {
                uid: string;
                email: string | null;
                disabled: boolean;
                emailVerified: boolean;
                /**
                 * @example [
                 *       "password"
                 *     ]
                 */
                providers: string[];
                /**
                 * Format: date-time
                 * @example 2025-01-31T09:30:00.000Z
                 */
                creationTime: string | null;
                /**
                 * Format: date-time
                 * @example 2025-01-31T09:30:00.000Z
                 */
                lastSignInTime: string | null;
                /**
                 * Format: date-time
                 * @description Tokens issued before this instant are refused.
                 * @example 2025-01-31T09:30:00.000Z
                 */
                tokensValidAfterTime: string | null;
            } | null;
            kycCases: components["schemas"]["KycCaseRecord"][];
        };
        /** @description A KYC case document with its id; timestamps are ISO-8601 strings. */
        KycCaseRecord: {
            id: string;
            uid: string;
            /** @example in_review */
            status: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "status": "disabled"
         *     }
         */
        AdminUserUpdate: {
            /**
             * @description The complete new role list (becomes the `roles` custom claim).
             * @example [
             *       "support"
             *     ]
             */
            roles?: ("admin" | "support")[];
            /**
             * @description `disabled` also revokes every session at once.
             * @enum {string}
             */
            status?: "active" | "disabled";
        };
        ApiKeyCreated: {
            /** @example 3f9a0c2b7d1e4a65 */
            id: string;
            /** @example nightly-reporting */
            name: string;
            /**
             * @description Non-secret start of the key, to recognise it.
             * @example nffk_3f9a0c2b7d1e4a65
             */
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /** @description uid of the admin who created it. */
            createdBy: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            expiresAt: string | null;
            /**
             * @description The full key to send as `X-API-Key`. Shown only in this response: store it now, it cannot be retrieved again.
             * @example nffk_3f9a0c2b7d1e4a65_9pQeJ0Z5mXo2b3Lr8TnUu1YcV4wK7sDfGhA6iEj_lMx
             */
            secret: string;
        };
        /**
         * @description What a key may read.
         * @enum {string}
         */
        ApiKeyScope: "users:read" | "audit:read";
        /**
         * @example {
         *       "name": "nightly-reporting",
         *       "scopes": [
         *         "audit:read"
         *       ],
         *       "expiresInDays": 90
         *     }
         */
        CreateApiKey: {
            /**
             * @description What the key is for.
             * @example nightly-reporting
             */
            name: string;
            /**
             * @example [
             *       "audit:read"
             *     ]
             */
            scopes: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @description When the key stops working (a future instant). Omit both this and expiresInDays for a key that does not expire.
             * @example 2026-01-31T00:00:00Z
             */
            expiresAt?: string;
            /**
             * @description Alternative to expiresAt: days from now.
             * @example 90
             */
            expiresInDays?: number;
        };
        ApiKeyPage: {
            items: components["schemas"]["ApiKey"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /** @description An API key, without its secret (never retrievable after creation). */
        ApiKey: {
            /** @example 3f9a0c2b7d1e4a65 */
            id: string;
            /** @example nightly-reporting */
            name: string;
            /**
             * @description Non-secret start of the key, to recognise it.
             * @example nffk_3f9a0c2b7d1e4a65
             */
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /** @description uid of the admin who created it. */
            createdBy: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description Last successful use (updated at most once a minute).
             * @example 2025-01-31T09:30:00.000Z
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            revokedAt: string | null;
            revokedBy: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
        };
        AuditLogPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * @description A KYC case as its applicant sees it (no personal data is echoed).
         * @example {
         *       "id": "kc_4f1c2b9e0d8a7c6b5e4f3a21",
         *       "status": "submitted",
         *       "attempt": 1,
         *       "maxAttempts": 3,
         *       "nextAction": "wait",
         *       "message": null,
         *       "labels": [],
         *       "createdAt": "2025-01-31T09:30:00.000Z",
         *       "updatedAt": "2025-01-31T09:30:00.000Z",
         *       "statusChangedAt": "2025-01-31T09:30:00.000Z"
         *     }
         */
        KycCase: {
            /** @example kc_4f1c2b9e0d8a7c6b5e4f3a21 */
            id: string;
            /** @enum {string} */
            status: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            /** @example 1 */
            attempt: number;
            /** @example 3 */
            maxAttempts: number;
            nextAction: components["schemas"]["KycNextAction"];
            /**
             * @description What the reviewer or provider told the applicant, if anything.
             * @example null
             */
            message: string | null;
            /**
             * @description Reason codes of the latest review.
             * @example []
             */
            labels: string[];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            statusChangedAt: string;
        };
        /**
         * @description `wait`: the check is running; `resubmit`: send POST /v1/me/kyc again (corrected data, or a new case after expiry); `contact_support`: no further attempt is possible; `none`: verified.
         * @enum {string}
         */
        KycNextAction: "wait" | "resubmit" | "contact_support" | "none";
        /**
         * @description Applicant data and identity document of a KYC submission. Stored only in the case; never logged.
         * @example {
         *       "firstName": "Ada",
         *       "lastName": "Lovelace",
         *       "dateOfBirth": "1990-12-10",
         *       "nationality": "DE",
         *       "address": {
         *         "line1": "Friedrichstraße 123",
         *         "city": "Berlin",
         *         "postalCode": "10117",
         *         "country": "DE"
         *       },
         *       "document": {
         *         "type": "id_card",
         *         "number": "C01X00T47",
         *         "issuingCountry": "DE",
         *         "expiresOn": "2031-05-31"
         *       }
         *     }
         */
        KycSubmission: {
            /** @example Ada */
            firstName: string;
            /** @example Lovelace */
            lastName: string;
            /**
             * Format: date
             * @description YYYY-MM-DD, in the past; age 16 to 120 years (the same rule as the profile).
             * @example 1990-12-10
             */
            dateOfBirth: string;
            /**
             * @description ISO 3166-1 alpha-2 country code (upper case).
             * @example DE
             */
            nationality: string;
            address: components["schemas"]["Address"];
            document: components["schemas"]["KycDocument"];
        };
        /** @description The identity document. */
        KycDocument: {
            /** @enum {string} */
            type: "passport" | "id_card" | "driving_licence";
            /** @example C01X00T47 */
            number: string;
            /**
             * @description ISO 3166-1 alpha-2 country code (upper case).
             * @example DE
             */
            issuingCountry: string;
            /**
             * Format: date
             * @description YYYY-MM-DD.
             * @example 2031-05-31
             */
            expiresOn: string;
        };
        /**
         * @description The caller’s current KYC case with its status history (oldest first) and what to do next.
         * @example {
         *       "id": "kc_4f1c2b9e0d8a7c6b5e4f3a21",
         *       "status": "resubmission_required",
         *       "attempt": 1,
         *       "maxAttempts": 3,
         *       "nextAction": "resubmit",
         *       "message": "We could not read your document. Please upload a clearer photo.",
         *       "labels": [
         *         "DOCUMENT_UNREADABLE"
         *       ],
         *       "createdAt": "2025-01-31T09:30:00.000Z",
         *       "updatedAt": "2025-01-31T09:31:00.000Z",
         *       "statusChangedAt": "2025-01-31T09:31:00.000Z",
         *       "history": [
         *         {
         *           "from": null,
         *           "to": "submitted",
         *           "attempt": 1,
         *           "by": "applicant",
         *           "at": "2025-01-31T09:30:00.000Z"
         *         },
         *         {
         *           "from": "submitted",
         *           "to": "in_review",
         *           "attempt": 1,
         *           "by": "system",
         *           "at": "2025-01-31T09:30:01.000Z"
         *         },
         *         {
         *           "from": "in_review",
         *           "to": "resubmission_required",
         *           "attempt": 1,
         *           "by": "provider",
         *           "at": "2025-01-31T09:31:00.000Z"
         *         }
         *       ]
         *     }
         */
        KycCaseDetail: {
            /** @example kc_4f1c2b9e0d8a7c6b5e4f3a21 */
            id: string;
            /** @enum {string} */
            status: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            /** @example 1 */
            attempt: number;
            /** @example 3 */
            maxAttempts: number;
            nextAction: components["schemas"]["KycNextAction"];
            /**
             * @description What the reviewer or provider told the applicant, if anything.
             * @example null
             */
            message: string | null;
            /**
             * @description Reason codes of the latest review.
             * @example []
             */
            labels: string[];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            statusChangedAt: string;
            history: components["schemas"]["KycHistoryEntry"][];
        };
        /** @description One status change of a case. */
        KycHistoryEntry: {
            /** @enum {string|null} */
            from: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled" | null;
            /** @enum {string} */
            to: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            attempt: number;
            /** @enum {string} */
            by: "applicant" | "provider" | "reviewer" | "system";
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            at: string;
        };
        /**
         * @description Acknowledgement; the provider stops retrying.
         * @example {
         *       "received": true,
         *       "outcome": "applied"
         *     }
         */
        KycWebhookAck: {
            /** @enum {boolean} */
            received: true;
            /**
             * @description `applied`: the case changed; `duplicate`: this event id was already processed; `stale`: older than what the case already holds; `ignored`: unknown case, attempt or type, or not a legal change.
             * @enum {string}
             */
            outcome: "applied" | "duplicate" | "stale" | "ignored";
        };
        /**
         * @description Signed callback of the KYC provider (header `X-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t.rawBody)>`).
         * @example {
         *       "id": "evt_5b2f0c1d9e8a7f6b5c4d3e2f",
         *       "type": "kyc.check.completed",
         *       "createdAt": "2025-01-31T09:31:00.000Z",
         *       "caseId": "kc_4f1c2b9e0d8a7c6b5e4f3a21",
         *       "applicantId": "app_0a1b2c3d4e5f6a7b8c9d0e1f",
         *       "attempt": 1,
         *       "review": {
         *         "answer": "GREEN",
         *         "labels": [],
         *         "userMessage": "Your identity has been verified."
         *       }
         *     }
         */
        KycWebhookEvent: {
            /** @example evt_5b2f0c1d9e8a7f6b5c4d3e2f */
            id: string;
            /**
             * @description `kyc.check.completed` or `kyc.check.on_hold`; other types are acknowledged and ignored.
             * @example kyc.check.completed
             */
            type: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            caseId: string;
            applicantId: string;
            attempt: number;
            review: {
                /** @enum {string} */
                answer?: "GREEN" | "RED";
                /** @enum {string} */
                rejectType?: "RETRY" | "FINAL";
                /** @default [] */
                labels: string[];
                userMessage?: string;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description A page of the review queue, least recently updated first. */
        KycQueuePage: {
            items: components["schemas"]["KycAdminCase"][];
            nextCursor: string | null;
        };
        /** @description A KYC case as reviewers see it, applicant data included. */
        KycAdminCase: {
            /** @example kc_4f1c2b9e0d8a7c6b5e4f3a21 */
            id: string;
            /** @enum {string} */
            status: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            /** @example 1 */
            attempt: number;
            /** @example 3 */
            maxAttempts: number;
            nextAction: components["schemas"]["KycNextAction"];
            /**
             * @description What the reviewer or provider told the applicant, if anything.
             * @example null
             */
            message: string | null;
            /**
             * @description Reason codes of the latest review.
             * @example []
             */
            labels: string[];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            statusChangedAt: string;
            /** @example mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w */
            uid: string;
            applicant: components["schemas"]["KycSubmission"];
            review: components["schemas"]["KycReview"];
            provider: {
                applicantId: string;
                checkId: string;
                attempt: number;
            } | null;
            /** @description Operational note, e.g. a failed hand-over to the provider. */
            note: string | null;
        };
        /** @description Latest review result. */
        KycReview: {
            /** @enum {string} */
            source: "provider" | "reviewer";
            /** @enum {string|null} */
            answer: "GREEN" | "RED" | null;
            /** @enum {string|null} */
            rejectType: "RETRY" | "FINAL" | null;
            labels: string[];
            userMessage: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            decidedAt: string;
        } | null;
        /** @description A KYC case as reviewers see it, with its event timeline. */
        KycAdminCaseDetail: {
            /** @example kc_4f1c2b9e0d8a7c6b5e4f3a21 */
            id: string;
            /** @enum {string} */
            status: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            /** @example 1 */
            attempt: number;
            /** @example 3 */
            maxAttempts: number;
            nextAction: components["schemas"]["KycNextAction"];
            /**
             * @description What the reviewer or provider told the applicant, if anything.
             * @example null
             */
            message: string | null;
            /**
             * @description Reason codes of the latest review.
             * @example []
             */
            labels: string[];
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            statusChangedAt: string;
            /** @example mK1xQ2pZ7bS9dF3gH5jL8nR0tV4w */
            uid: string;
            applicant: components["schemas"]["KycSubmission"];
            review: components["schemas"]["KycReview"];
            provider: {
                applicantId: string;
                checkId: string;
                attempt: number;
            } | null;
            /** @description Operational note, e.g. a failed hand-over to the provider. */
            note: string | null;
            /** @description The case’s status changes, oldest first. */
            events: components["schemas"]["KycCaseEvent"][];
        };
        /** @description One status change of a case as its event log records it. */
        KycCaseEvent: {
            /**
             * @description The case version this change produced, zero-padded (orders the timeline).
             * @example 0000000003
             */
            id: string;
            /** @enum {string|null} */
            from: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled" | null;
            /** @enum {string} */
            to: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
            attempt: number;
            /** @enum {string} */
            by: "applicant" | "provider" | "reviewer" | "system";
            /** @description Who made the change: the applicant or reviewer (uid), or a system component. */
            actor: {
                /** @enum {string} */
                type: "user" | "apiKey" | "system" | "anonymous";
                id: string;
            };
            /** @example manual decision: Document verified by video call. */
            reason: string;
            /** @description The provider event or submission key that caused the change, if any. */
            sourceEventId: string | null;
            /**
             * Format: date-time
             * @example 2025-01-31T09:30:00.000Z
             */
            at: string;
        };
        /**
         * @description A reviewer’s manual decision.
         * @example {
         *       "decision": "approve",
         *       "reason": "Document verified by video call."
         *     }
         */
        KycDecision: {
            /** @enum {string} */
            decision: "approve" | "reject" | "request_resubmission";
            /**
             * @description Why; shown to the applicant as the case message.
             * @example Document verified by video call.
             */
            reason: string;
        };
        /** @description API usage and the KYC funnel over a range of UTC days. */
        UsageReport: {
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD.
             * @example 2025-01-31
             */
            from: string;
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD.
             * @example 2025-01-31
             */
            to: string;
            /** @description Every day of the range, oldest first (zeros on days without traffic). */
            days: components["schemas"]["UsageDay"][];
            /** @description The range added up. */
            totals: {
                /** @description Requests by operation and status class, most frequent first. */
                requests: components["schemas"]["UsageOperationCount"][];
                /** @description Requests refused with 429 by a rate limit (per IP, user or API key). */
                rateLimited: number;
                /** @description Requests made with each API key, by status class. */
                apiKeys: components["schemas"]["UsageApiKeyCount"][];
            };
            kycFunnel: components["schemas"]["KycFunnel"];
            /** @description How the traffic counts are kept, and how exact they are. */
            counting: {
                flushIntervalSeconds: number;
                description: string;
            };
        };
        UsageDay: {
            /**
             * Format: date
             * @description A UTC day, YYYY-MM-DD.
             * @example 2025-01-31
             */
            day: string;
            /** @description Requests by operation and status class, most frequent first. */
            requests: components["schemas"]["UsageOperationCount"][];
            /** @description Requests refused with 429 by a rate limit (per IP, user or API key). */
            rateLimited: number;
            /** @description Requests made with each API key, by status class. */
            apiKeys: components["schemas"]["UsageApiKeyCount"][];
        };
        UsageOperationCount: {
            /**
             * @description Method and route template, or `unmatched` for paths no route serves.
             * @example GET /v1/me
             */
            operation: string;
            /** @enum {string} */
            statusClass: "1xx" | "2xx" | "3xx" | "4xx" | "5xx";
            count: number;
        };
        UsageApiKeyCount: {
            /** @example 3f9a0c2b7d1e4a65 */
            keyId: string;
            /** @enum {string} */
            statusClass: "1xx" | "2xx" | "3xx" | "4xx" | "5xx";
            count: number;
        };
        KycFunnel: {
            /** @description Cases opened in the range. */
            submitted: number;
            /** @description Of those, cases with a decision (approved, rejected or resubmission required). */
            decided: number;
            /** @description Of those, cases still submitted, in review or on hold. */
            open: number;
            /** @description Decided cases whose latest decision a reviewer took (the rest: the provider). */
            decidedByReviewer: number;
            /**
             * @description decidedByReviewer / decided; null when nothing was decided.
             * @example 0.25
             */
            reviewerShare: number | null;
            /** @description From opening to the latest decision (nearest-rank percentiles); null when nothing was decided. */
            timeToDecisionSeconds: {
                p50: number;
                p95: number;
            } | null;
            casesExamined: number;
            /** @description True when the range held more cases than one report examines (the oldest are counted). */
            truncated: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Malformed request (`MALFORMED_JSON`, `MALFORMED_BODY`, `MALFORMED_URL`, `AMBIGUOUS_CREDENTIALS`, `VALIDATION_FAILED`); checked on every request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The contract, as YAML. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            /** @description Malformed request (`MALFORMED_JSON`, `MALFORMED_BODY`, `MALFORMED_URL`, `AMBIGUOUS_CREDENTIALS`, `VALIDATION_FAILED`); checked on every request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Malformed request (`MALFORMED_JSON`, `MALFORMED_BODY`, `MALFORMED_URL`, `AMBIGUOUS_CREDENTIALS`, `VALIDATION_FAILED`); checked on every request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUp"];
            };
        };
        responses: {
            /** @description The account and profile were created. */
            201: {
                headers: {
                    /** @description The profile version as a strong entity tag; send it back in If-Match. */
                    ETag: string;
                    /** @description The profile, relative to this URL (`me`, i.e. /v1/me). */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Invalid fields (`VALIDATION_FAILED`) or a password that is too weak (`WEAK_PASSWORD`, path `password`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An account with this email already exists (`EMAIL_EXISTS`): the same body whatever the account (password or federated, active, disabled or deleted), revealing no more than Firebase Auth's own sign-up does. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`): sign-ups have a per-IP budget of their own (param SIGNUPS_PER_MINUTE_IP, default 10 a minute), failed attempts included; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    /** @description The profile version as a strong entity tag; send it back in If-Match. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A valid identity that may not use this route: an API key (`USER_REQUIRED`), or a profile that is disabled or deleted (`ACCOUNT_DISABLED`, `ACCOUNT_DELETED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Erased. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A valid identity that may not use this route: an API key (`USER_REQUIRED`), or a profile that is disabled or deleted (`ACCOUNT_DISABLED`, `ACCOUNT_DELETED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version the change is based on; 412 when the profile changed since. */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileUpdate"];
            };
        };
        responses: {
            /** @description The updated profile (version incremented). */
            200: {
                headers: {
                    /** @description The profile version as a strong entity tag; send it back in If-Match. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A valid identity that may not use this route: an API key (`USER_REQUIRED`), or a profile that is disabled or deleted (`ACCOUNT_DISABLED`, `ACCOUNT_DELETED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The profile changed since the `If-Match` version (`PRECONDITION_FAILED`); read it again. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Profile, Auth account summary, KYC cases with their history, and audit entries about you. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataExport"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A valid identity that may not use this route: an API key (`USER_REQUIRED`), or a profile that is disabled or deleted (`ACCOUNT_DISABLED`, `ACCOUNT_DELETED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An API key (`USER_REQUIRED`): a key has no session. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminListUsers: {
        parameters: {
            query?: {
                status?: "active" | "disabled" | "deleted";
                kycStatus?: "none" | "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
                role?: "admin" | "support";
                /** @description Case-insensitive prefix of the email; results are then ordered by email. */
                emailPrefix?: string;
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description `nextCursor` of the previous page, with the same filters. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListPage"];
                };
            };
            /** @description Invalid filters (`VALIDATION_FAILED`), or a cursor that is malformed or was issued for other filters (`INVALID_CURSOR`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neither an admin nor an API key with scope users:read (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminGetUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Firebase Auth uid. */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    /** @description The profile version as a strong entity tag; send it back in If-Match. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user with this id (`USER_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminDeleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Firebase Auth uid. */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted (or already deleted). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user with this id (`USER_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An admin cannot delete their own account (`SELF_LOCKOUT`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminUpdateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version the change is based on; 412 when the profile changed since. */
                "If-Match"?: string;
            };
            path: {
                /** @description Firebase Auth uid. */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserUpdate"];
            };
        };
        responses: {
            /** @description The updated user. */
            200: {
                headers: {
                    /** @description The profile version as a strong entity tag; send it back in If-Match. */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS` when both a token and an API key are sent). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials, or a disabled/deleted account (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user with this id (`USER_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The change would lock the calling admin out (`SELF_LOCKOUT`), or the user is deleted (`USER_DELETED`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The profile changed since the `If-Match` version (`PRECONDITION_FAILED`). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Page size, 1..100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of keys. */
            200: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f9a0c2b7d1e4a65",
                     *           "name": "nightly-reporting",
                     *           "prefix": "nffk_3f9a0c2b7d1e4a65",
                     *           "scopes": [
                     *             "audit:read"
                     *           ],
                     *           "createdAt": "2025-01-31T09:30:00.000Z",
                     *           "createdBy": "Qm1fZ3X0c8aB2e",
                     *           "expiresAt": "2025-05-01T09:30:00.000Z",
                     *           "lastUsedAt": "2025-02-01T02:00:00.000Z",
                     *           "revokedAt": null,
                     *           "revokedBy": null,
                     *           "status": "active"
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Invalid `limit` (`VALIDATION_FAILED`) or a cursor that is malformed or was issued by another listing (`INVALID_CURSOR`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin (`FORBIDDEN`), or called with an API key (`USER_REQUIRED`): keys cannot manage keys. */
            403: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description Created. `secret` is never returned again. */
            201: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f9a0c2b7d1e4a65",
                     *       "name": "nightly-reporting",
                     *       "prefix": "nffk_3f9a0c2b7d1e4a65",
                     *       "scopes": [
                     *         "audit:read"
                     *       ],
                     *       "createdAt": "2025-01-31T09:30:00.000Z",
                     *       "createdBy": "Qm1fZ3X0c8aB2e",
                     *       "expiresAt": "2025-05-01T09:30:00.000Z",
                     *       "secret": "nffk_3f9a0c2b7d1e4a65_9pQeJ0Z5mXo2b3Lr8TnUu1YcV4wK7sDfGhA6iEj_lMx"
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Malformed JSON (`MALFORMED_JSON`), invalid fields or an expiry not in the future (`VALIDATION_FAILED`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin (`FORBIDDEN`), or called with an API key (`USER_REQUIRED`): keys cannot manage keys. */
            403: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already revoked). */
            204: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An id that is not 16 hexadecimal characters (`VALIDATION_FAILED`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin (`FORBIDDEN`), or called with an API key (`USER_REQUIRED`): keys cannot manage keys. */
            403: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No API key with this id (`API_KEY_NOT_FOUND`). */
            404: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description Only entries by this actor (user uid or API key id). */
                actorId?: string;
                /** @description Only entries about this target (uid, case id, key id...). */
                targetId?: string;
                /** @description Only entries of this action. */
                action?: string;
                /** @description Entries at or after this instant (ISO-8601). */
                from?: string;
                /** @description Entries before this instant (ISO-8601). */
                to?: string;
                /** @description Page size, 1..100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries. */
            200: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "bM2kq0Zr7TnY4vXw1sPa",
                     *           "at": "2025-01-31T09:30:00.000Z",
                     *           "actor": {
                     *             "type": "user",
                     *             "id": "Qm1fZ3X0c8aB2e",
                     *             "ip": "203.0.113.7",
                     *             "userAgent": "curl/8.5.0"
                     *           },
                     *           "action": "apiKey.create",
                     *           "target": {
                     *             "type": "apiKey",
                     *             "id": "3f9a0c2b7d1e4a65"
                     *           },
                     *           "before": null,
                     *           "after": {
                     *             "name": "reporting",
                     *             "prefix": "nffk_3f9a0c2b7d1e4a65",
                     *             "scopes": [
                     *               "audit:read"
                     *             ],
                     *             "expiresAt": null
                     *           },
                     *           "requestId": "6c1f0e0e-4f0b-4b8e-9d1e-2f5c0f3a9b11"
                     *         }
                     *       ],
                     *       "nextCursor": "eyJ0IjoiYXVkaXQtbG9ncyIsImYiOiI0ZjUzY2RhMThjMmJhYTBjIiwiayI6WzE3MzgzMTU4MDAsMCwiYk0ya3EwWnI3VG5ZNHZYdzFzUGEiXX0"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Invalid filters (`VALIDATION_FAILED`), a cursor that is malformed or was issued for other filters (`INVALID_CURSOR`) or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Neither the admin role nor the `audit:read` scope (`FORBIDDEN`). */
            403: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyKyc: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest case. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycCaseDetail"];
                };
            };
            /** @description Both a bearer token and an API key were sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An API key cannot act as an applicant (`USER_REQUIRED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have no KYC case yet (`KYC_CASE_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitKyc: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen key (1-255 printable ASCII). The same key with the same body replays the first response for 24 h. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KycSubmission"];
            };
        };
        responses: {
            /** @description The case was opened or resubmitted (or the first response of this Idempotency-Key is replayed). */
            201: {
                headers: {
                    /** @description The current case, relative to this URL (`kyc`, i.e. /v1/me/kyc). */
                    Location: string;
                    /** @description `true` on a replayed response. */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycCase"];
                };
            };
            /** @description Invalid fields or header (`VALIDATION_FAILED`, e.g. `dateOfBirth` not in the past or an age outside 16 to 120), `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An API key cannot act as an applicant (`USER_REQUIRED`), or the account is being erased or deleted (`ACCOUNT_DELETED`) or is disabled (`ACCOUNT_DISABLED`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: a case is open (`KYC_CASE_OPEN`), no attempts left (`KYC_MAX_ATTEMPTS`), already verified (`KYC_ALREADY_APPROVED`), finally rejected (`KYC_REJECTED`), or the Idempotency-Key was used with another body (`IDEMPOTENCY_KEY_REUSED`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    kycWebhook: {
        parameters: {
            query?: never;
            header: {
                "X-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KycWebhookEvent"];
            };
        };
        responses: {
            /** @description Received; `outcome` says what it did. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycWebhookAck"];
                };
            };
            /** @description A verified event with a malformed body (`VALIDATION_FAILED`), or `MALFORMED_JSON`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, stale or non-matching signature (`INVALID_SIGNATURE`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listKycCases: {
        parameters: {
            query?: {
                /** @description Only cases in this status. */
                status?: "submitted" | "in_review" | "on_hold" | "approved" | "resubmission_required" | "rejected" | "expired" | "canceled";
                /** @description Page size (1-100). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycQueuePage"];
                };
            };
            /** @description Invalid query (`VALIDATION_FAILED`), a cursor not issued for this listing and status filter (`INVALID_CURSOR`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin or support user, or an API key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getKycCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case and its timeline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycAdminCaseDetail"];
                };
            };
            /** @description An id that cannot name a case (`VALIDATION_FAILED`), or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin or support user, or an API key (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such case (`KYC_CASE_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`); checked on every request, whatever the method. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideKycCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KycDecision"];
            };
        };
        responses: {
            /** @description The decided case. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KycAdminCase"];
                };
            };
            /** @description Invalid request (`VALIDATION_FAILED` with the offending paths, `MALFORMED_JSON`, `AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin (`FORBIDDEN`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such case (`KYC_CASE_NOT_FOUND`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The case’s status does not allow this decision (`KYC_ILLEGAL_TRANSITION`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description First UTC day (default: 6 days before `to`). */
                from?: string;
                /** @description Last UTC day, included (default: today). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            /** @description Invalid range (`VALIDATION_FAILED`: a day not in YYYY-MM-DD, `to` before `from`, more than 31 days) or both credentials sent (`AMBIGUOUS_CREDENTIALS`). */
            400: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or revoked credentials (`UNAUTHENTICATED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `USER_DISABLED`, `INVALID_API_KEY`). When step-up MFA is on (param REQUIRE_STAFF_MFA, default on), a staff member whose ID token did not come from a sign-in with a second factor gets `MFA_REQUIRED` with `WWW-Authenticate: Bearer error="insufficient_user_authentication"` (RFC 9470): sign in again with multi-factor authentication. API keys are not affected. */
            401: {
                headers: {
                    /** @description With `MFA_REQUIRED`: `Bearer error="insufficient_user_authentication"` (RFC 9470). */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not an admin, or an API key (`FORBIDDEN`). */
            403: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large (`PAYLOAD_TOO_LARGE`). */
            413: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported body charset or encoding (`UNSUPPORTED_ENCODING`); send UTF-8 JSON. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests (`RATE_LIMITED`) from this IP, user or API key; retry after `Retry-After` seconds. */
            429: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    /**
                     * @description Seconds to wait before retrying.
                     * @example 42
                     */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error (`INTERNAL`); the body never contains internal details. */
            500: {
                headers: {
                    /**
                     * @description Requests allowed in the current window by the tightest applicable limit (per IP, user or API key).
                     * @example 300
                     */
                    "RateLimit-Limit"?: number;
                    /**
                     * @description Requests left in the current window.
                     * @example 299
                     */
                    "RateLimit-Remaining"?: number;
                    /**
                     * @description Seconds until the window resets.
                     * @example 42
                     */
                    "RateLimit-Reset"?: number;
                    /**
                     * @description The limit and its window, e.g. `300;w=60`.
                     * @example 300;w=60
                     */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
