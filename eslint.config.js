// Lint: type-aware TypeScript rules, React's hooks rules, and the runtime layering — each
// folder is one runtime, and an import across that line fails here as well as in the
// per-folder type check.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];

const mainLayer = [
  { group: ['**/renderer/**'], message: 'main/ never imports the renderer; the IPC contract lives in main/ipc.' },
  {
    group: ['**/server/**'],
    message: 'main/ never imports the server; the wire contract it shares with it is protocol/.',
  },
];

const serverLayer = {
  group: ['**/main/**', '**/renderer/**', 'electron', 'react', 'react-dom'],
  message: 'server/ runs in plain Node on its own: it imports nothing of the desktop app.',
};

function forbid(...groups) {
  return { 'no-restricted-imports': ['error', { patterns: groups }] };
}

export default tseslint.config(
  // test/lint/fixtures holds mistakes on purpose: the lint tests read it to prove the rules bite.
  { ignores: ['node_modules/', 'dist/', 'out/', 'data/', 'test-results/', 'test/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // `async` on a function without `await` is how a throw becomes a rejection here.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'error',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // The start scripts (main/**/*.mjs) are type-checked by tsc (checkJs), which knows Node's
  // globals; ESLint's no-undef does not.
  { files: ['**/*.mjs'], rules: { 'no-undef': 'off' } },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // Says only that the React Compiler would skip a component; this app does not use it.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: forbid(serverLayer),
  },
  {
    files: ['server/store/postgres/**/*.ts'],
    rules: forbid(serverLayer, {
      group: ['**/sqlite/**'],
      message: 'The stores share server/store/sql/, not each other’s internals.',
    }),
  },
  {
    files: ['server/store/sqlite/**/*.ts'],
    rules: forbid(serverLayer, {
      group: ['**/postgres/**'],
      message: 'The stores share server/store/sql/, not each other’s internals.',
    }),
  },
  {
    files: ['protocol/**/*.ts'],
    rules: forbid(
      { group: nodeBuiltins, message: 'The wire contract is runtime-neutral: clients import it too.' },
      { group: ['../*'], message: 'The wire contract depends on nothing else in the repository.' },
    ),
  },
  {
    files: ['main/**/*.ts'],
    rules: forbid(...mainLayer),
  },
  {
    files: ['main/core/**/*.ts', 'main/chromium/**/*.ts', 'main/launcher/**/*.ts'],
    rules: forbid(
      {
        group: ['electron', 'electron/*'],
        message: 'Only main/electron runs inside Electron: this code runs in plain Node.',
      },
      ...mainLayer,
    ),
  },
  {
    files: ['main/ipc/**/*.ts'],
    rules: forbid(
      {
        group: [...nodeBuiltins, 'electron', 'electron/*'],
        message: 'The IPC contract is runtime-neutral: the renderer imports it too.',
      },
      { regex: '^\\.\\./(?!\\.\\./protocol/)', message: 'The IPC contract depends only on the wire contract.' },
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: forbid(
      {
        group: [...nodeBuiltins, 'electron', 'electron/*', 'socket.io-client', 'lowdb'],
        message: 'The renderer sees only window.messenger: no Node, Electron or network.',
      },
      {
        group: ['**/server/**', '**/protocol/**', '**/main/*', '!**/main/ipc', '**/main/*/**', '!**/main/ipc/**'],
        message:
          'The renderer may import only the IPC contract (main/ipc), which passes on what it needs of protocol/.',
      },
    ),
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    // Tests read raw wire answers as `any` on purpose (they also send and receive malformed
    // payloads), and hand methods to `expect` and spies unbound.
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
