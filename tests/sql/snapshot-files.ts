// The text of a committed SQL file (src/core/<module>/sql/<name>.<dialect>.sql) and the comparison the test makes: pure,
// so that what a reviewer reads and what the test reports are tested without a database.
import type { Dialect } from '../../src/core/db/dialect';

/** One captured call: its name as the file shows it, and the statements it ran in order (failed ones marked). */
export type CapturedCall = { call: string; statements: ReadonlyArray<{ sql: string; failed: boolean }> };

/** Words before which a clause starts on a new line (outside function parentheses). */
const CLAUSES = new Set([
	'select',
	'from',
	'where',
	'group by',
	'having',
	'order by',
	'limit',
	'offset',
	'union',
	'union all',
	'intersect',
	'except',
	'inner join',
	'left join',
	'right join',
	'cross join',
	'join',
	'values',
	'set',
	'returning',
	'on conflict',
	'for update'
]);
const INDENT = '  ';

/** Words, quoted strings and identifiers (kept whole), or any other single character. */
function tokens(text: string): string[] {
	return text.match(/'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|\s+|./gs) ?? [];
}

/**
 * A statement laid out for reading and diffing: a clause, a condition or a list item a line, a subquery indented inside its parentheses,
 * whitespace outside quotes collapsed (raw SQL templates keep their author's line breaks otherwise). The words are
 * untouched, so the statement is the one the database received.
 */
export function layOut(text: string): string {
	const parts = tokens(text.trim()).map((t) => (/^\s+$/.test(t) ? ' ' : t));
	const lines: string[] = [];
	let line = '';
	// For each open parenthesis: does it hold a subquery (its own clauses on their own lines)?
	const parens: boolean[] = [];
	const depth = () => parens.filter(Boolean).length;
	const breakLine = (indent: number) => {
		if (line.trim()) lines.push(line.trimEnd());
		line = INDENT.repeat(indent);
	};
	const nextWord = (i: number) => parts.slice(i + 1).find((p) => p !== ' ');
	const atClause = () => parens.length === 0 || parens[parens.length - 1];
	// Conditions joined by "and"/"or" and the items of a list get a line each, except inside "case … end" (and the "and"
	// of "between … and").
	let cases = 0;
	let between = false;
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (part === ' ' && line.trim() === '') continue;
		const lower = part.toLowerCase();
		if (lower === 'case') cases += 1;
		if (lower === 'end' && cases > 0) cases -= 1;
		if (lower === 'between') between = true;
		if ((lower === 'and' || lower === 'or') && atClause() && cases === 0 && !between) {
			breakLine(depth() + 1);
			line += part;
			continue;
		}
		if (lower === 'and') between = false;
		if (part === ',' && atClause() && cases === 0) {
			// A list of the clause (columns, sort keys, assignments): an item a line.
			line += part;
			breakLine(depth() + 1);
			continue;
		}
		const pair = `${lower} ${(nextWord(i) ?? '').toLowerCase()}`;
		const previous = parts
			.slice(0, i)
			.reverse()
			.find((p) => p !== ' ')
			?.toLowerCase();
		if (part === '(') {
			const sub = ['select', 'with'].includes((nextWord(i) ?? '').toLowerCase());
			line += part;
			parens.push(sub);
			if (sub) breakLine(depth());
			continue;
		}
		if (part === ')') {
			const sub = parens.pop();
			if (sub) breakLine(depth());
			line += part;
			continue;
		}
		if (i > 0 && atClause() && (CLAUSES.has(pair) || (CLAUSES.has(lower) && !CLAUSES.has(`${previous} ${lower}`)))) {
			// "inner join", "group by" …: the break comes before the first word only; "delete from" stays on one line.
			if (!(lower === 'from' && previous === 'delete') && !(lower === 'set' && previous === 'update')) breakLine(depth());
		}
		line += part;
	}
	breakLine(0);
	return lines.join('\n');
}

const HEADER = (path: string, dialect: Dialect) => [
	`-- The SQL that the hot path ${path} runs on ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, statement by statement, with placeholders for the values.`,
	'-- Written by `npm run sql:snapshots` (docs/architecture.md, "The hot queries"); a change here is a change of a hot query.'
];

const FAILED = ' -- failed';
const NONE = ' -- no statement';

/**
 * The file: a header, then each statement as a block under a comment naming its call (unnumbered, so that a statement
 * added to a call shows in a diff as that block alone).
 */
export function snapshotText(path: string, dialect: Dialect, calls: readonly CapturedCall[]): string {
	const blocks = [HEADER(path, dialect).join('\n')];
	for (const { call, statements } of calls) {
		if (statements.length === 0) blocks.push(`-- ${call}${NONE}`);
		for (const s of statements) blocks.push(`-- ${call}${s.failed ? FAILED : ''}\n${layOut(s.sql)};`);
	}
	return `${blocks.join('\n\n')}\n`;
}

/** The calls of a file with their blocks, in the order they come; the header (the first block) is left out. */
export function callsOf(text: string): Map<string, string> {
	const calls = new Map<string, string>();
	for (const block of text
		.replace(/\r\n/g, '\n')
		.split(/\n{2,}/)
		.slice(1)) {
		const first = block.split('\n')[0];
		if (!first.startsWith('-- ')) continue;
		const call = first.slice(3).replace(FAILED, '').replace(NONE, '');
		calls.set(call, calls.has(call) ? `${calls.get(call)}\n\n${block}` : block);
	}
	return calls;
}

/**
 * What differs between the committed file and the one generated now, one line per call (null when they are the
 * same): changed calls first, with the first line that differs, then calls that came or went.
 */
export function differences(path: string, committed: string | null, generated: string): string | null {
	if (committed === generated) return null;
	const advice = 'run npm run sql:snapshots and commit the files';
	if (committed === null) return `${path} is missing: ${advice}.`;
	const before = callsOf(committed);
	const after = callsOf(generated);
	const found: string[] = [];
	for (const [call, text] of after) {
		const old = before.get(call);
		if (old === undefined) found.push(`the SQL of ${call} is new: ${advice}.`);
		else if (old !== text) {
			const a = old.split('\n').filter(Boolean);
			const b = text.split('\n').filter(Boolean);
			const k = b.findIndex((l, i) => l !== a[i]);
			const at = k === -1 ? a.length : k;
			found.push(
				[
					`the SQL of ${call} changed: ${advice}.`,
					`    in:        ${path}`,
					`    committed: ${a[at] ?? '(nothing)'}`,
					`    now:       ${b[at] ?? '(nothing)'}`
				].join('\n')
			);
		}
	}
	for (const call of before.keys()) if (!after.has(call)) found.push(`the SQL of ${call} is no longer run: ${advice}.`);
	if (found.length === 0) found.push(`${path} differs outside its statements: ${advice}.`);
	return found.join('\n');
}
