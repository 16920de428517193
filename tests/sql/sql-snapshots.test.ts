// The committed SQL of the hot queries is the SQL they run today, on SQLite and on PostgreSQL: a query changed in the
// code and not in its file fails here. `npm run sql:snapshots` runs this file with SQL_SNAPSHOTS=write, which writes
// the files instead of comparing them (and then needs both databases).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { generateSnapshots } from './capture';
import { differences } from './snapshot-files';

const writing = process.env.SQL_SNAPSHOTS === 'write';
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null);

/** The .sql files of this dialect under src/core/<module>/sql/ that the generator does not write (any more). */
function strayFiles(dialect: string, written: ReadonlySet<string>): string[] {
	const core = join(root, 'src/core');
	return readdirSync(core)
		.map((module) => `src/core/${module}/sql`)
		.filter((dir) => existsSync(join(root, dir)))
		.flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`))
		.filter((path) => path.endsWith(`.${dialect}.sql`) && !written.has(path));
}

if (writing)
	it('writes the SQL of the hot queries on both databases', () => {
		expect(testDialects(), 'PostgreSQL is needed to write its files: start it or set TEST_DATABASE_URL').toContain('postgres');
	});

for (const dialect of testDialects()) {
	describe(`the SQL of the hot queries [${dialect}]`, () => {
		it(
			writing ? 'writes the files' : 'is the SQL in the committed files',
			async () => {
				const files = await generateSnapshots(dialect);
				const stray = strayFiles(dialect, new Set(files.keys()));
				if (writing) {
					for (const [path, text] of files) {
						mkdirSync(dirname(join(root, path)), { recursive: true });
						writeFileSync(join(root, path), text);
					}
					for (const path of stray) rmSync(join(root, path));
					expect(files.size, 'hot paths captured').toBeGreaterThan(0);
					return;
				}
				const found = [...files].map(([path, text]) => differences(path, read(path), text)).filter((d) => d !== null);
				found.push(...stray.map((path) => `${path} is no longer written: run npm run sql:snapshots and commit the files.`));
				expect(found.join('\n'), 'differences from the committed SQL').toBe('');
			},
			120_000
		);
	});
}
