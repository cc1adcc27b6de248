import js from '@eslint/js';
import r3f from '@react-three/eslint-plugin';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerZones } from './scripts/layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'coverage',
      'docs',
      'test-results',
      'bench-results',
      'bench/**/node_modules',
      'dev-dist',
      '.scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/layers.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/order': ['warn', { alphabetize: { order: 'asc', caseInsensitive: true } }],
      'import-x/no-named-as-default-member': 'off',
      // `virtual:` modules are made by the build (vite.config.ts), typed in src/state/virtualContent.d.ts.
      'import-x/no-unresolved': ['error', { ignore: ['\\?url$', '^virtual:'] }],
    },
  },
  {
    // One way down the layers of src/ (layers.json): no import up, none between siblings
    // (scene and ui, i18n and bodyModel), none between two modes.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones() }] },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks, '@react-three': r3f },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@react-three/no-clone-in-loop': 'error',
      '@react-three/no-new-in-loop': 'error',
    },
  },
  {
    // Three.js objects are mutable by design: R3F code assigns materials and callbacks on them.
    files: ['src/scene/**/*.{ts,tsx}', 'src/modes/*/scene/**/*.{ts,tsx}'],
    rules: { 'react-hooks/immutability': 'off' },
  },
  {
    // Pure layers: no React, DOM-only libraries or R3F (the layer order is the rule above).
    files: ['src/domain/**/*.ts', 'src/content/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '@react-three/*'],
              message: 'src/domain and src/content stay free of React and R3F.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'scripts/layers.js'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'import-x/default': 'off' },
  },
);
