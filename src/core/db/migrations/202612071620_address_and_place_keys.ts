// An Open311 app sends "Wallaysplein 1, Wevelgem" without coordinates: the street and house number, keyed the same
// however they are spelled (case, accents, spaces, "str." for straat, "12 A" for 12a, without the box), are stored
// beside each dwelling and building, so the address finds its estate through an index instead of a scan; the
// municipality or village it names ("Wevelgem", "Menin") finds its area by the keys of the area's Dutch and French
// names. Existing rows get their keys here, a page at a time. The keys are computed as core/areas/addresses.ts did on
// this day (a frozen copy: a later change to that reading needs its own migration). The postcode index serves a
// report that names only a postcode.
import type { Kysely } from 'kysely';

const WHOLE: Record<string, string> = {
	str: 'straat',
	stwg: 'steenweg',
	stw: 'steenweg',
	ln: 'laan',
	pln: 'plein',
	r: 'rue',
	av: 'avenue',
	ave: 'avenue',
	bd: 'boulevard',
	bld: 'boulevard',
	boul: 'boulevard',
	chee: 'chaussee',
	sint: 'st',
	saint: 'st',
	sainte: 'ste',
	sinte: 'ste'
};
const ENDINGS: Array<[RegExp, string]> = [
	[/str$/, 'straat'],
	[/stwg$/, 'steenweg'],
	[/pln$/, 'plein']
];

function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe')
		.replace(/['’`´]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function word(token: string): string {
	if (WHOLE[token]) return WHOLE[token];
	for (const [ending, full] of ENDINGS) if (token.length > 4 && ending.test(token)) return token.replace(ending, full);
	return token;
}

function streetKey(street: string | null): string | null {
	if (!street) return null;
	const key = fold(street).split(' ').filter(Boolean).map(word).join('');
	return key ? key.slice(0, 200) : null;
}

function numberKey(houseNumber: string | null): string | null {
	if (!houseNumber) return null;
	const folded = fold(houseNumber);
	if (!folded) return null;
	const m = /^(\d{1,5})\s*([a-z](?![a-z]))?/.exec(folded.replace(/^0+(?=\d)/, ''));
	if (!m) return folded.replace(/ /g, '').slice(0, 20);
	const letter = m[2] && !/^\s*\d/.test(folded.slice(m[0].length)) ? m[2] : '';
	return `${m[1]}${letter}`;
}

const PAGE = 2000;

async function backfill(db: Kysely<any>, table: 'dwellings' | 'buildings'): Promise<void> {
	let after = '';
	for (;;) {
		const rows: Array<{ id: string; street: string | null; house_number: string | null }> = await db
			.selectFrom(table)
			.select(['id', 'street', 'house_number'])
			.where('id', '>', after)
			.orderBy('id')
			.limit(PAGE)
			.execute();
		if (rows.length === 0) return;
		// The dwellings of one building share their address: one update per address in the page.
		const groups = new Map<string, { street_key: string | null; number_key: string | null; ids: string[] }>();
		for (const r of rows) {
			const street_key = streetKey(r.street);
			const number_key = numberKey(r.house_number);
			const key = `${street_key}\n${number_key}`;
			const group = groups.get(key) ?? { street_key, number_key, ids: [] };
			group.ids.push(r.id);
			groups.set(key, group);
		}
		for (const g of groups.values()) await db.updateTable(table).set({ street_key: g.street_key, number_key: g.number_key }).where('id', 'in', g.ids).execute();
		after = rows[rows.length - 1].id;
	}
}

async function backfillAreas(db: Kysely<any>): Promise<void> {
	let after = '';
	for (;;) {
		const rows: Array<{ id: string; name: string; name_fr: string | null }> = await db
			.selectFrom('areas')
			.select(['id', 'name', 'name_fr'])
			.where('id', '>', after)
			.orderBy('id')
			.limit(PAGE)
			.execute();
		if (rows.length === 0) return;
		for (const r of rows)
			await db
				.updateTable('areas')
				.set({ name_key: streetKey(r.name), name_fr_key: streetKey(r.name_fr) })
				.where('id', '=', r.id)
				.execute();
		after = rows[rows.length - 1].id;
	}
}

export async function up(db: Kysely<any>): Promise<void> {
	for (const table of ['dwellings', 'buildings'] as const) {
		await db.schema.alterTable(table).addColumn('street_key', 'text').execute();
		await db.schema.alterTable(table).addColumn('number_key', 'text').execute();
		await backfill(db, table);
		await db.schema.createIndex(`${table}_address_key`).on(table).columns(['street_key', 'number_key']).execute();
	}
	await db.schema.createIndex('buildings_postal_code').on('buildings').column('postal_code').execute();
	await db.schema.alterTable('areas').addColumn('name_key', 'text').execute();
	await db.schema.alterTable('areas').addColumn('name_fr_key', 'text').execute();
	await backfillAreas(db);
	await db.schema.createIndex('areas_name_key').on('areas').column('name_key').execute();
	await db.schema.createIndex('areas_name_fr_key').on('areas').column('name_fr_key').execute();
}
