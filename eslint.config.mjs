// ESLint flat config: typescript-eslint recommended, type-aware rules kept to what matters.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/**', 'dist/**', 'coverage/**', 'test-results/**', '.sandbox/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // CommonJS configuration files (jest reads them with require).
    files: ['*.js', 'sandbox/forge/jest-mapper.js', 'test/ui/style-stub.js', 'scripts/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Browser scripts served as they are (the sandbox shell's side of the Custom UI bridge).
    files: ['sandbox/shell/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The domain must stay pure: no Forge runtime in src/rules.
    files: ['src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@forge/*'], message: 'src/rules is pure: no @forge imports.' }] }],
    },
  },
);
