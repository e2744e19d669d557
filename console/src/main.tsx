/**
 * Entry point: start Firebase Auth, wire the API client's "session over" and
 * "second factor missing" handlers, then render. A failure to start (no web
 * config) is shown plainly.
 */
import { render } from 'preact';
import { signOut } from 'firebase/auth';
import { configureApi } from './api';
import { startFirebase } from './firebase';
import { App, type SessionEvents } from './app';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('#app missing from index.html');

let events: SessionEvents = { ended: () => undefined, mfaRequired: () => undefined };

startFirebase().then(
  (auth) => {
    configureApi(auth, {
      unauthenticated: (problem) => {
        const message = problem.problem.code === 'USER_DISABLED' ? 'This account is disabled.' : 'Your session has expired. Sign in again.';
        events.ended(message);
        void signOut(auth);
      },
      mfaRequired: () => events.mfaRequired(),
    });
    render(<App auth={auth} bindSessionEvents={(bound) => (events = bound)} />, root);
  },
  (error: unknown) => {
    render(
      <main class="boot-error">
        <h1>The console could not start</h1>
        <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
      </main>,
      root,
    );
  },
);
