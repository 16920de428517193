// A small XLSX (Office Open XML spreadsheet) writer for exports: each sheet has a bold header row that stays in view,
// numbers stay numbers, dates are real dates in Brussels time, and text is only ever text (a cell never holds a
// formula, so "=HYPERLINK(...)" typed by a resident shows as typed). Rows may come from an async cursor; the sheet
// XML is deflated in chunks as it is written, so only the distinct strings are kept in memory.
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { Invalid } from '../errors';

export type XlsxCell = string | number | boolean | Date | null | undefined;
export type XlsxColumn = {
	header: string;
	/** Width in characters; by default from the header (10 to 50). */
	width?: number;
	/** Dates in this column as a day (2026-05-31) rather than a day and time (2026-05-31 14:05). */
	dateFormat?: 'date' | 'datetime';
};
export type XlsxSheet = {
	name: string;
	columns: XlsxColumn[];
	rows: Iterable<XlsxCell[]> | AsyncIterable<XlsxCell[]>;
};

/** Excel's limits: past them it refuses or "repairs" the file. */
export const XLSX_MAX_ROWS = 1_048_576;
export const XLSX_MAX_COLUMNS = 16_384;
export const XLSX_MAX_TEXT = 32_767;
const SHEET_NAME_MAX = 31;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Style indexes in styles.xml's cellXfs, below. */
const STYLE = { header: 1, datetime: 2, date: 3 } as const;
/** Sheet XML is handed to the deflater in pieces of about this many characters; between pieces others get a turn. */
const CHUNK = 1 << 16;

/** Writes the workbook; sheets keep their order, the first is the one that opens. */
export async function writeXlsx(sheets: XlsxSheet[]): Promise<Uint8Array> {
	if (sheets.length === 0) throw new Invalid([{ path: 'sheets', code: 'too_small', message: 'A workbook needs at least one sheet' }]);
	const names = sheetNames(sheets.map((s) => s.name));
	const strings = new SharedStrings();
	const out: Uint8Array[] = [];
	let finished!: () => void;
	let failed!: (err: Error) => void;
	const done = new Promise<void>((resolve, reject) => ((finished = resolve), (failed = reject)));
	const zip = new Zip((err, chunk, final) => {
		if (err) return failed(err);
		out.push(chunk);
		if (final) finished();
	});
	const part = (path: string, xml: string) => {
		const file = new ZipDeflate(path, { level: 6 });
		zip.add(file);
		file.push(strToU8(xml), true);
	};

	part('[Content_Types].xml', contentTypes(sheets.length));
	part(
		'_rels/.rels',
		`${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	);
	part('xl/workbook.xml', workbook(names));
	part('xl/_rels/workbook.xml.rels', workbookRels(sheets.length));
	part('xl/styles.xml', STYLES);
	for (const [i, sheet] of sheets.entries()) {
		const file = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: 6 });
		zip.add(file);
		await writeSheet(sheet, i, strings, i === 0, (xml, final) => file.push(strToU8(xml), final));
	}
	const sst = new ZipDeflate('xl/sharedStrings.xml', { level: 6 });
	zip.add(sst);
	await strings.write((xml, final) => sst.push(strToU8(xml), final));
	zip.end();
	await done;
	return concat(out);
}

/**
 * Names Excel accepts: no [ ] : * ? / \, not starting or ending with an apostrophe, at most 31 characters, not
 * "History", and unique regardless of case ("Antwoorden", "Antwoorden (2)"). An empty name becomes the sheet's number.
 */
export function sheetNames(wanted: string[]): string[] {
	const taken = new Set<string>();
	return wanted.map((name, i) => {
		const trim = (text: string) => text.replace(/^[\s']+|[\s']+$/g, '');
		let clean = trim(
			name
				.replace(/[[\]:*?/\\]/g, ' ')
				.replace(/[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu, '')
				.replace(/\s+/g, ' ')
		);
		if (!clean || clean.toLowerCase() === 'history') clean = clean ? `${clean} ${i + 1}` : String(i + 1);
		let candidate = trim(truncate(clean, SHEET_NAME_MAX));
		for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${trim(truncate(clean, SHEET_NAME_MAX - ` (${n})`.length))} (${n})`;
		taken.add(candidate.toLowerCase());
		return candidate;
	});
}

/** Cuts at a character boundary (an emoji is two UTF-16 units, and Excel counts those). */
function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	let out = '';
	for (const ch of text) {
		if (out.length + ch.length > max) break;
		out += ch;
	}
	return out;
}

type Sink = (xml: string, final: boolean) => void;

async function writeSheet(sheet: XlsxSheet, index: number, strings: SharedStrings, selected: boolean, sink: Sink): Promise<void> {
	const { columns } = sheet;
	if (columns.length > XLSX_MAX_COLUMNS)
		throw new Invalid([{ path: `sheets.${index}.columns`, code: 'too_big', message: `At most ${XLSX_MAX_COLUMNS} columns` }]);
	const letters: string[] = [];
	const letter = (c: number) => (letters[c] ??= columnName(c));
	let xml = `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>`;
	xml +=
		'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
	xml += '<sheetFormatPr defaultRowHeight="15"/>';
	if (columns.length) {
		xml += '<cols>';
		for (const [c, col] of columns.entries()) {
			const width = Math.min(255, Math.max(1, col.width ?? Math.min(50, Math.max(10, [...col.header].length + 2))));
			xml += `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
		}
		xml += '</cols>';
	}
	xml += '<sheetData><row r="1">';
	for (const [c, col] of columns.entries()) xml += `<c r="${letter(c)}1" t="s" s="${STYLE.header}"><v>${strings.index(col.header)}</v></c>`;
	xml += '</row>';

	let r = 1;
	for await (const row of sheet.rows) {
		if (++r > XLSX_MAX_ROWS) throw new Invalid([{ path: `sheets.${index}.rows`, code: 'too_big', message: `At most ${XLSX_MAX_ROWS - 1} rows` }]);
		if (row.length > XLSX_MAX_COLUMNS)
			throw new Invalid([{ path: `sheets.${index}.rows.${r - 2}`, code: 'too_big', message: `At most ${XLSX_MAX_COLUMNS} columns` }]);
		xml += `<row r="${r}">`;
		for (let c = 0; c < row.length; c++) {
			const value = row[c];
			if (value === null || value === undefined) continue;
			const ref = `${letter(c)}${r}`;
			if (typeof value === 'string') xml += `<c r="${ref}" t="s"><v>${strings.index(value)}</v></c>`;
			else if (typeof value === 'number') {
				if (Number.isFinite(value)) xml += `<c r="${ref}"><v>${value}</v></c>`;
			} else if (typeof value === 'boolean') xml += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
			else if (value instanceof Date && !Number.isNaN(value.getTime())) {
				const style = columns[c]?.dateFormat === 'date' ? STYLE.date : STYLE.datetime;
				xml += `<c r="${ref}" s="${style}"><v>${excelSerial(value)}</v></c>`;
			}
		}
		xml += '</row>';
		if (xml.length > CHUNK) {
			sink(xml, false);
			xml = '';
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	sink(`${xml}</sheetData></worksheet>`, true);
}

/** 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** Each distinct text once, in order of first use; cells refer to it by number. */
class SharedStrings {
	private readonly seen = new Map<string, number>();

	index(text: string): number {
		let i = this.seen.get(text);
		if (i === undefined) this.seen.set(text, (i = this.seen.size));
		return i;
	}

	async write(sink: Sink): Promise<void> {
		let xml = `${XML_HEAD}<sst xmlns="${MAIN}" uniqueCount="${this.seen.size}">`;
		for (const text of this.seen.keys()) {
			xml += `<si><t xml:space="preserve">${escapeText(text)}</t></si>`;
			if (xml.length > CHUNK) {
				sink(xml, false);
				xml = '';
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
		sink(`${xml}</sst>`, true);
	}
}

/**
 * Text as XML character data. Control characters XML cannot hold are written in the workbook's own escape (_x0007_),
 * and a text that already looks like that escape gets its underscore escaped, so it reads back as typed. Excel holds
 * at most 32,767 characters in a cell: longer text is cut there.
 */
export function escapeText(text: string): string {
	const cut = text.length > XLSX_MAX_TEXT ? truncate(text, XLSX_MAX_TEXT) : text;
	return (
		cut
			.replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
			.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
			.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'))
			// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
	);
}

const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

const brusselsParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Brussels',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric',
	hourCycle: 'h23'
});
/** Brussels' offset from UTC per UTC hour: summer time starts and ends on the hour. */
const offsets = new Map<number, number>();
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A moment as Excel's day number in Brussels wall time (spreadsheets know no time zones; our users live in Brussels time). */
export function excelSerial(at: Date): number {
	const ms = at.getTime();
	const hour = Math.floor(ms / 3_600_000);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		const p = Object.fromEntries(brusselsParts.formatToParts(new Date(hour * 3_600_000)).map((x) => [x.type, Number(x.value)]));
		offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * 3_600_000;
		offsets.set(hour, offset);
	}
	return (ms + offset - EXCEL_EPOCH) / 86_400_000;
}

function contentTypes(sheetCount: number): string {
	let xml = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`;
	xml +=
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>';
	xml += '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
	for (let i = 1; i <= sheetCount; i++)
		xml += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
	xml += '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>';
	xml += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>';
	return `${xml}</Types>`;
}

function workbook(names: string[]): string {
	const sheets = names.map((name, i) => `<sheet name="${escapeAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
	return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(sheetCount: number): string {
	let xml = `${XML_HEAD}<Relationships xmlns="${PKG_REL}">`;
	for (let i = 1; i <= sheetCount; i++) xml += `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
	xml += `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
	xml += `<Relationship Id="rId${sheetCount + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
	return `${xml}</Relationships>`;
}

const STYLES =
	`${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
	'<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
