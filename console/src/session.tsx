/**
 * Who is signed in and with which staff roles (the `roles` custom claim, the
 * same claim the API authorises with). Pages read it through useSession().
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { onIdTokenChanged, signOut, type Auth, type User } from 'firebase/auth';
import { ROLES, type Role } from './types';

export interface Session {
  auth: Auth;
  /** undefined while Auth restores the session. */
  user: User | null | undefined;
  roles: Role[];
  /** Why the last session ended, shown on the sign-in page. */
  notice: string | null;
  setNotice(notice: string | null): void;
  /** The API answered 401 MFA_REQUIRED: this session has no second factor. */
  mfaRequired: boolean;
  setMfaRequired(required: boolean): void;
}

const SessionContext = createContext<Session | null>(null);

/** Read the session; only inside <SessionProvider>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}

export const isAdmin = (session: Session): boolean => session.roles.includes('admin');

export function SessionProvider({ auth, notice: initialNotice, children }: { auth: Auth; notice: string | null; children: ComponentChildren }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [roles, setRoles] = useState<Role[]>([]);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const [mfaRequired, setMfaRequired] = useState(false);
  useEffect(
    () =>
      onIdTokenChanged(auth, (next) => {
        if (!next) {
          setMfaRequired(false);
          setRoles([]);
          setUser(null);
          return;
        }
        next.getIdTokenResult().then(
          (token) => {
            const claim = Array.isArray(token.claims.roles) ? (token.claims.roles as unknown[]) : [];
            const staff = ROLES.filter((role) => claim.includes(role));
            if (staff.length === 0) {
              setNotice('This account has no back-office role (admin or support).');
              void signOut(auth);
              return;
            }
            setRoles(staff);
            setUser(next);
          },
          () => {
            setNotice('Your session has expired. Sign in again.');
            void signOut(auth);
          },
        );
      }),
    [auth],
  );
  return <SessionContext.Provider value={{ auth, user, roles, notice, setNotice, mfaRequired, setMfaRequired }}>{children}</SessionContext.Provider>;
}
