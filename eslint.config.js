import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronBan = {
  paths: [
    { name: 'electron', message: 'Only main/hosts/electron/ and preload/ may import electron: the rest of main runs under plain Node.' },
  ],
  // AGPL-3.0, a test dependency only: it must never be bundled into the app.
  patterns: [{ group: ['@cloud-copilot/*'], message: 'iam-simulate is for tests only (AGPL-3.0).' }],
};

/**
 * The layers of main/, lowest first. A layer may import the layers below it and never those
 * above: security and aws know only shared/; core adds the AWS boundary; the domain adds core;
 * the API handlers add the domain; the composition root (app) adds the handlers; the hosts
 * (Electron, the browser host, the CLI) sit on top and may use everything.
 */
const layers = ['security', 'aws', 'core', 'domain', 'api', 'app', 'hosts'];
const above = (layer) => layers.slice(layers.indexOf(layer) + 1);
/** The electron and iam-simulate bans, and imports matching `group` refused with `message`. */
const restricted = (group, message) => ['error', { ...electronBan, patterns: [...electronBan.patterns, { group, message }] }];

const layerRules = layers.slice(0, -1).map((layer) => ({
  files: [`main/${layer}/**`],
  rules: {
    'no-restricted-imports': restricted(
      above(layer).map((upper) => `**/${upper}/**`),
      `main/${layer} sits below ${above(layer).join(', ')}: it may not import them (see docs/architecture.md).`,
    ),
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', electronBan],
    },
  },
  ...layerRules,
  {
    files: ['shared/**', 'preload/**'],
    rules: {
      'no-restricted-imports': restricted(
        ['**/main/**', '**/renderer/**'],
        'shared/ and the bridges know only the contract, never main or the renderer.',
      ),
    },
  },
  {
    // The Electron preload is the one bridge that needs electron itself.
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The bridges know only the contract, never main or the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/hosts/electron/**', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this project does not use.
      'react-hooks/incompatible-library': 'off',
      // The renderer reaches main only through the typed API object.
      'no-restricted-imports': restricted(['**/main/**'], 'The renderer talks to main through the API object, never by import.'),
      'no-restricted-globals': ['error', { name: 'ipcRenderer', message: 'Use the typed API object.' }],
    },
  },
);
