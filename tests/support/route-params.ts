// Fills a route's params with real values from the demo data, one resolver per kind of thing, so the route walk can
// open every page with something behind it. Keyed by '<segment before>/[param]' (what the id is of), then '[param]'.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Db } from '../../src/core/db/database';
import { newId, nowIso } from '../../src/core/db/ids';
import { anonymous } from '../../src/core/access/actor';
import { ensureGeneralCategories } from '../../src/core/signals/routing/categories';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { localFileStore } from '../../src/core/files/storage';
import { segmentBefore } from './routes';

export type ParamContext = {
	db: Db;
	routeId: string;
	/** Values filled so far, for nested routes (an estate inside the area already chosen). */
	params: Record<string, string>;
	/** The signed-in visitor, for things people only see of their own (an import they started). */
	visitorEmail?: string;
	/** The server's DATA_DIR, for things that need a stored file (a photo). */
	dataDir?: string;
	/**
	 * The demo municipality whose people, places and signals to open: the visitor's own (where their organisation
	 * works, WORKS_IN) for the route walk, another one for the reach walk.
	 */
	municipality?: string;
};

/** Where each demo visitor's organisation works, as src/core/demo/data.ts sets it; everyone else works in Wevelgem. */
export const WORKS_IN: Record<string, string> = { 'kapelakker@leefbaar.demo': 'Brecht' };
export const homeOf = (email: string | undefined): string => (email && WORKS_IN[email]) || 'Wevelgem';
/** A demo municipality outside the visitor's reach. */
export const elsewhereOf = (email: string | undefined): string => (homeOf(email) === 'Brecht' ? 'Wevelgem' : 'Brecht');

/** The areas of a demo municipality: itself and the neighbourhoods, focus areas and villages in it. */
function areasOf(db: Db, municipality: string) {
	return db
		.selectFrom('areas as a')
		.leftJoin('areas as p', 'p.id', 'a.parent_id')
		.select('a.id')
		.where((eb) =>
			eb.or([
				eb.and([eb('a.kind', '=', 'municipality'), eb('a.name', '=', municipality)]),
				eb.and([eb('p.kind', '=', 'municipality'), eb('p.name', '=', municipality)])
			])
		);
}

type Resolver = (ctx: ParamContext) => Promise<string>;

async function areaSlug({ db, municipality = 'Wevelgem' }: ParamContext): Promise<string> {
	// Preferably an area with an estate that has a dwelling, so the pages nested under it have something to show.
	const withDwelling = await db
		.selectFrom('areas')
		.innerJoin('estates', 'estates.area_id', 'areas.id')
		.innerJoin('buildings', 'buildings.estate_id', 'estates.id')
		.innerJoin('dwellings', 'dwellings.building_id', 'buildings.id')
		.select('areas.slug')
		.where('areas.id', 'in', areasOf(db, municipality))
		.orderBy('areas.slug')
		.executeTakeFirst();
	const withEstate =
		withDwelling ??
		(await db.selectFrom('areas').innerJoin('estates', 'estates.area_id', 'areas.id').select('areas.slug').orderBy('areas.slug').executeTakeFirst());
	const any =
		withEstate ??
		(await db.selectFrom('areas').select('slug').where('kind', 'in', ['neighbourhood', 'focus_area', 'village']).orderBy('slug').executeTakeFirst());
	return must(any?.slug, 'area');
}

async function estateSlug({ db, params }: ParamContext): Promise<string> {
	let query = db
		.selectFrom('estates')
		.innerJoin('areas', 'areas.id', 'estates.area_id')
		.leftJoin('buildings', 'buildings.estate_id', 'estates.id')
		.select('estates.slug');
	if (params.slug) query = query.where('areas.slug', '=', params.slug);
	// Estates with buildings first (nulls sort differently per dialect, hence the explicit flag).
	const row = await query
		.orderBy((eb) => eb.case().when('buildings.id', 'is', null).then(1).else(0).end())
		.orderBy('estates.slug')
		.executeTakeFirst();
	return must(row?.slug, 'estate');
}

async function buildingId({ db, params }: ParamContext): Promise<string> {
	const row = await db
		.selectFrom('buildings')
		.innerJoin('estates', 'estates.id', 'buildings.estate_id')
		.select('buildings.id')
		.where('estates.slug', '=', params.estate)
		.orderBy('buildings.id')
		.executeTakeFirst();
	return must(row?.id, `building on estate ${params.estate}`);
}

async function dwellingId({ db, params }: ParamContext): Promise<string> {
	const row = await db
		.selectFrom('dwellings')
		.innerJoin('buildings', 'buildings.id', 'dwellings.building_id')
		.innerJoin('estates', 'estates.id', 'buildings.estate_id')
		.select('dwellings.id')
		.where('estates.slug', '=', params.estate)
		.orderBy('dwellings.id')
		.executeTakeFirst();
	return must(row?.id, `dwelling on estate ${params.estate}`);
}

/** The households living in a demo municipality (through dwelling, building and estate). */
function householdsIn(db: Db, municipality: string) {
	return db
		.selectFrom('households as h')
		.innerJoin('dwellings as d', 'd.id', 'h.dwelling_id')
		.innerJoin('buildings as b', 'b.id', 'd.building_id')
		.innerJoin('estates as e', 'e.id', 'b.estate_id')
		.where('e.area_id', 'in', areasOf(db, municipality));
}

/** The first resident of the municipality (in Wevelgem one who agreed that the OCMW may know their situation). */
async function residentId({ db, municipality = 'Wevelgem' }: ParamContext): Promise<string> {
	const row = await householdsIn(db, municipality).innerJoin('residents as r', 'r.household_id', 'h.id').select('r.id').orderBy('r.id').executeTakeFirst();
	return must(row?.id, `resident in ${municipality}`);
}

async function householdId({ db, municipality = 'Wevelgem' }: ParamContext): Promise<string> {
	return must((await householdsIn(db, municipality).select('h.id').orderBy('h.id').executeTakeFirst())?.id, `household in ${municipality}`);
}

async function userId({ db }: ParamContext): Promise<string> {
	const worker = await db.selectFrom('users').select('id').where('email', '=', 'opbouwwerker@leefbaar.demo').executeTakeFirst();
	return must(worker?.id, 'user');
}

async function organisationId({ db }: ParamContext): Promise<string> {
	const org = await db.selectFrom('organisations').select('id').where('kind', '=', 'housing_company').orderBy('name').executeTakeFirst();
	return must(org?.id, 'organisation');
}

/** An import the visitor started (people see their own imports); the demo data has none, so one is started here. */
function importJobId(kind: 'areas' | 'tenants'): Resolver {
	return async ({ db, visitorEmail }) => {
		const visitor = await db
			.selectFrom('users')
			.select('id')
			.where('email', '=', visitorEmail ?? 'coordinator@leefbaar.demo')
			.executeTakeFirst();
		const mine = await db
			.selectFrom('import_jobs')
			.select('id')
			.where('kind', '=', kind)
			.where('created_by', '=', visitor?.id ?? '')
			.executeTakeFirst();
		if (mine) return mine.id;
		const id = newId();
		await db
			.insertInto('import_jobs')
			.values({
				id,
				kind,
				status: 'running',
				dry_run: true,
				file_name: `${kind}.csv`,
				total: 10,
				processed: 0,
				report: null,
				created_by: visitor?.id ?? null,
				created_at: nowIso(),
				finished_at: null
			})
			.execute();
		return id;
	};
}

/** One-time links (invitation, password reset): an unknown token, which must give a friendly page, not a crash. */
/** A collective issue: the demo bundles one (litter around Kapelakker). */
async function collectiveIssueId({ db, municipality = 'Wevelgem' }: ParamContext): Promise<string> {
	const row = await db
		.selectFrom('collective_issues as ci')
		.innerJoin('estates as e', 'e.id', 'ci.estate_id')
		.select('ci.id')
		.where('e.area_id', 'in', areasOf(db, municipality))
		.orderBy('ci.id')
		.executeTakeFirst();
	return must(row?.id, `collective issue in ${municipality}`);
}

async function unknownToken(): Promise<string> {
	return randomBytes(24).toString('base64url');
}

/** A survey residents answer: the demo's tenant survey (open, wave 2 running, wave 1 published). */
async function surveySlug({ db }: ParamContext): Promise<string> {
	return must((await db.selectFrom('surveys').select('slug').where('status', '=', 'open').orderBy('created_at').executeTakeFirst())?.slug, 'open survey');
}

/**
 * A survey staff work on: the demo's tenant survey (open, run by neighbourhood work, De Vlashaard a partner). For the
 * reach walk: a survey of another municipality that the visitor's organisation neither runs nor is a partner of.
 */
async function surveyId({ db, visitorEmail, municipality }: ParamContext): Promise<string> {
	if (municipality && municipality !== homeOf(visitorEmail)) {
		const visitor = await db
			.selectFrom('users')
			.select('organisation_id')
			.where('email', '=', visitorEmail ?? '')
			.executeTakeFirst();
		const org = visitor?.organisation_id ?? '';
		const row = await db
			.selectFrom('surveys as s')
			.innerJoin('survey_targets as t', 't.survey_id', 's.id')
			.innerJoin('estates as e', 'e.id', 't.estate_id')
			.select('s.id')
			.where('e.area_id', 'in', areasOf(db, municipality))
			.where('s.organisation_id', '!=', org)
			.where((eb) =>
				eb.not(eb.exists(eb.selectFrom('survey_partners as p').select('p.survey_id').whereRef('p.survey_id', '=', 's.id').where('p.organisation_id', '=', org)))
			)
			.orderBy('s.created_at')
			.executeTakeFirst();
		return must(row?.id, `survey in ${municipality} of another organisation`);
	}
	return must((await db.selectFrom('surveys').select('id').where('status', '=', 'open').orderBy('created_at').executeTakeFirst())?.id, 'open survey');
}

export const paramResolvers: Record<string, Resolver> = {
	'surveys/[id]': surveyId,
	'enquete/[slug]': surveySlug,
	'e/[slug]': surveySlug,
	'c/[code]': async () => 'KM7X-P3RA',
	'areas/[slug]': areaSlug,
	'buurten/[slug]': areaSlug,
	'melden/[slug]': areaSlug,
	'm/[slug]': areaSlug,
	'foto/[id]': async () => newId(),
	'estates/[estate]': estateSlug,
	'buurten/[estate]': estateSlug,
	'buildings/[building]': buildingId,
	'dwellings/[dwelling]': dwellingId,
	'residents/[id]': residentId,
	'households/[id]': householdId,
	'users/[id]': userId,
	'organisations/[id]': organisationId,
	'imports/[id]': importJobId('areas'),
	'tenants/[id]': importJobId('tenants'),
	'collective/[id]': collectiveIssueId,
	'[token]': unknownToken,
	'services/[code]': open311ServiceCode,
	'requests/[id]': open311RequestId,
	'[format]': async () => 'json',
	'signals/[id]': signalId,
	'foto/[attachmentId]': signalPhotoId
};

/** A photo of the signal chosen above, stored in the server's file store (uploads/ under its DATA_DIR). */
async function signalPhotoId({ db, params, dataDir }: ParamContext): Promise<string> {
	const fileKey = `route-walk/${params.id}.jpg`;
	const existing = await db.selectFrom('signal_attachments').select('id').where('signal_id', '=', params.id).where('file_key', '=', fileKey).executeTakeFirst();
	if (existing) return existing.id;
	if (!dataDir) throw new Error('a signal photo needs the server data directory (pass dataDir to resolveParams)');
	const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888888' } })
		.jpeg()
		.toBuffer();
	await localFileStore(join(dataDir, 'uploads')).put(fileKey, bytes, 'image/jpeg');
	const id = newId();
	await db
		.insertInto('signal_attachments')
		.values({
			id,
			signal_id: params.id,
			file_key: fileKey,
			thumbnail_key: null,
			media_type: 'image/jpeg',
			width: 8,
			height: 8,
			bytes: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			is_public: false,
			uploaded_by: null,
			created_at: nowIso()
		})
		.execute();
	return id;
}

/**
 * A signal staff handle (no help request), of the visitor's own organisation: only that organisation reads, handles
 * and refers it. One is reported (and put with that organisation) when the demo has none. For the reach walk (a
 * municipality other than the visitor's own): a signal there of another organisation, never referred to the
 * visitor's nor written by them.
 */
async function signalId({ db, visitorEmail, municipality }: ParamContext): Promise<string> {
	const visitor = visitorEmail
		? await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', visitorEmail).executeTakeFirst()
		: undefined;
	const org = visitor?.organisation_id ?? null;
	if (municipality && municipality !== homeOf(visitorEmail)) {
		const outside = await db
			.selectFrom('signals as s')
			.select('s.id')
			.where('s.area_id', 'in', areasOf(db, municipality))
			.where('s.organisation_id', '!=', org ?? '')
			.where('s.created_by', 'is distinct from', visitor?.id ?? null)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('referrals as rf')
							.select('rf.id')
							.whereRef('rf.signal_id', '=', 's.id')
							.where('rf.to_organisation_id', '=', org ?? '')
					)
				)
			)
			.orderBy('s.created_at')
			.executeTakeFirst();
		return must(outside?.id, `signal in ${municipality} of another organisation`);
	}
	let query = db.selectFrom('signals').select('id').where('is_help_request', '=', false).where('merged_into_id', 'is', null);
	if (org) query = query.where('organisation_id', '=', org);
	const row = await query.orderBy('created_at').executeTakeFirst();
	if (row) return row.id;
	await ensureGeneralCategories(db);
	const made = await reportSignal(
		db,
		anonymous,
		{ kind: 'public_space', description: 'Kapotte bank in het park', locationKind: 'address', locationText: 'Park' },
		{ baseUrl: 'http://127.0.0.1' }
	);
	if (org) await db.updateTable('signals').set({ organisation_id: org }).where('id', '=', made.id).execute();
	return made.id;
}

/** An Open311 service: a category residents may report (the general ones always exist). */
async function open311ServiceCode({ db }: ParamContext): Promise<string> {
	await ensureGeneralCategories(db);
	const row = await db
		.selectFrom('signal_categories')
		.select('key')
		.where('kind', '!=', 'help')
		.where('is_active', '=', true)
		.orderBy('sort_order')
		.executeTakeFirst();
	return must(row?.key, 'signal category');
}

/** An Open311 request: the reference of a signal that is no help request; one is reported when the demo has none. */
async function open311RequestId({ db }: ParamContext): Promise<string> {
	const row = await db
		.selectFrom('signals')
		.select('reference')
		.where('is_help_request', '=', false)
		.where('category_id', 'is not', null)
		.orderBy('created_at')
		.executeTakeFirst();
	if (row) return row.reference;
	await ensureGeneralCategories(db);
	const made = await reportSignal(
		db,
		anonymous,
		{ kind: 'public_space', description: 'Kapotte straatlamp aan de speeltuin', locationKind: 'address', locationText: 'Speeltuin' },
		{ baseUrl: 'http://127.0.0.1' }
	);
	return made.reference;
}

/** Query strings for routes that need one to answer (an API lookup by coordinates: the centre of Wevelgem). */
export const routeQueries: Record<string, string> = {
	'/api/v1/areas/lookup': '?lon=3.2029&lat=50.8079'
};

/** All params of a route, in order; a param no resolver knows fails with a message that says what to add. */
export async function resolveParams(
	db: Db,
	routeId: string,
	names: string[],
	visitorEmail?: string,
	dataDir?: string,
	municipality = homeOf(visitorEmail)
): Promise<Record<string, string>> {
	const params: Record<string, string> = {};
	for (const name of names) {
		const keyed = `${segmentBefore(routeId, name)}/[${name}]`;
		const resolver = paramResolvers[keyed] ?? paramResolvers[`[${name}]`];
		if (!resolver) {
			throw new Error(
				`Route ${routeId} has a param [${name}] that the route walk cannot fill: add '${keyed}' (or '[${name}]') to paramResolvers in tests/support/route-params.ts.`
			);
		}
		params[name] = await resolver({ db, routeId, params, visitorEmail, dataDir, municipality });
	}
	return params;
}

function must(value: string | undefined, what: string): string {
	if (!value) throw new Error(`the demo data holds no ${what} to open this route with (src/core/demo/)`);
	return value;
}
