import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Module boundaries from the style guide: only store/ touches oxigraph, only queue/ bullmq, only api/ express
// (the folder layering is checked by dependency-cruiser, .dependency-cruiser.cjs).
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'oxigraph', message: 'only src/store/ may import oxigraph' },
        { name: 'bullmq', message: 'only src/queue/ may import bullmq' },
        { name: 'express', message: 'only src/api/ may import express' },
      ] }],
    },
  },
  { files: ['src/store/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [
    { name: 'bullmq', message: 'only src/queue/ may import bullmq' }, { name: 'express', message: 'only src/api/ may import express' }] }] } },
  { files: ['src/queue/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [
    { name: 'oxigraph', message: 'only src/store/ may import oxigraph' }, { name: 'express', message: 'only src/api/ may import express' }] }] } },
  { files: ['src/api/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [
    { name: 'oxigraph', message: 'only src/store/ may import oxigraph' }, { name: 'bullmq', message: 'only src/queue/ may import bullmq' }] }] } },
);
