// Leefbaar's boundary rules, as an ESLint plugin of our own (docs/architecture.md, "Boundaries"):
// - `src/core` imports no Svelte, no `$app` and nothing of `src/lib` or `src/routes`;
// - outside a core module, the module is reached only through its public entry: `index.ts` (`$core/<module>`) or
//   `model.ts` (`$core/<module>/model`, what the browser may load); the files `src/core/*.ts` are shared by all;
// - no cycle between core modules (module A imports B, which imports A, directly or through others).
// Paths are resolved by hand ($core, $lib and relative specifiers are all this code base uses), so the rules need no
// resolver and run in a second on the whole tree.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const CORE = join(ROOT, 'src', 'core');
const LIB = join(ROOT, 'src', 'lib');
const ROUTES = join(ROOT, 'src', 'routes');
/** The module entries anyone may import. */
const ENTRIES = new Set(['', 'index', 'model']);
/**
 * Modules whose parts are imported by name, with the reason. i18n runs in the browser too: its index is swapped for
 * client.ts there (vite.config.ts), so pages import its parts (format, field-errors, page-messages) by their names.
 */
const OPEN_MODULES = new Map([['i18n', 'its index is swapped for client.ts in the browser build (vite.config.ts)']]);

const modules = () => readdirSync(CORE).filter((d) => statSync(join(CORE, d)).isDirectory());

function resolveSpecifier(spec, file) {
	if (spec === '$core' || spec.startsWith('$core/')) return join(CORE, spec.slice(6));
	if (spec === '$lib' || spec.startsWith('$lib/')) return join(LIB, spec.slice(5));
	if (spec.startsWith('.')) return resolve(dirname(file), spec);
	return null;
}

/** For a path under src/core: the module it belongs to and the path inside it ('' for the module itself). */
function coreModuleOf(path) {
	const rel = relative(CORE, path);
	if (rel.startsWith('..') || rel === '') return null;
	const [module, ...rest] = rel.split(sep);
	if (!rest.length && !isDirectory(join(CORE, module))) return null; // a shared file such as src/core/errors.ts
	return { module, inner: rest.join('/').replace(/\.(ts|js)$/, '') };
}

function isDirectory(path) {
	return existsSync(path) && statSync(path).isDirectory();
}

const isInside = (path, dir) => !relative(dir, path).startsWith('..');

function sourcesOf(node) {
	if (node.type === 'ImportExpression') return node.source?.type === 'Literal' ? [node.source.value] : [];
	return node.source ? [node.source.value] : [];
}

const checkedNodes = (check) => ({
	ImportDeclaration: check,
	ExportNamedDeclaration: check,
	ExportAllDeclaration: check,
	ImportExpression: check
});

const layers = {
	meta: { type: 'problem', docs: { description: 'core imports no Svelte, $app, src/lib or routes; src/lib imports no routes' }, schema: [] },
	create(context) {
		const file = context.filename;
		const inCore = isInside(file, CORE);
		const inLib = isInside(file, LIB);
		return checkedNodes((node) => {
			for (const spec of sourcesOf(node)) {
				if (inCore && (spec === 'svelte' || spec.startsWith('svelte/') || spec.startsWith('$app/') || spec.startsWith('@sveltejs/')))
					context.report({ node, message: `src/core imports no framework ('${spec}'): it runs without SvelteKit (scripts, jobs, tests).` });
				const target = resolveSpecifier(spec, file);
				if (!target) continue;
				if (inCore && (isInside(target, LIB) || isInside(target, ROUTES)))
					context.report({ node, message: `src/core imports nothing of src/lib or src/routes ('${spec}').` });
				if (inLib && isInside(target, ROUTES)) context.report({ node, message: `src/lib imports nothing of src/routes ('${spec}').` });
			}
		});
	}
};

const entries = {
	meta: { type: 'problem', docs: { description: 'a core module is imported only through its public entry from outside it' }, schema: [] },
	create(context) {
		const file = context.filename;
		const own = coreModuleOf(file)?.module;
		return checkedNodes((node) => {
			for (const spec of sourcesOf(node)) {
				const target = resolveSpecifier(spec, file);
				const where = target && coreModuleOf(target);
				if (!where || where.module === own || OPEN_MODULES.has(where.module)) continue;
				if (ENTRIES.has(where.inner)) continue;
				context.report({
					node,
					message: `Import the ${where.module} module through its public entry ('$core/${where.module}', or '$core/${where.module}/model' in the browser), not its file '${where.inner}'. Export what you need from src/core/${where.module}/index.ts.`
				});
			}
		});
	}
};

/** Module → the modules its files import (non-test files), read once per lint run. */
let graph = null;
function moduleGraph() {
	if (graph) return graph;
	graph = new Map();
	const specifier = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]/g;
	for (const module of modules()) {
		const uses = new Map();
		const walk = (dir) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (/\.(ts|js)$/.test(name) && !/\.test\.|^test-|^factories\.ts$|^testing\.ts$/.test(name)) {
					for (const [, spec] of readFileSync(path, 'utf8').matchAll(specifier)) {
						const target = resolveSpecifier(spec, path);
						const to = target && coreModuleOf(target)?.module;
						if (to && to !== module && !uses.has(to)) uses.set(to, relative(ROOT, path));
					}
				}
			}
		};
		walk(join(CORE, module));
		graph.set(module, uses);
	}
	return graph;
}

/** A path of modules from `from` back to `to`, if there is one. */
function pathBack(from, to) {
	const g = moduleGraph();
	const seen = new Set();
	const queue = [[from]];
	while (queue.length) {
		const path = queue.shift();
		const last = path[path.length - 1];
		if (last === to) return path;
		if (seen.has(last)) continue;
		seen.add(last);
		for (const next of g.get(last)?.keys() ?? []) queue.push([...path, next]);
	}
	return null;
}

const noModuleCycles = {
	meta: { type: 'problem', docs: { description: 'no cycle between core modules' }, schema: [] },
	create(context) {
		const file = context.filename;
		const own = coreModuleOf(file)?.module;
		if (!own) return {};
		return checkedNodes((node) => {
			if (node.importKind === 'type' || node.exportKind === 'type') return;
			for (const spec of sourcesOf(node)) {
				const target = resolveSpecifier(spec, file);
				const to = target && coreModuleOf(target)?.module;
				if (!to || to === own) continue;
				const back = pathBack(to, own);
				if (back)
					context.report({
						node,
						message: `Module cycle: ${[own, ...back].join(' → ')}. Move what both need into one of them, or into a module both may use.`
					});
			}
		});
	}
};

export default { meta: { name: 'leefbaar' }, rules: { layers, entries, 'no-module-cycles': noModuleCycles } };
