// The one CSV reader and writer (RFC 4180): quoted fields, escaped quotes (""), CRLF, LF or CR line ends, newlines
// inside quotes, a UTF-8 byte order mark, and `;`, `,` or a tab detected from the header (Belgian Excel exports use
// `;`). Files we write open in Excel with their accents (a BOM, `;`) and no cell typed by a person runs as a formula.
// Pure: no file system, safe in the browser. csv-parse is not among our dependencies, and this is all we need.

export type CsvRecord = { /** The file line the record starts on (1 = the header). */ line: number; fields: string[] };
export type CsvResult = { delimiter: ';' | ',' | '\t'; records: CsvRecord[]; errors: Array<{ line: number; code: 'unterminated_quote' }> };

/** The delimiter used most outside quotes on the first line; `,` when the line has none. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
	const counts = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const ch of text.replace(/^\uFEFF/, '')) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
	}
	if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
	if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
	return ',';
}

/** Reads every record. Blank lines are skipped; a quote left open at the end of the file is an error for its record. */
export function parseCsv(input: string, delimiter: ';' | ',' | '\t' = detectDelimiter(input)): CsvResult {
	const text = input.replace(/^\uFEFF/, '');
	const records: CsvRecord[] = [];
	const errors: CsvResult['errors'] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let quoted = false;
	let started = false; // the record has at least one character (a blank line is no record)
	const endRecord = () => {
		if (started) {
			fields.push(field);
			records.push({ line: recordLine, fields });
		}
		fields = [];
		field = '';
		started = false;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
				field += ch;
			}
			continue;
		}
		if (ch === '"' && field === '') {
			// A quote opens a quoted field only at its start; elsewhere it is an ordinary character (lenient, as Excel).
			quoted = true;
			started = true;
		} else if (ch === delimiter) {
			fields.push(field);
			field = '';
			started = true;
		} else if (ch === '\r' || ch === '\n') {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			field += ch;
			started = true;
		}
	}
	if (quoted) errors.push({ line: recordLine, code: 'unterminated_quote' });
	else endRecord();
	return { delimiter, records, errors };
}

/** Writes records as CSV, quoting only where needed; `parseCsv(formatCsv(rows))` gives the rows back. */
export function formatCsv(rows: string[][], delimiter: ';' | ',' | '\t' = ';'): string {
	const needsQuotes = (f: string) => f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r');
	return rows
		.map((row) => row.map((f, _i, all) => (needsQuotes(f) || (all.length === 1 && f === '') ? `"${f.replaceAll('"', '""')}"` : f)).join(delimiter))
		.join('\r\n');
}

/** The first characters that make a spreadsheet read a cell as a formula (or hide it behind a tab or a line end). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet must not read as a formula: one starting with =, +, -, @, a tab or a carriage return gets
 * a leading quote (OWASP's advice on CSV injection). For text typed by people; numbers we wrote ourselves pass as they
 * are. Null and undefined are an empty cell.
 */
export function spreadsheetText(value: string | number | null | undefined): string {
	const s = value === null || value === undefined ? '' : String(value);
	return FORMULA_START.test(s) ? `'${s}` : s;
}

/** A cell `spreadsheetText` protected ("'=…") read back as it was typed; any other cell as it is. */
export function unprotectedText(value: string): string {
	return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * A whole CSV file as we hand it out: a UTF-8 byte order mark (Excel reads the accents), `;` between fields, CRLF
 * after every record. The cells are written as given: pass text typed by people through `spreadsheetText` first.
 */
export function csvFile(rows: string[][], delimiter: ';' | ',' | '\t' = ';'): string {
	return `\uFEFF${formatCsv(rows, delimiter)}\r\n`;
}
