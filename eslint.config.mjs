// ESLint flat config for every workspace: typescript-eslint's recommended
// rules on TypeScript sources and tests; build output and dependencies ignored.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const FEATURES = ['users', 'kyc', 'audit', 'apikeys', 'usage', 'health'];
const TOP = ['app', 'index', 'instance', 'composition', 'operations'];

/** One no-restricted-imports rule per layer of functions/src: what each layer may not import. */
function layerRules() {
  // Everywhere in functions/src (each rule below repeats it: a later rule for a file replaces an earlier one).
  const barrel = {
    name: 'firebase-functions',
    message:
      "Import the part you need (firebase-functions/logger, /params, /v2/https, …): the package's main entry is the v2 barrel, which loads every provider and with them firebase-admin/firestore and google-gax (cold start, issue 16).",
  };
  const rule = (files, group, message, paths = [], more = []) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: [barrel, ...paths], patterns: [{ group, message }, ...more] }] },
  });
  const express = [{ name: 'express', message: 'Only http/ (and app.ts) touch Express.' }];
  return [
    { files: ['functions/src/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [barrel] }] } },
    rule(['functions/src/kernel/**/*.ts'], ['../*'], 'kernel/ is the lowest layer: it imports nothing else from functions/src.', express),
    rule(
      ['functions/src/config.ts', 'functions/src/version.ts', 'functions/src/firebase.ts'],
      ['./*/**', '!./kernel/*'],
      'config/version/firebase sit just above kernel/.',
      express,
    ),
    rule(
      FEATURES.map((feature) => `functions/src/${feature}/**/*.ts`),
      ['../http/*', '../openapi/*', '../firebase', '../dev/*', ...TOP.map((module) => `../${module}`)],
      'Features sit below http/, openapi/ and the composition root; they receive services and platform handles, never build or import them.',
      express,
      [
        {
          // Cross-feature needs go through ports wired in composition.ts. The
          // exceptions are shared on purpose: every repository writes its audit
          // entry in the same batch as its change (audit.repository), the
          // profile embeds audit entries (audit.schemas), and the profile
          // mirrors the case status (kyc.state's list of statuses).
          group: ['../*/*', '!../kernel/*', '!../audit/audit.repository', '!../audit/audit.schemas', '!../kyc/kyc.state'],
          message: 'A feature reaches another feature through a port wired in composition.ts, not by importing it (functions/src/README.md).',
        },
      ],
    ),
    rule(
      ['functions/src/http/**/*.ts'],
      [...FEATURES.map((feature) => `../${feature}/*`), '../firebase', '../dev/*', ...TOP.map((module) => `../${module}`)],
      'http/ holds only Express concerns: it sees features through the services and operation declarations it is given.',
    ),
    rule(
      ['functions/src/openapi/**/*.ts'],
      ['../http/*', '../firebase', '../dev/*', '../app', '../index', '../composition'],
      'openapi/ describes the operations; it does not serve them.',
      express,
    ),
    // dev/ (the local seed and its history builder) is never deployed (firebase.json's functions ignore).
    rule(TOP.map((module) => `functions/src/${module}.ts`), ['./dev/*'], 'dev/ is not deployed: production code never imports it.'),
    rule(['functions/src/triggers/**/*.ts'], ['../dev/*'], 'dev/ is not deployed: production code never imports it.'),
  ];
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/lib/**', 'coverage/**', '.emulator-export/**', 'console/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Layer order of functions/src (functions/src/README.md), lowest first:
  //   kernel/ → config.ts, version.ts, firebase.ts → features (users/, kyc/,
  //   audit/, apikeys/, usage/, health/) → http/ (Express), openapi/ (contract)
  //   → operations.ts, composition.ts → app.ts → index.ts (instance.ts, triggers/).
  // A module may import only from its own layer or below.
  ...layerRules(),
  {
    // The console runs in browsers.
    files: ['console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
