import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'zlib', 'http', 'https', 'stream',
  'worker_threads', 'child_process', 'url', 'util', 'events', 'buffer'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-len': ['error', { code: 100, ignoreUrls: true, ignoreStrings: true,
        ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      'import-x/order': ['error', {
        groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index', 'type'],
        'newlines-between': 'always',
        alphabetize: { order: 'asc', caseInsensitive: true },
      }],
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // shared/ runs in both processes: no Node, no DOM, no Electron, nothing from either side.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'shared/ must stay free of Node APIs.' },
        { group: ['electron', 'react', 'react-dom', '**/electron/**', '**/renderer/**'],
          message: 'shared/ may import only shared/ and pure libraries such as zod.' },
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer',
        'require', '__dirname', 'localStorage'],
    },
  },
  {
    // The renderer talks only to window.cadent: no Node, no Electron, no main-process code.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: nodeBuiltins, message: 'The renderer has no Node APIs.' },
        { group: ['electron', '**/electron/**'],
          message: 'The renderer reaches the main process only through window.cadent.' },
      ] }],
    },
  },
  {
    // Only main.ts and preload.ts may import electron; everything else is testable in Node.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'electron', message: 'Only electron/main.ts and electron/preload.ts import electron.' },
      ] }],
    },
  },
);
