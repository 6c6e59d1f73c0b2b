import { readdirSync } from 'node:fs';
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

const layerPattern = (layer) => ({
  group: above(layer).map((upper) => `**/${upper}/**`),
  message: `main/${layer} sits below ${above(layer).join(', ')}: it may not import them (see docs/architecture.md).`,
});
const layerRules = layers.slice(0, -1).map((layer) => ({
  files: [`main/${layer}/**`],
  rules: { 'no-restricted-imports': ['error', { ...electronBan, patterns: [...electronBan.patterns, layerPattern(layer)] }] },
}));

/**
 * The tiers inside main/domain, lowest first; a folder may import its own tier and those below.
 * The engine (Kinesis calls, the reader, decoding, KPL, files, lease tables, the resumable-job
 * protocol) knows no other folder. The services (connections and what a connection reaches
 * beside Kinesis, plan tokens) add the engine. The features each add the engine and the
 * services, and never each other: what two features share moves down, so that one can change
 * or go without touching another. The sandbox composes features' parts into a demo and sits on
 * top: nothing else in the domain imports it (the app hands the connections a starter for it).
 */
const domainTiers = [
  { tier: 'the engine', folders: ['engine'] },
  { tier: 'the services', folders: ['connections', 'plans', 'side-services', 'audit'] },
  {
    tier: 'the features',
    folders: [
      'runs',
      'search',
      'writes',
      'admin',
      'consumers',
      'permissions',
      'metrics',
      'preview',
      'pipelines',
      'capacity',
      'redrive',
      'heat',
    ],
    isolated: true,
  },
  { tier: 'the composition', folders: ['sandbox'] },
];
const domainRules = domainTiers.flatMap(({ tier, folders, isolated }, index) => {
  const higher = domainTiers.slice(index + 1).flatMap((t) => t.folders);
  return folders.map((folder) => {
    const banned = [...higher, ...(isolated ? folders.filter((f) => f !== folder) : [])];
    const domainPattern = {
      group: banned.map((other) => `**/${other}/**`),
      message: `main/domain/${folder} is in ${tier}: it may not import ${banned.join(', ')} (see the domain tiers in eslint.config.js).`,
    };
    const patterns = [...electronBan.patterns, layerPattern('domain'), ...(banned.length ? [domainPattern] : [])];
    return { files: [`main/domain/${folder}/**`], rules: { 'no-restricted-imports': ['error', { ...electronBan, patterns }] } };
  });
});

/** What a host may not import: the domain and the api handlers, which it reaches through main/app and the dispatcher. */
const hostsBypass = {
  group: ['**/domain/**', '**/api/**'],
  message: 'A host reaches the domain through the dispatcher that main/app builds, never by import (see docs/architecture.md).',
};

/**
 * The renderer's layers, lowest first: the typed API object and its answers (api), the store's
 * hook and slice types (state), widgets several features share (ui), one folder per feature, and
 * the shell that composes them (app). Features never import each other: what two need is moved
 * down into state/ or ui/, or handed in by app/.
 */
const rendererBase = ['api', 'state', 'ui'];
const rendererFeatures = readdirSync(new URL('./renderer', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && ![...rendererBase, 'app', 'public'].includes(entry.name))
  .map((entry) => entry.name);
const rendererMainBan = { group: ['**/main/**'], message: 'The renderer talks to main through the API object, never by import.' };
/** The renderer's own bans for files of one layer: main, and every folder in `upper`. */
const rendererRestricted = (upper, message) => [
  'error',
  { ...electronBan, patterns: [...electronBan.patterns, rendererMainBan, { group: upper.map((folder) => `**/${folder}/**`), message }] },
];
const rendererLayerRules = [
  ...rendererBase.map((layer, i) => {
    const upper = [...rendererBase.slice(i + 1), ...rendererFeatures, 'app'];
    return {
      files: [`renderer/${layer}/**`],
      rules: {
        'no-restricted-imports': rendererRestricted(
          upper,
          `renderer/${layer} sits below ${rendererBase
            .slice(i + 1)
            .concat('the features', 'app')
            .join(', ')}: it may not import them.`,
        ),
      },
    };
  }),
  ...rendererFeatures.map((feature) => ({
    files: [`renderer/${feature}/**`],
    rules: {
      'no-restricted-imports': rendererRestricted(
        [...rendererFeatures.filter((other) => other !== feature), 'app'],
        `renderer/${feature} is a feature: it may import api/, state/ and ui/, never another feature or app/ (move what both need into state/ or ui/, or let app/ hand it in).`,
      ),
    },
  })),
];

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
  ...domainRules,
  {
    // Every host, the CLI included, reaches the domain through the dispatcher's api handlers, which
    // the composition root (main/app) builds: a host that imported a use case would be a second one.
    files: ['main/hosts/**'],
    ignores: ['main/hosts/electron/**'],
    rules: { 'no-restricted-imports': restricted(hostsBypass.group, hostsBypass.message) },
  },
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
    // The one host that may import electron: only the hosts' own rule applies to it.
    files: ['main/hosts/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [hostsBypass] }] },
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
  ...rendererLayerRules,
  {
    // A slice's test sits beside it and builds the whole store, from app/, as the window does.
    files: ['test/**', 'renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
