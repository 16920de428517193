// A row of a housing company's export can be wrong in several ways at once; the import names every one of them, so
// the file is fixed in one go instead of one complaint per upload.
import { describe, expect, it } from 'vitest';
import { readTenantFile } from './tenant-csv';

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
