import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const PURE_CORE =
	'src/lib/domain is the pure core (DESIGN.md): no UI, storage, sync or scanner imports';

export default defineConfig(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/results/',
			'tests/.tmp/'
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// A leading underscore marks a parameter that an interface requires but this code ignores.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
			]
		}
	},
	{
		// TypeScript checks names itself; no-undef only misfires on types.
		files: ['**/*.ts', '**/*.svelte'],
		rules: { 'no-undef': 'off' }
	},
	{
		// Type-aware rules: an un-awaited IndexedDB write is data loss (STYLE.md 8).
		// Files outside every tsconfig (like playwright.config.ts) need an entry in
		// allowDefaultProject, or a tsconfig.json of their own folder.
		files: ['**/*.ts', '**/*.svelte'],
		extends: [ts.configs.recommendedTypeCheckedOnly],
		languageOptions: {
			parserOptions: {
				projectService: {
					allowDefaultProject: ['playwright.config.ts'],
					defaultProject: 'tsconfig.json'
				},
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			// In-memory twins of async contracts (STYLE.md 2) are async without awaiting.
			'@typescript-eslint/require-await': 'off'
		}
	},
	{
		// No import cycles (STYLE.md 8): a cycle makes load order decide what a
		// module sees, and it is how layers quietly start leaning on each other.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		plugins: { 'import-x': importX },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
			'import-x/extensions': ['.ts', '.js', '.svelte'],
			// Each imported file is read with its own parser.
			'import-x/parsers': {
				'@typescript-eslint/parser': ['.ts', '.js'],
				'svelte-eslint-parser': ['.svelte']
			}
		},
		rules: { 'import-x/no-cycle': 'error' }
	},
	// After the TypeScript blocks, so .svelte files keep the Svelte parser.
	svelte.configs.recommended,
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
		rules: {
			// The app is served at the root (no kit.paths.base), so wrapping every
			// href and goto() in resolve() would change nothing.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'dexie',
								'dexie/*',
								'yjs',
								'y-*',
								'@zxing/*',
								'jsbarcode',
								'$app/*',
								// The other layers of src/lib, by alias or relative path.
								'$lib/*',
								'!$lib/domain',
								'!$lib/domain/*',
								'**/ledger/*',
								'**/store/*',
								'**/scan/*',
								'**/labels/*',
								'**/ui/*'
							],
							message: PURE_CORE
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				...['window', 'document', 'navigator', 'localStorage', 'indexedDB'].map((name) => ({
					name,
					message: 'src/lib/domain is the pure core (DESIGN.md): no DOM or browser storage'
				}))
			]
		}
	},
	prettier,
	svelte.configs.prettier
);
