// Builds the bench dataset straight into the tables: a region, municipalities with a housing company each, N
// neighbourhoods as non-overlapping polygons, estates, buildings and dwellings in them, households in the dwellings
// and residents in the households. Deterministic for a seed. A bench tool, so it skips the services on purpose.
import type { Db } from '../src/core/db/database';
import type { AreaKind } from '../src/core/db/schema';
import { addressKeys, areaNameKeys } from '../src/core/areas/addresses';
import { TableBatch } from './batches';
import {
	blockCount,
	blockOf,
	boxOf,
	cellAt,
	cellRing,
	coveredBox,
	hasCell,
	layoutFor,
	outlineRing,
	pointNearCentre,
	type Box,
	type Layout,
	type Ring
} from './grid';
import { CONTACT_CHANNELS, estateName, familyFor, municipalityNames, neighbourhoodName, personIn, slugify, streetName, type Family } from './names';
import { hashSeed, idMaker, seededRandom, type Random } from './random';

export type DatasetSizes = { areas: number; households: number; residents: number };

export type DatasetSummary = {
	seed: number;
	sizes: DatasetSizes;
	counts: {
		areas: number;
		municipalities: number;
		neighbourhoods: number;
		organisations: number;
		estates: number;
		buildings: number;
		dwellings: number;
		households: number;
		residents: number;
	};
	/** Where every point lies in exactly one neighbourhood: the lookup bench draws its points here. */
	coveredBox: Box;
	/** Neighbourhoods with households in them, spread over the dataset, for the area page bench. */
	sampleSlugs: string[];
	seconds: number;
};

export type GenerateOptions = { seed: number; log?: (line: string) => void; sampleSize?: number };

const CREATED = '2026-01-01T00:00:00.000Z';
const DESCRIPTIONS = [
	'Een buurt met veel jonge gezinnen en een actieve speelpleinwerking.',
	'Sociale woonwijk met een buurthuis, een moestuin en een wekelijkse markt.',
	'Rustige wijk aan de rand van het centrum, dicht bij school en station.',
	'Oudere woonblokken waar bewoners samen werken aan meer groen.',
	null
];

type Municipality = { id: string; name: string; slug: string; code: string; postalCode: string; companyId: string };
type Neighbourhood = { id: string; slug: string; i: number; j: number; municipality: Municipality };

export async function generateDataset(db: Db, sizes: DatasetSizes, options: GenerateOptions): Promise<DatasetSummary> {
	const started = performance.now();
	const log = options.log ?? (() => {});
	const existing = await db.selectFrom('areas').select('id').limit(1).executeTakeFirst();
	if (existing) throw new Error('the database already holds areas: the generator only fills a fresh database');

	const random = seededRandom(options.seed);
	const newId = idMaker(seededRandom(hashSeed(options.seed, 99)));
	const layout = layoutFor(sizes.areas, options.seed);
	const progress = progressLog(log);

	const municipalities = await writeAreas(db, layout, random, newId, progress);
	const neighbourhoods = municipalities.neighbourhoods;
	const dwellingIds = await writePlaces(db, layout, sizes, neighbourhoods, random, newId, progress);
	const families = await writeHouseholds(db, sizes.households, dwellingIds, random, newId, progress);
	const residents = await writeResidents(db, sizes.residents, families, random, newId, progress);

	const withHomes = neighbourhoods.filter((n, k) => dwellingsIn(k, dwellingIds.length, neighbourhoods.length) > 0);
	const wanted = Math.min(options.sampleSize ?? 50, withHomes.length);
	const sampleSlugs = Array.from({ length: wanted }, (_, s) => withHomes[Math.floor((s * withHomes.length) / wanted)].slug);
	const counts = {
		areas: 1 + municipalities.list.length + neighbourhoods.length,
		municipalities: municipalities.list.length,
		neighbourhoods: neighbourhoods.length,
		organisations: municipalities.list.length,
		estates: progress.count('estates'),
		buildings: progress.count('buildings'),
		dwellings: dwellingIds.length,
		households: families.ids.length,
		residents
	};
	return { seed: options.seed, sizes, counts, coveredBox: coveredBox(layout), sampleSlugs, seconds: (performance.now() - started) / 1000 };
}

type Progress = ReturnType<typeof progressLog>;

/** One line per table every second or so, and one when it is done: enough to see it move, not a flood. */
function progressLog(log: (line: string) => void) {
	const written = new Map<string, number>();
	let lastAt = 0;
	return {
		count: (table: string) => written.get(table) ?? 0,
		written(table: string, count: number, total?: number) {
			written.set(table, count);
			const now = performance.now();
			if (now - lastAt < 1000) return;
			lastAt = now;
			log(`  ${table.padEnd(14)} ${count.toLocaleString('en')}${total ? ` / ${total.toLocaleString('en')}` : ''}`);
		},
		done(...tables: string[]) {
			for (const table of tables) log(`  ${table.padEnd(14)} ${(written.get(table) ?? 0).toLocaleString('en')} written`);
		}
	};
}

function polygon(ring: Ring) {
	const box = boxOf(ring);
	return { boundary: { type: 'Polygon', coordinates: [ring] }, min_lon: box.minLon, min_lat: box.minLat, max_lon: box.maxLon, max_lat: box.maxLat };
}

function uniqueSlug(base: string, taken: Set<string>): string {
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	taken.add(slug);
	return slug;
}

async function writeAreas(db: Db, layout: Layout, random: Random, newId: () => string, progress: Progress) {
	const slugs = new Set<string>();
	const cells = Array.from({ length: layout.count }, (_, k) => cellAt(layout, k));
	const areaRow = (fields: {
		id: string;
		parent_id: string | null;
		kind: AreaKind;
		name: string;
		slug: string;
		code: string | null;
		description: string | null;
		ring: Ring;
	}) => {
		const { ring, ...rest } = fields;
		return { ...rest, name_fr: null, ...areaNameKeys({ name: rest.name, name_fr: null }), ...polygon(ring), created_at: CREATED, updated_at: CREATED };
	};

	return db.transaction().execute(async (trx) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		const areas = new TableBatch(tx, 'areas', [], (t, n) => progress.written(t, n));
		const organisations = new TableBatch(tx, 'organisations', [areas], (t, n) => progress.written(t, n));

		const regionId = newId();
		await areas.add(
			areaRow({
				id: regionId,
				parent_id: null,
				kind: 'region',
				name: 'Vlaanderen',
				slug: uniqueSlug('vlaanderen', slugs),
				code: '02000',
				description: null,
				ring: outlineRing(layout, cells, (i, j) => hasCell(layout, i, j))
			})
		);

		const blocks = blockCount(layout);
		const cellsOfBlock = new Map<number, Array<{ i: number; j: number }>>();
		for (const cell of cells) {
			const b = blockOf(layout, cell.i, cell.j);
			(cellsOfBlock.get(b) ?? cellsOfBlock.set(b, []).get(b)!).push(cell);
		}
		const names = municipalityNames(cellsOfBlock.size, random);
		const byBlock = new Map<number, Municipality>();
		let m = 0;
		for (let b = 0; b < blocks.perRow * blocks.rows; b++) {
			const blockCells = cellsOfBlock.get(b);
			if (!blockCells) continue;
			const name = names[m++];
			const muni: Municipality = {
				id: newId(),
				name,
				slug: uniqueSlug(slugify(name), slugs),
				code: String(90000 + b),
				postalCode: String(random.chance(0.5) ? random.int(1500, 3999) : random.int(8000, 9999)),
				companyId: newId()
			};
			byBlock.set(b, muni);
			const inBlock = (i: number, j: number) => hasCell(layout, i, j) && blockOf(layout, i, j) === b;
			await areas.add(
				areaRow({
					id: muni.id,
					parent_id: regionId,
					kind: 'municipality',
					name,
					slug: muni.slug,
					code: muni.code,
					description: null,
					ring: outlineRing(layout, blockCells, inBlock)
				})
			);
			await organisations.add({
				id: muni.companyId,
				name: `Woonmaatschappij ${name}`,
				kind: 'housing_company',
				municipality_id: muni.id,
				email: `info@woon-${muni.slug}.example`,
				phone: `+32 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
				created_at: CREATED,
				updated_at: CREATED
			});
		}

		const neighbourhoods: Neighbourhood[] = [];
		for (const { i, j } of cells) {
			const municipality = byBlock.get(blockOf(layout, i, j))!;
			const name = neighbourhoodName(random);
			const slug = uniqueSlug(`${slugify(name)}-${municipality.slug}`, slugs);
			const id = newId();
			neighbourhoods.push({ id, slug, i, j, municipality });
			await areas.add(
				areaRow({
					id,
					parent_id: municipality.id,
					kind: random.chance(0.1) ? 'focus_area' : 'neighbourhood',
					name,
					slug,
					code: null,
					description: random.pick(DESCRIPTIONS),
					ring: cellRing(layout, i, j)
				})
			);
		}
		await organisations.flush();
		progress.done('areas', 'organisations');
		return { list: [...byBlock.values()], neighbourhoods };
	});
}

/** How many dwellings neighbourhood k gets when `total` are spread evenly over `areas`. */
function dwellingsIn(k: number, total: number, areas: number): number {
	return Math.floor(((k + 1) * total) / areas) - Math.floor((k * total) / areas);
}

async function writePlaces(
	db: Db,
	layout: Layout,
	sizes: DatasetSizes,
	neighbourhoods: Neighbourhood[],
	random: Random,
	newId: () => string,
	progress: Progress
): Promise<string[]> {
	// About one dwelling in twenty stands empty, as between two tenancies.
	const total = sizes.households > 0 ? Math.ceil(sizes.households * 1.05) : 0;
	const dwellingIds: string[] = [];
	const estateSlugs = new Set<string>();
	await db.transaction().execute(async (trx) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		const estates = new TableBatch(tx, 'estates', [], (t, n) => progress.written(t, n));
		const buildings = new TableBatch(tx, 'buildings', [estates], (t, n) => progress.written(t, n));
		const dwellings = new TableBatch(tx, 'dwellings', [buildings], (t, n) => progress.written(t, n, total));
		for (let k = 0; k < neighbourhoods.length; k++) {
			let left = dwellingsIn(k, total, neighbourhoods.length);
			const area = neighbourhoods[k];
			while (left > 0) {
				const name = estateName(random);
				const estateId = newId();
				const [lon, lat] = pointNearCentre(layout, area.i, area.j, random.next(), random.next());
				await estates.add({
					id: estateId,
					area_id: area.id,
					name,
					slug: uniqueSlug(`${area.slug}-${slugify(name)}`, estateSlugs),
					housing_company_id: area.municipality.companyId,
					description: null,
					lon,
					lat,
					boundary: null,
					created_at: CREATED,
					updated_at: CREATED
				});
				const buildingCount = random.int(1, 6);
				for (let b = 0; b < buildingCount && left > 0; b++) {
					const buildingId = newId();
					const street = streetName(random);
					const houseNumber = String(random.int(1, 250));
					const keys = addressKeys({ street, house_number: houseNumber });
					await buildings.add({
						id: buildingId,
						estate_id: estateId,
						name: `Blok ${String.fromCharCode(65 + b)}`,
						street,
						house_number: houseNumber,
						...keys,
						postal_code: area.municipality.postalCode,
						lon: lon + (random.next() - 0.5) * 0.001,
						lat: lat + (random.next() - 0.5) * 0.001,
						created_at: CREATED
					});
					const units = Math.min(left, random.int(4, 24));
					for (let u = 0; u < units; u++) {
						const id = newId();
						const unit = `${Math.floor(u / 4)}.${(u % 4) + 1}`;
						dwellingIds.push(id);
						await dwellings.add({
							id,
							building_id: buildingId,
							external_ref: `W${String(dwellingIds.length).padStart(7, '0')}`,
							unit,
							street,
							house_number: houseNumber,
							...keys,
							box: unit,
							postal_code: area.municipality.postalCode,
							bedrooms: random.weighted([
								[1, 30],
								[2, 35],
								[3, 25],
								[4, 10]
							] as const),
							created_at: CREATED,
							updated_at: CREATED
						});
					}
					left -= units;
				}
			}
		}
		await dwellings.flush();
		progress.done('estates', 'buildings', 'dwellings');
	});
	return dwellingIds;
}

type Families = { ids: string[]; family: Family[] };

async function writeHouseholds(db: Db, count: number, dwellingIds: string[], random: Random, newId: () => string, progress: Progress): Promise<Families> {
	const families: Families = { ids: [], family: [] };
	await db.transaction().execute(async (trx) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		const households = new TableBatch(tx, 'households', [], (t, n) => progress.written(t, n, count));
		for (let k = 0; k < count; k++) {
			const family = familyFor(random);
			const id = newId();
			families.ids.push(id);
			families.family.push(family);
			const moveIn = `${random.int(1985, 2025)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
			// Spread over the dwellings, so the empty ones are spread too.
			const dwellingId = dwellingIds[Math.floor((k * dwellingIds.length) / count)] ?? null;
			await households.add({
				id,
				dwelling_id: dwellingId,
				external_ref: `H${String(k + 1).padStart(7, '0')}`,
				name: family.lastName,
				move_in_date: moveIn,
				move_out_date: null,
				created_at: CREATED,
				updated_at: CREATED
			});
		}
		await households.flush();
		progress.done('households');
	});
	return families;
}

async function writeResidents(db: Db, count: number, families: Families, random: Random, newId: () => string, progress: Progress): Promise<number> {
	const householdCount = families.ids.length;
	if (!householdCount || !count) return 0;
	// Everyone has a home; one per household first, the rest by chance (sizes come out as 1 + a Poisson draw).
	const sizes = new Uint16Array(householdCount);
	for (let h = 0; h < Math.min(count, householdCount); h++) sizes[h] = 1;
	for (let r = householdCount; r < count; r++) sizes[random.int(0, householdCount - 1)]++;
	let written = 0;
	await db.transaction().execute(async (trx) => {
		const tx = Object.assign(trx, { dialect: db.dialect });
		const residents = new TableBatch(tx, 'residents', [], (t, n) => progress.written(t, n, count));
		for (let h = 0; h < householdCount; h++) {
			for (let m = 0; m < sizes[h]; m++) {
				const person = personIn(families.family[h], random);
				const channel = random.weighted(CONTACT_CHANNELS);
				const adult = m === 0;
				const handle = `${slugify(person.firstName)}.${slugify(person.lastName)}`.replace(/-/g, '');
				written++;
				await residents.add({
					id: newId(),
					household_id: families.ids[h],
					external_ref: `R${String(written).padStart(7, '0')}`,
					first_name: person.firstName,
					last_name: person.lastName,
					birth_year: adult ? random.int(1940, 2005) : random.int(1940, 2025),
					language: person.language,
					contact_channel: channel,
					email: channel === 'email' || random.chance(0.2) ? `${handle}${random.int(1, 999)}@bewoner.example` : null,
					phone:
						channel === 'phone' || random.chance(0.4) ? `+32 4${random.int(70, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}` : null,
					is_volunteer: random.chance(0.04),
					created_at: CREATED,
					updated_at: CREATED
				});
			}
		}
		await residents.flush();
		progress.done('residents');
	});
	return written;
}
