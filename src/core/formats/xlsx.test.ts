// A community worker exports survey results to open in a spreadsheet: one row per answer set and a sheet of figures.
// No spreadsheet program is installed here, so the workbook is unzipped and its XML read back (and checked to be
// well-formed) by a small reader below, the way a spreadsheet would read it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors';
import { columnName, escapeText, excelSerial, sheetNames, writeXlsx, type XlsxCell } from './xlsx';

const submitted = [new Date('2026-03-29T00:30:00Z'), new Date('2026-03-29T01:30:00Z'), new Date('2026-10-25T12:00:00Z')];
const tricky = [
	'=HYPERLINK("http://example.com","klik")',
	'+32 470 12 34 56',
	'-2+3',
	'@SUM(A1:A9)',
	'0012',
	'Top! 👍🏽 🏠',
	'Tom & Jerry <b>"x"</b>',
	'  spaties  ',
	'tab\there\nnieuwe regel',
	'bel\u0007',
	'_x0041_ blijft zo',
	'Één ça ß'
];

describe('XLSX export', () => {
	it('keeps numbers, dates, yes/no and empty cells as what they are, and text (formulas too) as plain text', async () => {
		const rows: XlsxCell[][] = tricky.map((text, i) => [
			submitted[i % 3],
			i % 2 ? 'Vlashaard' : 'Gullegem-Centrum',
			i,
			i % 3 === 0,
			text,
			i === 1 ? null : 2.5 * i
		]);
		rows.push([undefined, 'Vlashaard', Number.NaN, false, '', Infinity]);
		const book = readXlsx(
			await writeXlsx([
				{
					name: 'Antwoorden',
					columns: [
						{ header: 'Ingediend op' },
						{ header: 'Woonwijk', width: 24 },
						{ header: 'Tevredenheid (1-5)' },
						{ header: 'Op papier' },
						{ header: 'Opmerking', width: 60 },
						{ header: 'Bedrag' }
					],
					rows
				},
				{
					name: 'Cijfers',
					columns: [{ header: 'Vraag' }, { header: 'Antwoorden' }, { header: 'Dag', dateFormat: 'date' }],
					rows: [['Hoe tevreden ben je?', 312, new Date('2026-05-31T00:00:00Z')]]
				}
			])
		);
		expect(book.names).toEqual(['Antwoorden', 'Cijfers']);
		const [answers, figures] = book.sheets;
		expect(answers.rows[0]).toEqual(['Ingediend op', 'Woonwijk', 'Tevredenheid (1-5)', 'Op papier', 'Opmerking', 'Bedrag']);
		// Text comes back exactly as typed, and is stored as text: no cell anywhere holds a formula.
		expect(answers.rows.slice(1, -1).map((r) => r[4])).toEqual(tricky);
		for (const i of tricky.keys()) expect(answers.types[i + 1][4]).toBe('s');
		expect(book.xml.join('')).not.toMatch(/<f[ >]/);
		// Numbers are numbers, yes/no are booleans, an empty or impossible value leaves the cell empty.
		expect(answers.rows[3]).toEqual([excelSerial(submitted[2]), 'Gullegem-Centrum', 2, false, '-2+3', 5]);
		expect(answers.types[3]).toEqual(['n', 's', 'n', 'b', 's', 'n']);
		expect(answers.rows[2][5]).toBeUndefined();
		expect(answers.rows.at(-1)).toEqual([undefined, 'Vlashaard', undefined, false, '', undefined]);
		// Dates are day numbers shown with a date format, in Brussels time across the change to summer time.
		expect(answers.rows[1][0]).toBeCloseTo(46110 + 1.5 / 24, 9); // 29 March 2026, 01:30 in Brussels (winter time)
		expect(answers.rows[2][0]).toBeCloseTo(46110 + 3.5 / 24, 9); // an hour later it is 03:30 (summer time)
		expect(answers.rows[3][0]).toBeCloseTo(46320 + 13 / 24, 9); // 25 October 2026, 13:00 (winter time again)
		expect(book.numberFormat(answers.styles[1][0])).toBe('yyyy-mm-dd hh:mm');
		expect(book.numberFormat(figures.styles[1][2])).toBe('yyyy-mm-dd');
		expect(figures.rows[1]).toEqual(['Hoe tevreden ben je?', 312, 46173 + 2 / 24]);
		// The header row is bold and stays in view; the widths are set.
		for (const style of answers.styles[0]) expect(book.isBold(style)).toBe(true);
		expect(book.isBold(answers.styles[1][1])).toBe(false);
		expect(answers.xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
		expect(answers.xml).toMatch(/<col min="2" max="2" width="24" customWidth="1"\/>/);
		expect(answers.xml).toMatch(/<col min="3" max="3" width="20" customWidth="1"\/>/);
	});

	it('gives sheets names Excel accepts: no [ ] : * ? / \\, at most 31 characters, unique, never empty', async () => {
		const wanted = [
			'Resultaten: per wijk [2026] / Q1*?',
			'Antwoorden van alle woonwijken in Wevelgem 2026',
			'antwoorden van alle woonwijken in wevelgem 2026',
			"'Cijfers'",
			'',
			'History',
			'Wijk\\Blok',
			'😀'.repeat(20)
		];
		const names = sheetNames(wanted);
		expect(names).toEqual([
			'Resultaten per wijk 2026 Q1',
			'Antwoorden van alle woonwijken',
			'antwoorden van alle woonwij (2)',
			'Cijfers',
			'5',
			'History 6',
			'Wijk Blok',
			'😀'.repeat(15)
		]);
		for (const name of names) {
			expect(name.length).toBeLessThanOrEqual(31);
			expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$/);
		}
		const book = readXlsx(await writeXlsx(wanted.map((name) => ({ name, columns: [{ header: 'A' }], rows: [] }))));
		expect(book.names).toEqual(names);
	});

	it('writes 10,000 rows that read back whole, with each distinct text stored once', async () => {
		const estates = ['Vlashaard', 'Gullegem-Centrum', 'Moorsele', 'Lauwe'];
		const rows = Array.from({ length: 10_000 }, (_, i) => [
			i + 1,
			estates[i % 4],
			(i % 5) + 1,
			i % 7 === 0,
			i % 10 === 0 ? `Opmerking ${i}: de lift 🛗 is stuk` : null
		]);
		const bytes = await writeXlsx([{ name: 'Antwoorden', columns: ['Nr', 'Woonwijk', 'Score', 'Papier', 'Opmerking'].map((header) => ({ header })), rows }]);
		const book = readXlsx(bytes);
		const sheet = book.sheets[0];
		expect(sheet.rows).toHaveLength(10_001);
		expect(sheet.rows[10_000]).toEqual([10_000, 'Lauwe', 5, false, undefined]);
		expect(sheet.rows[9_992]).toEqual([9_992, 'Lauwe', 2, false, undefined]);
		expect(sheet.rows[9_991]).toEqual([9_991, 'Moorsele', 1, false, 'Opmerking 9990: de lift 🛗 is stuk']);
		expect(book.sharedStrings).toHaveLength(5 + 4 + 1_000);
	});

	it('takes rows from an async cursor, as a results export reads them from the database', async () => {
		async function* cursor() {
			for (let i = 0; i < 3; i++) yield [i, `rij ${i}`];
		}
		const book = readXlsx(await writeXlsx([{ name: 'Cursor', columns: [{ header: 'i' }, { header: 'tekst' }], rows: cursor() }]));
		expect(book.sheets[0].rows).toEqual([
			['i', 'tekst'],
			[0, 'rij 0'],
			[1, 'rij 1'],
			[2, 'rij 2']
		]);
	});

	it('refuses a workbook without sheets, and cuts a text past the 32,767 characters a cell holds', async () => {
		await expect(writeXlsx([])).rejects.toBeInstanceOf(Invalid);
		const long = `${'a'.repeat(32_766)}👍🏽`;
		const book = readXlsx(await writeXlsx([{ name: 'Lang', columns: [{ header: 'tekst' }], rows: [[long]] }]));
		expect(book.sheets[0].rows[1][0]).toBe('a'.repeat(32_766));
		// Half an emoji (a lone surrogate, from a cut text) cannot be written in XML: it becomes the replacement sign.
		expect(escapeText('a\uD83Db 👍🏽')).toBe('a\uFFFDb 👍🏽');
		expect(columnName(0)).toBe('A');
		expect(columnName(25)).toBe('Z');
		expect(columnName(26)).toBe('AA');
		expect(columnName(16_383)).toBe('XFD');
	});

	it('writes 100,000 rows, every one of them, as well-formed XML (its time is measured, not asserted)', async () => {
		const estates = Array.from({ length: 40 }, (_, i) => `Woonwijk ${i + 1}`);
		const start = new Date('2026-03-01T08:00:00Z').getTime();
		const rows = Array.from({ length: 100_000 }, (_, i) => [
			`0190${i.toString(16).padStart(8, '0')}-7000-8000-000000000000`,
			new Date(start + i * 61_000),
			estates[i % 40],
			'code',
			(i % 5) + 1,
			i % 3 === 0 ? 'ja' : 'nee',
			i % 4,
			i % 11 === 0 ? `De buren zijn vriendelijk, maar de trap is vuil (${i})` : null,
			i % 2 === 0,
			(i % 9) * 1.5
		]);
		const bytes = await writeXlsx([
			{ name: 'Antwoorden', columns: ['Id', 'Ingediend', 'Woonwijk', 'Kanaal', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((header) => ({ header })), rows }
		]);
		const sheet = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml']);
		expect(sheet.match(/<row /g)).toHaveLength(100_001);
		expect(XMLValidator.validate(sheet)).toBe(true);
	}, 120_000);
});

// --- a small XLSX reader: unzip, check every part is well-formed XML, follow the workbook's relationships ---

type Value = string | number | boolean | undefined;
type SheetRead = { rows: Value[][]; types: (string | undefined)[][]; styles: number[][]; xml: string };

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: false,
	isArray: (name) => ['row', 'c', 'si', 'sheet', 'Relationship', 'xf', 'numFmt', 'font', 'Override', 'r'].includes(name)
});
/** The workbook's escape for characters XML cannot hold: _x0007_ is U+0007, _x005F_ an underscore. */
const unescape = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const textOf = (t: unknown): string => (typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, unknown>)['#text'] ?? '') : '');

function readXlsx(bytes: Uint8Array) {
	const files = unzipSync(bytes);
	const xml: string[] = [];
	const read = (path: string) => {
		expect(files[path], path).toBeDefined();
		const text = strFromU8(files[path]);
		expect(XMLValidator.validate(text), path).toBe(true);
		xml.push(text);
		return parser.parse(text);
	};
	// Every part is declared in [Content_Types].xml, and every declared part is there.
	const types = read('[Content_Types].xml').Types;
	const parts = Object.keys(files).filter((f) => f.endsWith('.xml') && f !== '[Content_Types].xml');
	expect(types.Override.map((o: { PartName: string }) => o.PartName.slice(1)).sort()).toEqual(parts.sort());
	expect(read('_rels/.rels').Relationships.Relationship[0].Target).toBe('xl/workbook.xml');
	const rels = new Map<string, string>(
		read('xl/_rels/workbook.xml.rels').Relationships.Relationship.map((r: Record<string, string>) => [r.Id, `xl/${r.Target}`])
	);
	const sharedStrings: string[] = (read('xl/sharedStrings.xml').sst.si ?? []).map((si: { t: unknown }) => unescape(textOf(si.t)));
	const styles = read('xl/styles.xml').styleSheet;
	const xfs: Record<string, string>[] = styles.cellXfs.xf;
	const formats = new Map<string, string>(styles.numFmts.numFmt.map((f: Record<string, string>) => [f.numFmtId, f.formatCode]));
	const sheetsXml = read('xl/workbook.xml').workbook.sheets.sheet as Record<string, string>[];
	const sheets: SheetRead[] = sheetsXml.map((s) => {
		const path = rels.get(s['r:id'])!;
		const doc = read(path).worksheet;
		const out: SheetRead = { rows: [], types: [], styles: [], xml: xml.at(-1)! };
		for (const [r, row] of ((doc.sheetData?.row ?? []) as { r: string; c?: Record<string, unknown>[] }[]).entries()) {
			expect(Number(row.r)).toBe(r + 1);
			const values: Value[] = [];
			const kinds: (string | undefined)[] = [];
			const rowStyles: number[] = [];
			for (const c of row.c ?? []) {
				const ref = String(c.r);
				expect(ref).toMatch(new RegExp(`^[A-Z]+${r + 1}$`));
				const col = [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				const v = textOf(c.v);
				const t = (c.t as string | undefined) ?? 'n';
				values[col] = t === 's' ? sharedStrings[Number(v)] : t === 'b' ? v === '1' : Number(v);
				kinds[col] = t;
				rowStyles[col] = Number(c.s ?? 0);
			}
			// Cells left empty at the end of a row read as empty up to the header's width.
			const width = out.rows[0]?.length ?? values.length;
			if (values.length < width) values[width - 1] = undefined;
			out.rows.push(values);
			out.types.push(kinds);
			out.styles.push(rowStyles);
		}
		return out;
	});
	return {
		names: sheetsXml.map((s) => s.name),
		sheets,
		sharedStrings,
		xml,
		isBold: (style: number) => 'b' in styles.fonts.font[Number(xfs[style].fontId)],
		numberFormat: (style: number) => formats.get(xfs[style].numFmtId)
	};
}
