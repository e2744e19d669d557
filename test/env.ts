/**
 * Coordinates of the stack started by global-setup.ts, read from the env vars
 * it exports. Fails loudly when a suite that needs the stack runs without it.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through \`npm test\` (jest global setup starts the stack)`);
  return value;
}

export const stackEnv = {
  get apiUrl(): string {
    return required('NFF_API_URL');
  },
  get functionsUrl(): string {
    return required('NFF_FUNCTIONS_URL');
  },
  get firestoreUrl(): string {
    return required('NFF_FIRESTORE_URL');
  },
  get authUrl(): string {
    return required('NFF_AUTH_URL');
  },
  get mockKycUrl(): string {
    return required('NFF_MOCK_KYC_URL');
  },
  /** The Hosting emulator serving the console (and /v1/** through its rewrites). */
  get consoleUrl(): string {
    return required('NFF_CONSOLE_URL');
  },
  projectId: 'demo-nff',
};
