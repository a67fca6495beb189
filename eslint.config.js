// ESLint: typescript-eslint's recommended type-aware rules for .ts, and
// eslint-plugin-astro's for .astro; layout is Prettier's (eslint-config-prettier
// turns off the rules that would argue with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist.*/',
      '.astro/',
      '.cache/',
      'bench-out/',
      'screenshots/',
      'node_modules/',
      '**/.dist.*/',
      'tests/fixtures/',
      'bench/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` names a value that is deliberately left out (e.g. `const { A: _, ...rest } = env`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // lib/ and the scripts report through the one logger (scripts/log.ts), never console.
      'no-console': 'error',
      // Matching control characters is the point where we do it: characters XML forbids, schemes a browser would strip.
      'no-control-regex': 'off',
    },
  },
  {
    // Code that runs in the reader's browser.
    files: ['src/components/**/*.{ts,astro}', 'src/scripts/**/*.ts', 'public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests and benchmarks may print what they measured.
    files: ['tests/**/*.ts', 'scripts/bench*.ts', 'scripts/screenshots.ts'],
    // Parsed XML and JSON in tests is read as untyped data on purpose: the assertions are the types.
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
