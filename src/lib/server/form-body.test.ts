// Every posted form is read through readForm, so a body that is no readable form is a 400 everywhere: a new route
// that reads request.formData() itself fails here (tests/http/form-bodies.test.ts posts broken bodies to them all).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../..', import.meta.url));
const READER = fileURLToPath(new URL('./form-body.ts', import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return sources(path);
		return /\.(ts|js|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
	});
}

describe('form bodies are read in one place', () => {
	it('no route or server helper calls formData() itself: they use readForm (or formObject, which uses it)', () => {
		const files = [...sources(join(SRC, 'routes')), ...sources(join(SRC, 'lib', 'server'))];
		expect(files.length).toBeGreaterThan(50);
		const direct = files.filter((f) => f !== READER && /\.formData\s*\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
		expect(direct, 'read the form with readForm from $lib/server/form-body').toEqual([]);
	});

	it('readForm is the one that does, and formObject goes through it', () => {
		expect(readFileSync(READER, 'utf8')).toMatch(/request\.formData\(\)/);
		expect(readFileSync(join(SRC, 'lib', 'server', 'problem.ts'), 'utf8')).toMatch(/await readForm\(request\)/);
	});
});
