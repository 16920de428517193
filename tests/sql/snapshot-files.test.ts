// A reviewer reads the committed SQL files, and the snapshot test compares them: a statement is laid out one clause,
// condition and list item a line (never inside a quoted string), and a changed, added or dropped statement is reported
// with the call it belongs to and what to do.
import { describe, expect, it } from 'vitest';
import { callsOf, differences, layOut, snapshotText, type CapturedCall } from './snapshot-files';

const inboxCalls: CapturedCall[] = [
	{
		call: 'inbox(worker)',
		statements: [
			{
				sql: 'select count(*) as "n" from (select "o"."id" from "signals" as "o" where "o"."organisation_id" = ? and "o"."status" in (?, ?)) as "w"',
				failed: false
			},
			{ sql: 'select "s"."id", "s"."reference" from "signals" as "s" where "s"."id" in (?, ?)', failed: false }
		]
	},
	{ call: "inbox(worker, { q: 'muziek' })", statements: [{ sql: 'select "id" from "signals" where lower(description) like ?', failed: false }] }
];

describe('laying out a statement', () => {
	it('puts each clause, condition and list item on a line of its own and indents a subquery', () => {
		expect(layOut(inboxCalls[0].statements[0].sql)).toBe(
			[
				'select count(*) as "n"',
				'from (',
				'  select "o"."id"',
				'  from "signals" as "o"',
				'  where "o"."organisation_id" = ?',
				'    and "o"."status" in (?, ?)',
				') as "w"'
			].join('\n')
		);
		expect(layOut('select "id",\n\t\t"name" from  "areas"\n order by "name"')).toBe('select "id",\n  "name"\nfrom "areas"\norder by "name"');
	});

	it('leaves quoted text, function arguments, "case … end" and "between … and" whole', () => {
		expect(layOut(`select 'from a where b, c' as "t", count(*), substr(x, 1, 2) from "s"`)).toBe(
			`select 'from a where b, c' as "t",\n  count(*),\n  substr(x, 1, 2)\nfrom "s"`
		);
		expect(layOut('select case when a and b then 1 else 0 end as "x" from "s" where "at" between ? and ? and "k" = ?')).toBe(
			'select case when a and b then 1 else 0 end as "x"\nfrom "s"\nwhere "at" between ? and ?\n  and "k" = ?'
		);
		expect(layOut('select extract(epoch from ("a" - "b")) from "s" left join "t" on "t"."id" = "s"."t_id" group by "k" order by "k" desc')).toBe(
			'select extract(epoch from ("a" - "b"))\nfrom "s"\nleft join "t" on "t"."id" = "s"."t_id"\ngroup by "k"\norder by "k" desc'
		);
	});
});

describe('comparing the committed file with the SQL run now', () => {
	const committed = snapshotText('signals/inbox', 'sqlite', inboxCalls);

	it('names every call above each of its statements, and reads the file back per call', () => {
		expect(committed).toContain('-- inbox(worker)\nselect count(*) as "n"');
		expect(committed).toContain('-- inbox(worker)\nselect "s"."id",');
		expect([...callsOf(committed).keys()]).toEqual(['inbox(worker)', "inbox(worker, { q: 'muziek' })"]);
		expect(differences('src/core/signals/sql/inbox.sqlite.sql', committed, snapshotText('signals/inbox', 'sqlite', inboxCalls))).toBeNull();
	});

	it('reports a changed statement with its call, the advice and the first line that differs', () => {
		const wider = { sql: 'select "s"."id", "s"."reference" from "signals" as "s" where "s"."id" in (?, ?, ?)', failed: false };
		const changed = [{ ...inboxCalls[0], statements: [inboxCalls[0].statements[0], wider] }, inboxCalls[1]];
		const report = differences('src/core/signals/sql/inbox.sqlite.sql', committed, snapshotText('signals/inbox', 'sqlite', changed));
		expect(report).toBe(
			[
				'the SQL of inbox(worker) changed: run npm run sql:snapshots and commit the files.',
				'    in:        src/core/signals/sql/inbox.sqlite.sql',
				'    committed: where "s"."id" in (?, ?);',
				'    now:       where "s"."id" in (?, ?, ?);'
			].join('\n')
		);
	});

	it('reports a statement more, a call that is new or gone, a failed statement and a missing file', () => {
		const more = [inboxCalls[0], { ...inboxCalls[1], statements: [...inboxCalls[1].statements, { sql: 'select 1', failed: true }] }];
		expect(differences('f', committed, snapshotText('signals/inbox', 'sqlite', more))).toBe(
			[
				"the SQL of inbox(worker, { q: 'muziek' }) changed: run npm run sql:snapshots and commit the files.",
				'    in:        f',
				'    committed: (nothing)',
				"    now:       -- inbox(worker, { q: 'muziek' }) -- failed"
			].join('\n')
		);
		const renamed = [inboxCalls[0], { ...inboxCalls[1], call: "inbox(worker, { q: 'lift' })" }];
		expect(differences('f', committed, snapshotText('signals/inbox', 'sqlite', renamed))).toBe(
			[
				"the SQL of inbox(worker, { q: 'lift' }) is new: run npm run sql:snapshots and commit the files.",
				"the SQL of inbox(worker, { q: 'muziek' }) is no longer run: run npm run sql:snapshots and commit the files."
			].join('\n')
		);
		expect(snapshotText('signals/inbox', 'sqlite', more)).toContain("-- inbox(worker, { q: 'muziek' }) -- failed\nselect 1;");
		expect(differences('src/core/signals/sql/inbox.postgres.sql', null, committed)).toBe(
			'src/core/signals/sql/inbox.postgres.sql is missing: run npm run sql:snapshots and commit the files.'
		);
		expect(differences('f', committed.replace('SQLite', 'SQLite!'), committed)).toBe(
			'f differs outside its statements: run npm run sql:snapshots and commit the files.'
		);
	});
});
