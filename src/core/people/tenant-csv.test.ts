// A row of a housing company's export can be wrong in several ways at once; the import names every one of them, so
// the file is fixed in one go instead of one complaint per upload.
import { describe, expect, it } from 'vitest';
import { parseTenancyDate, readTenantFile } from './tenant-csv';

const HEADER =
	'dwelling_ref;estate;street;house_number;box;postal_code;tenancy_ref;move_in_date;first_name;last_name;birth_year;language;phone;email;contact_channel';

describe('a tenant row with several mistakes', () => {
	it('lists every mistake of the row, each with its column, and counts the row once', () => {
		const file = readTenantFile(
			[
				HEADER,
				'W-1;wallaysplein;Vlasstraat;14;;85600;H-1;2024-02-30;;Wouters;1850;nederlands;;sofie@;brief',
				'W-2;wallaysplein;Vlasstraat;16;;8560;H-2;;Tom;Wouters;;;;;'
			].join('\n')
		);
		expect(file.rejected).toEqual([
			{ line: 2, code: 'missing_field', field: 'first_name' },
			{ line: 2, code: 'bad_date', field: 'move_in_date' },
			{ line: 2, code: 'bad_birth_year', field: 'birth_year' },
			{ line: 2, code: 'bad_email', field: 'email' },
			{ line: 2, code: 'bad_language', field: 'language' },
			{ line: 2, code: 'bad_postal_code', field: 'postal_code' }
		]);
		expect(file.rows.map((r) => r.line)).toEqual([3]);
	});

	it('a row with more cells than the header is one mistake: its other cells cannot be trusted', () => {
		const file = readTenantFile([HEADER, 'W-1;wallaysplein;Vlasstraat;14;;8560;H-1;;Sofie;Wouters;;;;;;extra'].join('\n'));
		expect(file.rejected).toEqual([{ line: 2, code: 'too_many_cells', params: { found: 16, expected: 15 } }]);
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
