// A small RFC 4180 CSV reader and writer: quoted fields, escaped quotes (""), CRLF, LF or CR line ends, newlines
// inside quotes, a UTF-8 byte order mark, and `;` or `,` detected from the header (Belgian Excel exports use `;`).
// csv-parse is not among our dependencies, and this is all a tenant export needs.

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

/**
 * A text cell a spreadsheet must not read as a formula: one starting with =, +, -, @, a tab or a carriage return gets
 * a leading quote (OWASP's advice on CSV injection). For text typed by people; numbers we wrote ourselves pass as they are.
 */
export function spreadsheetText(value: string | null | undefined): string {
	const s = value ?? '';
	return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
