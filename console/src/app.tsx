/**
 * The shell: sign-in gate, navigation by role, and the routes. Support agents
 * see the review queue and case pages read-only; admins see everything and
 * act. The API enforces the same split; the console only hides what would fail.
 */
import type { Auth } from 'firebase/auth';
import { signOut } from 'firebase/auth';
import { useEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { isAdmin, SessionProvider, useSession } from './session';
import { SignInPage } from './pages/sign-in';
import { MfaRequiredPage } from './pages/mfa-required';
import { QueuePage } from './pages/queue';
import { CasePage } from './pages/case';
import { UsersPage } from './pages/users';
import { UserPage } from './pages/user';
import { AuditPage } from './pages/audit';
import { ApiKeysPage } from './pages/api-keys';
import { UsagePage } from './pages/usage';
import { Loading } from './components/feedback';

const NAV: Array<{ href: string; label: string; adminOnly: boolean }> = [
  { href: '/kyc', label: 'KYC queue', adminOnly: false },
  { href: '/users', label: 'Users', adminOnly: true },
  { href: '/audit', label: 'Audit log', adminOnly: true },
  { href: '/api-keys', label: 'API keys', adminOnly: true },
  { href: '/usage', label: 'Usage', adminOnly: true },
];

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <a href="/kyc">Back to the KYC queue</a>
      </p>
    </section>
  );
}

function AdminOnly() {
  return (
    <section>
      <h1>Admins only</h1>
      <p>This page is for admins. Support agents can use the <a href="/kyc">KYC queue</a>.</p>
    </section>
  );
}

function Shell() {
  const session = useSession();
  const { path, route } = useLocation();
  const admin = isAdmin(session);
  useEffect(() => {
    if (path === '/' || path === '/sign-in') route('/kyc', true);
  }, [path]);
  const adminPage = (component: () => preact.JSX.Element | null) => (admin ? component : AdminOnly);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">NovaFacies back office</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => admin || !item.adminOnly).map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {session.user?.email} <span class="badge">{session.roles.join(', ')}</span>
          </span>
          <button type="button" onClick={() => void signOut(session.auth)}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/kyc" component={QueuePage} />
          <Route path="/kyc/:caseId" component={CasePage} />
          <Route path="/users" component={adminPage(UsersPage)} />
          <Route path="/users/:uid" component={adminPage(UserPage)} />
          <Route path="/audit" component={adminPage(AuditPage)} />
          <Route path="/api-keys" component={adminPage(ApiKeysPage)} />
          <Route path="/usage" component={adminPage(UsagePage)} />
          <Route path="/" component={QueuePage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </>
  );
}

/** What the API client reports about the session: it ended (with why), or it lacks a second factor. */
export interface SessionEvents {
  ended(message: string): void;
  mfaRequired(): void;
}

type Bind = (events: SessionEvents) => void;

function Gate({ bindSessionEvents }: { bindSessionEvents: Bind }) {
  const session = useSession();
  bindSessionEvents({ ended: session.setNotice, mfaRequired: () => session.setMfaRequired(true) });
  if (session.user === undefined) return <Loading what="your session" />;
  if (session.user === null) return <SignInPage />;
  // The API refused this session for want of a second factor: add one (or sign in with it) before any page.
  if (session.mfaRequired) return <MfaRequiredPage user={session.user} />;
  return <Shell />;
}

export function App({ auth, bindSessionEvents }: { auth: Auth; bindSessionEvents: Bind }) {
  return (
    <SessionProvider auth={auth} notice={null}>
      <LocationProvider>
        <Gate bindSessionEvents={bindSessionEvents} />
      </LocationProvider>
    </SessionProvider>
  );
}
