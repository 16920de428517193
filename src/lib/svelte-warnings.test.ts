// `npm start` builds without a compiler warning: every component and page compiles clean (a11y, unused CSS, state
// captured once, …). The same check svelte-check and the build make, in a second, so a new warning fails `npm test`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

describe('the components compile without warnings', () => {
	it('every .svelte file under src/', () => {
		const files = svelteFiles(join(ROOT, 'src'));
		expect(files.length).toBeGreaterThan(50);
		const warnings = files.flatMap((file) => {
			const name = relative(ROOT, file);
			const { warnings } = compile(readFileSync(file, 'utf8'), { filename: name, generate: 'server', dev: false });
			return warnings.map((w) => `${name}:${w.start?.line ?? '?'} ${w.code}: ${w.message.split('\n')[0]}`);
		});
		expect(warnings).toEqual([]);
	});
});
