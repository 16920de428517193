// The one CSV reader and writer meets what spreadsheets really write (Belgian Excel with `;`, a byte order mark, CRLF,
// quotes) and writes files a spreadsheet opens with their accents and without running a typed formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFile, detectDelimiter, formatCsv, parseCsv, spreadsheetText, unprotectedText } from './csv';

describe('reading CSV', () => {
	it('reads a Belgian Excel export: BOM, semicolons, CRLF and a quoted field with a semicolon and a quote', () => {
		const text = '\uFEFFfirst_name;last_name;street\r\nMarie;Peeters;"Vlasstraat; achterbouw"\r\n"Jean ""Jo""";Dubois;Kerkstraat\r\n';
		const { delimiter, records } = parseCsv(text);
		expect(delimiter).toBe(';');
		expect(records).toEqual([
			{ line: 1, fields: ['first_name', 'last_name', 'street'] },
			{ line: 2, fields: ['Marie', 'Peeters', 'Vlasstraat; achterbouw'] },
			{ line: 3, fields: ['Jean "Jo"', 'Dubois', 'Kerkstraat'] }
		]);
	});

	it('counts file lines through newlines inside quotes and skips blank lines', () => {
		const { records } = parseCsv('a,b\n"one\ntwo",x\n\n3,4\r5,6');
		expect(records.map((r) => [r.line, r.fields])).toEqual([
			[1, ['a', 'b']],
			[2, ['one\ntwo', 'x']],
			[5, ['3', '4']],
			[6, ['5', '6']]
		]);
	});

	it('detects the delimiter from the header only, ignoring delimiters inside quotes', () => {
		expect(detectDelimiter('"a;b;c",d,e\nx;y;z;w')).toBe(',');
		expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('single')).toBe(',');
	});

	it('reports a quote left open at the end of the file on the line its record starts', () => {
		const result = parseCsv('a;b\n1;2\n3;"never closed\nmore');
		expect(result.records.map((r) => r.line)).toEqual([1, 2]);
		expect(result.errors).toEqual([{ line: 3, code: 'unterminated_quote' }]);
	});

	it('gives back exactly what was written, whatever the cells hold (quoting round trip)', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ';', ',', '"', '\n', '\r', 'é', '\t', 'x') });
		const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
		fc.assert(
			fc.property(rows, fc.constantFrom(';' as const, ',' as const), (table, delimiter) => {
				const parsed = parseCsv(formatCsv(table, delimiter), delimiter);
				expect(parsed.errors).toEqual([]);
				expect(parsed.records.map((r) => r.fields)).toEqual(table);
			}),
			{ numRuns: 500 }
		);
	});
});

describe('writing a CSV file for a spreadsheet', () => {
	it('starts with a byte order mark, puts ; between fields, ends every record with CRLF and quotes what needs it', () => {
		const file = csvFile([
			['estate', 'note'],
			['Wallaysplein', 'lek in de kelder; blok "A"'],
			['Vlashaard', 'eerste regel\ntweede regel']
		]);
		expect(file).toBe('\uFEFFestate;note\r\nWallaysplein;"lek in de kelder; blok ""A"""\r\nVlashaard;"eerste regel\ntweede regel"\r\n');
		const read = parseCsv(file);
		expect(read.delimiter).toBe(';');
		expect(read.records.map((r) => r.fields)).toEqual([
			['estate', 'note'],
			['Wallaysplein', 'lek in de kelder; blok "A"'],
			['Vlashaard', 'eerste regel\ntweede regel']
		]);
		expect(csvFile([['a', 'b']], ',')).toBe('\uFEFFa,b\r\n');
	});

	it('keeps a spreadsheet from running what a person typed as a formula, and reads it back as typed', () => {
		for (const typed of ['=HYPERLINK("http://x")', '+32 470', '-5', '@SUM(A1)', '\tverborgen', '\rregel']) {
			expect(spreadsheetText(typed)).toBe(`'${typed}`);
			expect(unprotectedText(spreadsheetText(typed))).toBe(typed);
		}
		expect(spreadsheetText('Marie = Jan')).toBe('Marie = Jan');
		expect(spreadsheetText(42)).toBe('42');
		expect(spreadsheetText(null)).toBe('');
		expect(spreadsheetText(undefined)).toBe('');
		expect(unprotectedText("'gewoon")).toBe("'gewoon");
	});
});
