/**
 * Entry point: start Firebase Auth, wire the API client's "session over"
 * handler, then render. A failure to start (no web config) is shown plainly.
 */
import { render } from 'preact';
import { signOut } from 'firebase/auth';
import { configureApi } from './api';
import { startFirebase } from './firebase';
import { App } from './app';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('#app missing from index.html');

let onSessionEnded: (message: string) => void = () => undefined;

startFirebase().then(
  (auth) => {
    configureApi(auth, (problem) => {
      const message = problem.problem.code === 'USER_DISABLED' ? 'This account is disabled.' : 'Your session has expired. Sign in again.';
      onSessionEnded(message);
      void signOut(auth);
    });
    render(<App auth={auth} bindSessionEnded={(handler) => (onSessionEnded = handler)} />, root);
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
