// The CSV reader meets what spreadsheets really write: Belgian Excel with `;`, a byte order mark, CRLF, quotes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, formatCsv, parseCsv } from './csv';
import { parseTenancyDate, readTenantFile } from './tenant-csv';

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

describe('reading a tenant file', () => {
	const header =
		'dwelling_ref;estate;street;house_number;box;postal_code;tenancy_ref;move_in_date;first_name;last_name;birth_year;language;phone;email;contact_channel';

	it('accepts both date forms and turns away impossible dates', () => {
		expect(parseTenancyDate('2024-09-01')).toBe('2024-09-01');
		expect(parseTenancyDate('01/09/2024')).toBe('2024-09-01');
		expect(parseTenancyDate('1.9.2024')).toBe('2024-09-01');
		expect(parseTenancyDate('31/02/2024')).toBeNull();
		expect(parseTenancyDate('2024-13-01')).toBeNull();
		expect(parseTenancyDate('september')).toBeNull();
	});

	it('lists every bad row with its line number and reason, and keeps the good ones', () => {
		const file = readTenantFile(
			[
				header,
				'W-1;wallaysplein;Vlasstraat;1;;8560;H-1;01/03/2019;Marie;Peeters;1961;nl;0470;marie@example.org;telefoon',
				'W-2;wallaysplein;Vlasstraat;2;;8560;H-2;31/02/2020;Ahmet;Yilmaz;;tr;;;',
				'W-3;wallaysplein;Vlasstraat;3;;8560;H-3;;;Claes;;;;;',
				'W-4;wallaysplein;Vlasstraat;4;;8560;H-4;;Jan;Claes;;;;jan@;',
				'W-5;wallaysplein;Vlasstraat;5;;85600;H-5;;Els;Maes;;;;;',
				'W-6;wallaysplein;Vlasstraat;6;;8560;H-6;;Els;Maes;;;;;duif'
			].join('\r\n')
		);
		expect(file.rows.map((r) => [r.line, r.firstName, r.moveInDate, r.contactChannel])).toEqual([[2, 'Marie', '2019-03-01', 'phone']]);
		expect(file.rejected).toEqual([
			{ line: 3, code: 'bad_date', field: 'move_in_date' },
			{ line: 4, code: 'missing_field', field: 'first_name' },
			{ line: 5, code: 'bad_email', field: 'email' },
			{ line: 6, code: 'bad_postal_code', field: 'postal_code' },
			{ line: 7, code: 'bad_contact_channel', field: 'contact_channel' }
		]);
		expect([...file.tenancyRefs]).toContain('H-3');
	});

	it('refuses a file without the required columns, naming them', () => {
		const file = readTenantFile('naam,adres\nMarie,Vlasstraat 1');
		expect(file.missingColumns).toEqual(['dwelling_ref', 'estate', 'street', 'house_number', 'postal_code', 'tenancy_ref', 'first_name', 'last_name']);
		expect(file.rows).toEqual([]);
	});
});
