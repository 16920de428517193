// Every table has one owning module: only the owner's queries read or write it. This reads the query code of every core
// module (tests, factories.ts and testing files aside) and fails on a query that names another module's table, unless
// it is a listed read model; a write across the line fails always. The map agrees with the schema type and with the
// ownership table in docs/architecture.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossingsIn, isAllowed, NOT_YET_MOVED, OWNERS, ownerOf, READ_MODELS, tablesNamed, type Crossing } from './ownership';

const root = join(import.meta.dirname, '../../..');
const core = join(root, 'src/core');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const exempt = (file: string) => /\.test\.ts$|(^|\/)(factories|testing)\.ts$|\.testing\.ts$/.test(file);

function allCrossings(): Crossing[] {
	return sourceFiles(core)
		.filter((path) => !exempt(path))
		.flatMap((path) => {
			const inCore = relative(core, path);
			if (!inCore.includes('/')) return []; // the shared kernel files hold no queries
			const [module, ...rest] = inCore.split('/');
			return crossingsIn(module, rest.join('/'), readFileSync(path, 'utf8'));
		});
}

const describeCrossing = (c: Crossing) => `${c.module}/${c.file}:${c.line} ${c.write ? 'writes' : 'reads'} ${c.table} (owned by ${c.owner})`;

describe('the scanner', () => {
	it('finds Kysely calls, joins and raw SQL that name a table, and tells writes from reads', () => {
		const source = [
			"const a = await db.selectFrom('households').innerJoin('dwellings as d', 'd.id', 'households.dwelling_id').select('id');",
			"await tx.updateTable('buildings').set({ name }).execute();",
			'const b = await sql`SELECT count(*) FROM signals s JOIN referrals r ON r.signal_id = s.id`.execute(db);',
			"await db.with('recent', (q) => q.selectFrom('organisations').selectAll()).selectFrom('recent').selectAll().execute();",
			"// db.selectFrom('users') in a comment does not count",
			'await sql`insert into outbox (id) values (${id})`.execute(tx);',
			"await insertRows(tx, [{ table: 'audit_log', rows: [entry] }]);"
		].join('\n');
		expect(tablesNamed(source).map((t) => [t.table, t.write, t.line])).toEqual([
			['households', false, 1],
			['dwellings', false, 1],
			['buildings', true, 2],
			['signals', false, 3],
			['referrals', false, 3],
			['organisations', false, 4],
			['outbox', true, 6],
			['audit_log', true, 7]
		]);
	});

	it('reports a module that names a table it does not own, and lets a listed read model read but never write', () => {
		const source =
			"const row = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();\nawait db.deleteFrom('organisations').execute();";
		const crossings = crossingsIn('people', 'consents.ts', source);
		expect(crossings.map(describeCrossing)).toEqual([
			'people/consents.ts:1 reads organisations (owned by partners)',
			'people/consents.ts:2 writes organisations (owned by partners)'
		]);
		const readModel = [{ module: 'people', file: 'consents.ts', tables: ['organisations'], reason: 'a test' }];
		expect(crossings.map((c) => isAllowed(c, readModel))).toEqual([true, false]);
		expect(crossingsIn('partners', 'service.ts', source)).toEqual([]);
	});
});

describe('table ownership', () => {
	const crossings = allCrossings();

	it('every table in the schema type has exactly one owner', () => {
		const schema = readFileSync(join(core, 'db/schema.ts'), 'utf8');
		const body = schema.slice(schema.indexOf('export interface Database {'));
		const tables = [...body.slice(0, body.indexOf('\n}')).matchAll(/^\t([a-z_0-9]+): /gm)].map((m) => m[1]);
		expect(tables.length).toBeGreaterThan(40);
		expect(tables.filter((t) => !ownerOf(t))).toEqual([]);
		const listed = Object.values(OWNERS).flat();
		expect(listed.length).toBe(new Set(listed).size);
	});

	it('no module writes a table of another module', () => {
		expect(crossings.filter((c) => c.write).map(describeCrossing)).toEqual([]);
	});

	it('no module reads a table of another module outside a listed read model', () => {
		expect(crossings.filter((c) => !isAllowed(c)).map(describeCrossing)).toEqual([]);
	});

	it('every read model gives its reason and is still needed', () => {
		for (const r of [...READ_MODELS, ...NOT_YET_MOVED]) {
			expect(r.reason.length, `${r.module}/${r.file}`).toBeGreaterThan(20);
			for (const table of r.tables) {
				expect(ownerOf(table), `${r.module}/${r.file}: ${table}`).not.toBe(r.module);
				const used = crossings.some((c) => c.module === r.module && c.file === r.file && c.table === table);
				expect(used, `${r.module}/${r.file} no longer reads ${table}: take it off the list`).toBe(true);
			}
		}
	});

	it('the ownership table in docs/architecture.md says the same', () => {
		const docs = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
		const section = docs.slice(docs.indexOf('### Who owns which table'));
		const rows = section.slice(0, section.indexOf('\n\n', section.indexOf('| table | owner |'))).split('\n');
		const documented = rows.flatMap((row) => {
			const cells = row.split('|').map((c) => c.trim());
			if (cells.length < 4 || !cells[1].startsWith('`')) return [];
			return [...cells[1].matchAll(/`([a-z_0-9]+)`/g)].map((m) => [m[1], cells[2]]);
		});
		const expected = Object.entries(OWNERS).flatMap(([module, tables]) => tables.map((t) => [t, module]));
		expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(expected));
	});

	it('the appendix of docs/architecture.md lists the same read models and queries not moved yet', () => {
		const docs = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
		const appendix = docs.slice(docs.indexOf('### Read models'));
		const [readModels, notMoved] = appendix.split('### Not moved yet');
		const listed = (text: string) => [...text.matchAll(/^\| `([a-z]+\/[^`]+)` \|/gm)].map((m) => m[1]).sort();
		expect(listed(readModels)).toEqual(READ_MODELS.map((r) => `${r.module}/${r.file}`).sort());
		expect(listed(notMoved)).toEqual(NOT_YET_MOVED.map((r) => `${r.module}/${r.file}`).sort());
		expect(readModels).toContain(`(${READ_MODELS.length} entries,`);
		expect(notMoved).toContain(`(${NOT_YET_MOVED.length} entries,`);
	});
});
