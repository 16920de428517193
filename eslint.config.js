// ESLint: the boundary rules of docs/architecture.md (our own plugin, eslint/boundaries.js), and the recommended rules
// of JavaScript, typescript-eslint and eslint-plugin-svelte. `npm run lint` runs it; `npm test` runs that first.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import leefbaar from './eslint/boundaries.js';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'bench/.build/',
			'bench/.kit/',
			'bench/results/',
			'data/',
			'node_modules/',
			'test-results/',
			'.cache/',
			'scratch/',
			'static/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: false, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		plugins: { leefbaar },
		rules: {
			'leefbaar/layers': 'error',
			'leefbaar/entries': 'error',
			'leefbaar/no-module-cycles': 'error',
			// Leefbaar is served at the root of its origin (no paths.base), so a plain root-relative href is the link;
			// resolve() would add nothing but noise to 260 links.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		rules: {
			// A leading underscore marks what is left out on purpose (`const { password_hash: _omit, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// Pages build Maps and URLSearchParams inside functions, for one render or one link; none is kept as state.
			'svelte/prefer-svelte-reactivity': 'off',
			// {' '} and {' · '} keep the spaces Svelte drops around an {#if} block inside a line of text.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	{
		// Issue 13: a function that does not fit on a screen or two hides its steps; split it into named steps (read,
		// decide, write) instead. Blank lines and comments are free, so explaining a step never pushes a function over.
		files: ['src/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] }
	},
	{
		// Migrations are frozen in time: they take Kysely<any>, never today's schema types (Kysely's own advice), and
		// once shipped they are not reshaped: a database migrated by the old text must be the one the new text makes.
		// Their `up` is a long list of tables, each step already named by its createTable.
		files: ['src/core/db/migrations/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off', 'max-lines-per-function': 'off' }
	},
	{
		// autocannon ships no types; bench/autocannon.d.ts declares what the bench uses.
		files: ['bench/**'],
		rules: { '@typescript-eslint/triple-slash-reference': 'off' }
	},
	{
		// Tests may look inside the module they test, and set up data through any module's own functions.
		files: ['**/*.test.ts', 'tests/**', 'bench/**', 'src/core/**/factories.ts', 'src/core/**/testing.ts', 'src/core/**/test-*.ts'],
		rules: { 'leefbaar/entries': 'off', 'leefbaar/no-module-cycles': 'off' }
	}
);
