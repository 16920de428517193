// Pure: a housing company's tenant export (CSV) read into checked rows, each rejected row with its line and reason.
// The columns are documented in docs/tenant-import.md; one row per resident, rows sharing a tenancy_ref are a household.
import { CONTACT_CHANNELS } from './model';
import { LANGUAGE_CODE } from '../validation';
import { parseCsv } from '../formats';
import type { ContactChannel } from '../db';

export const REQUIRED_COLUMNS = ['dwelling_ref', 'estate', 'street', 'house_number', 'postal_code', 'tenancy_ref', 'first_name', 'last_name'] as const;
export const OPTIONAL_COLUMNS = ['box', 'move_in_date', 'birth_year', 'language', 'phone', 'email', 'contact_channel', 'resident_ref'] as const;
export const TENANT_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS] as const;
export type TenantColumn = (typeof TENANT_COLUMNS)[number];

export type TenantRow = {
	line: number;
	dwellingRef: string;
	estate: string;
	street: string;
	houseNumber: string;
	box: string | null;
	postalCode: string;
	tenancyRef: string;
	moveInDate: string | null;
	firstName: string;
	lastName: string;
	birthYear: number | null;
	language: string | null;
	phone: string | null;
	email: string | null;
	contactChannel: ContactChannel | null;
	residentRef: string | null;
};

/** Why a row was turned away: a stable code (translated as people.reject_<code>), the column, and details. */
export type Rejection = { line: number; code: string; field?: TenantColumn; params?: Record<string, string | number> };

export type TenantFile = {
	rows: TenantRow[];
	rejected: Rejection[];
	/** Every tenancy_ref in the file, rejected rows included: those households are "in the file". */
	tenancyRefs: Set<string>;
	/** Columns the import does not know; they are left alone. */
	ignoredColumns: string[];
	/** Required columns the header lacks: the whole file is refused. */
	missingColumns: string[];
	delimiter: string;
	dataRows: number;
};

const normaliseHeader = (h: string) =>
	h
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');

/** Accepts 2024-09-01 and 01/09/2024 (also 1-9-2024 and 01.09.2024); gives YYYY-MM-DD or null when it is no real date. */
export function parseTenancyDate(value: string): string | null {
	let y: number, m: number, d: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
	const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (be) [d, m, y] = [Number(be[1]), Number(be[2]), Number(be[3])];
	else return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || y > 2200 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

/** Words staff type for a contact channel, in our three languages. */
const CHANNEL_WORDS: Record<string, ContactChannel> = {
	email: 'email',
	'e-mail': 'email',
	mail: 'email',
	courriel: 'email',
	phone: 'phone',
	telefoon: 'phone',
	gsm: 'phone',
	tel: 'phone',
	téléphone: 'phone',
	telephone: 'phone',
	sms: 'phone',
	letter: 'letter',
	brief: 'letter',
	post: 'letter',
	lettre: 'letter',
	courrier: 'letter',
	visit: 'visit',
	bezoek: 'visit',
	huisbezoek: 'visit',
	visite: 'visit'
};

const EMAIL = /^[^\s@"]+@[^\s@"]+\.[^\s@"]+$/;

/** Reads and checks the file: every row becomes a TenantRow or a Rejection with its file line. */
export function readTenantFile(text: string): TenantFile {
	const csv = parseCsv(text);
	const [header, ...records] = csv.records;
	const columns = (header?.fields ?? []).map(normaliseHeader);
	const missingColumns = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
	const ignoredColumns = columns.filter((c) => c !== '' && !(TENANT_COLUMNS as readonly string[]).includes(c));
	const out: TenantFile = {
		rows: [],
		rejected: [],
		tenancyRefs: new Set(),
		ignoredColumns,
		missingColumns,
		delimiter: csv.delimiter,
		dataRows: records.length
	};
	for (const e of csv.errors) out.rejected.push({ line: e.line, code: e.code });
	if (!header || missingColumns.length > 0) return out;
	const index = new Map(columns.map((c, i) => [c, i] as const));
	for (const record of records) {
		const cell = (c: TenantColumn) => {
			const i = index.get(c);
			return i === undefined ? '' : (record.fields[i] ?? '').trim();
		};
		const tenancyRef = cell('tenancy_ref');
		if (tenancyRef) out.tenancyRefs.add(tenancyRef);
		const result = checkRow(record.line, record.fields.length, columns.length, cell);
		if (Array.isArray(result)) out.rejected.push(...result);
		else out.rows.push(result);
	}
	out.rejected.sort((a, b) => a.line - b.line);
	return out;
}

/** A row as a checked tenant, or every reason it cannot be one (all of them, so the file is fixed in one go). */
function checkRow(line: number, width: number, headerWidth: number, cell: (c: TenantColumn) => string): TenantRow | Rejection[] {
	if (width > headerWidth && headerWidth > 0) return [{ line, code: 'too_many_cells', params: { found: width, expected: headerWidth } }];
	const problems: Rejection[] = [];
	const reject = (code: string, field: TenantColumn) => problems.push({ line, code, field });
	for (const c of REQUIRED_COLUMNS) if (!cell(c)) reject('missing_field', c);
	let moveInDate: string | null = null;
	if (cell('move_in_date')) {
		moveInDate = parseTenancyDate(cell('move_in_date'));
		if (!moveInDate) reject('bad_date', 'move_in_date');
	}
	let birthYear: number | null = null;
	if (cell('birth_year')) {
		birthYear = /^\d{4}$/.test(cell('birth_year')) ? Number(cell('birth_year')) : NaN;
		if (!(birthYear >= 1900 && birthYear <= new Date().getUTCFullYear())) reject('bad_birth_year', 'birth_year');
	}
	const email = cell('email').toLowerCase() || null;
	if (email && !EMAIL.test(email)) reject('bad_email', 'email');
	const language = cell('language').toLowerCase() || null;
	if (language && !LANGUAGE_CODE.test(language)) reject('bad_language', 'language');
	let contactChannel: ContactChannel | null = null;
	if (cell('contact_channel')) {
		contactChannel = CHANNEL_WORDS[cell('contact_channel').toLowerCase()] ?? null;
		if (!contactChannel || !CONTACT_CHANNELS.includes(contactChannel)) reject('bad_contact_channel', 'contact_channel');
	}
	if (cell('postal_code') && !/^\d{4}$/.test(cell('postal_code'))) reject('bad_postal_code', 'postal_code');
	for (const c of TENANT_COLUMNS) if (cell(c).length > 200) reject('too_long', c);
	if (problems.length > 0) return problems;
	return {
		line,
		dwellingRef: cell('dwelling_ref'),
		estate: cell('estate'),
		street: cell('street').replace(/\s+/g, ' '),
		houseNumber: cell('house_number'),
		box: cell('box') || null,
		postalCode: cell('postal_code'),
		tenancyRef: cell('tenancy_ref'),
		moveInDate,
		firstName: cell('first_name').replace(/\s+/g, ' '),
		lastName: cell('last_name').replace(/\s+/g, ' '),
		birthYear,
		language,
		phone: cell('phone') || null,
		email,
		contactChannel,
		residentRef: cell('resident_ref') || null
	};
}
