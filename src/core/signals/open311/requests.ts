// Open311 GeoReport v2 on top of the signals module: our categories are its services (service_code = category key,
// group = the kind), a POST is a resident's report through storeReport (routed like a web report, in the same
// transaction), and GET requests show status, deadline and responsible partner. Help requests are no Open311 service
// and never appear; reporters' contact details never leave; signals about someone's home or neighbours show no
// description and no exact point (see docs/open311.md).
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { authorize, system, type Actor } from '../../access';
import { matchAddress, type AddressMatch } from '../../areas';
import type { Db } from '../../db';
import { inSharedTransaction, preparedQuery } from '../../db';
import { DomainError, Invalid, NotFound, type FieldIssue } from '../../errors';
import { fingerprint, IdempotencyKeyReused } from '../../idempotency';
import { has, translate, type Locale } from '../../i18n';
import { fieldMessage } from '../../i18n/field-errors';
import type { LocationKind, SignalCategory, SignalKind, SignalStatus } from '../../db';
import { parseInput } from '../../validation';
import { formatDeadline } from '../format';
import { normaliseReference, storeOnce, storeReport, type IntakeOptions, type IntakeResult } from '../intake/intake';
import type { ValidIntake } from '../model';
import { open311ClientKey, withinLimit, type Counted } from '../../limits';
import type { Open311Client } from './clients';
import {
	DESCRIPTION_MAX,
	localeFrom,
	open311PostInput,
	open311RequestsQuery,
	open311Status,
	REQUESTS_LIMIT,
	REQUESTS_WINDOW_DAYS,
	w3,
	type Open311AddressMatch,
	type Open311Attribute,
	type Open311Created,
	type Open311Error,
	type Open311Request,
	type Open311RequestsQuery,
	type Open311Service,
	type Open311ServiceDefinition
} from './schema';
import { addEvent } from '../handling/timeline';

export * from './schema';

/** One installation is one jurisdiction: its id is the host name of the site (the spec's suggestion), without www. */
export function jurisdictionOf(baseUrl: string): string {
	return new URL(baseUrl).hostname.replace(/^www\./, '').toLowerCase();
}

/** A jurisdiction_id that is given must be ours (404 otherwise); leaving it out is fine. */
export function checkJurisdiction(given: string | undefined | null, baseUrl: string): void {
	if (
		given &&
		given.trim() &&
		given
			.trim()
			.toLowerCase()
			.replace(/^www\./, '') !== jurisdictionOf(baseUrl)
	)
		throw new NotFound('jurisdiction', given);
}

const OFFERED_KINDS: readonly SignalKind[] = ['home_repair', 'common_spaces', 'nuisance', 'public_space'];

function categoryName(c: Pick<SignalCategory, 'name' | 'name_fr' | 'name_en'>, locale: Locale): string {
	return (locale === 'fr' ? c.name_fr : locale === 'en' ? c.name_en : null) ?? c.name;
}

async function offeredCategories(db: Db): Promise<SignalCategory[]> {
	return db
		.selectFrom('signal_categories')
		.selectAll()
		.where('is_active', '=', true)
		.where('kind', 'in', [...OFFERED_KINDS])
		.orderBy('sort_order')
		.orderBy('name')
		.execute();
}

const offeredByCode = preparedQuery((db, slot) =>
	db
		.selectFrom('signal_categories')
		.selectAll()
		.where('key', '=', slot<string>(0))
		.where('is_active', '=', true)
		.where('kind', 'in', [...OFFERED_KINDS])
);

async function offeredCategory(db: Db, code: string): Promise<SignalCategory> {
	const [category] = await offeredByCode(db, [code]);
	if (!category) throw new NotFound('service', code);
	return category;
}

async function estateValues(db: Db): Promise<Array<{ key: string; name: string; id: string }>> {
	const rows = await db
		.selectFrom('estates as e')
		.innerJoin('areas as a', 'a.id', 'e.area_id')
		.select(['e.id', 'e.slug', 'e.name', 'a.name as area_name'])
		.orderBy('e.name')
		.execute();
	return rows.map((r) => ({ id: r.id, key: r.slug, name: `${r.name} (${r.area_name})` }));
}

/** The attributes of a service: where in the building (home repairs only, required) and which estate (optional). */
function attributesFor(kind: SignalKind, estates: Array<{ key: string; name: string }>, locale: Locale): Open311Attribute[] {
	const t = (key: string) => translate(locale, `open311.${key}`);
	const attributes: Open311Attribute[] = [];
	if (kind === 'home_repair') {
		attributes.push({
			variable: true,
			code: 'where',
			datatype: 'singlevaluelist',
			required: true,
			datatype_description: null,
			order: attributes.length + 1,
			description: t('attr_where'),
			values: [
				{ key: 'dwelling', name: t('where_dwelling') },
				{ key: 'common_space', name: t('where_common_space') }
			]
		});
	}
	if (estates.length > 0) {
		attributes.push({
			variable: true,
			code: 'estate',
			datatype: 'singlevaluelist',
			required: false,
			datatype_description: null,
			order: attributes.length + 1,
			description: t('attr_estate'),
			values: estates.map(({ key, name }) => ({ key, name }))
		});
	}
	return attributes;
}

/** GET services: every active category residents may report, except help requests. */
export async function listServices(db: Db, locale: Locale): Promise<Open311Service[]> {
	const [categories, estates] = await Promise.all([offeredCategories(db), estateValues(db)]);
	return categories.map((c) => ({
		service_code: c.key,
		service_name: categoryName(c, locale),
		description: translate(locale, `open311.description_${c.kind}`),
		metadata: attributesFor(c.kind, estates, locale).length > 0,
		type: 'realtime',
		keywords: [...new Set([c.name, c.name_fr, c.name_en].filter((n): n is string => !!n))].join(', '),
		group: translate(locale, `open311.group_${c.kind}`)
	}));
}

export async function serviceDefinition(db: Db, code: string, locale: Locale): Promise<Open311ServiceDefinition> {
	const category = await offeredCategory(db, code);
	return { service_code: category.key, attributes: attributesFor(category.kind, await estateValues(db), locale) };
}

/** The discovery document's changeset: changes whenever the service list or a definition may have changed. */
export async function servicesChangeset(db: Db): Promise<string> {
	const [c, e] = await Promise.all([
		db
			.selectFrom('signal_categories')
			.select((eb) => eb.fn.max('updated_at').as('at'))
			.executeTakeFirst(),
		db
			.selectFrom('estates')
			.select((eb) => eb.fn.max('updated_at').as('at'))
			.executeTakeFirst()
	]);
	const times = [c?.at, e?.at].filter((t): t is string => !!t).map((t) => w3(t)!);
	return times.sort().at(-1) ?? w3(new Date(0))!;
}

function serviceNotice(locale: Locale, organisation: string | null, deadlineAt: string | null): string {
	if (!organisation) return translate(locale, 'open311.notice_unrouted');
	if (!deadlineAt) return translate(locale, 'open311.notice_routed_no_deadline', { organisation });
	return translate(locale, 'open311.notice_routed', { organisation, date: formatDeadline(deadlineAt, locale) });
}

/**
 * A client's Idempotency-Key, scoped to that client (two apps may pick the same key) and hashed to a fixed length,
 * so a retried POST whose first answer was lost returns the same service_request_id instead of a second signal.
 */
export function scopedIdempotencyKey(clientId: string, key: string): string {
	if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw Invalid.field('Idempotency-Key', 'idempotency_key', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
	return `open311:${createHash('sha256').update(`${clientId}\n${key}`).digest('base64url')}`;
}

export type CreateOptions = {
	baseUrl: string;
	idempotencyKey?: string | null;
	now?: Date;
	/** Requests this client may post per hour (OPEN311_RATE_LIMIT); unset: no limit (tests, the admin's own tools). */
	limitPerHour?: number;
};

/** Refused by the client's hourly limit: HTTP 429 with the spec's error list, and when to try again. */
export class Open311RateLimited extends DomainError {
	constructor(readonly retryAfter: number) {
		super('rate_limited', 429, 'Too many requests from this client', { retryAfter });
	}
}

const estateWithSlug = preparedQuery((db, slot) => db.selectFrom('estates').select(['id', 'slug', 'name', 'area_id']).where('slug', '=', slot<string>(0)));
const organisationName = preparedQuery((db, slot) => db.selectFrom('organisations').select('name').where('id', '=', slot<string>(0)));

/** The estate an Open311 client names by its slug (the `estate` attribute's values are slugs). */
async function estateBySlug(db: Db, slug: string | undefined): Promise<{ key: string; name: string; id: string; areaId: string } | undefined> {
	if (!slug) return undefined;
	const [row] = await estateWithSlug(db, [slug.toLowerCase().slice(0, 200)]);
	return row ? { id: row.id, key: row.slug, name: row.name, areaId: row.area_id } : undefined;
}

type Open311Post = z.output<typeof open311PostInput>;
type NamedEstate = NonNullable<Awaited<ReturnType<typeof estateBySlug>>>;

/** One value of an attribute (a list gives its first). */
function attributeValue(v: Open311Post, code: string): string | undefined {
	const value = v.attribute[code];
	return Array.isArray(value) ? value[0] : value || undefined;
}

/** What is wrong with a post beyond its schema: its attributes for this service, and where it is. */
function postIssues(v: Open311Post, kind: SignalKind, estate: NamedEstate | undefined, language: Locale): FieldIssue[] {
	const issues: FieldIssue[] = [];
	for (const attribute of attributesFor(kind, estate ? [estate] : [], language)) {
		const value = attributeValue(v, attribute.code);
		if (value === undefined) {
			if (attribute.required) issues.push({ path: `attribute[${attribute.code}]`, code: 'attribute_required', message: 'required' });
		} else if (!attribute.values.some((option) => option.key === value)) {
			issues.push({ path: `attribute[${attribute.code}]`, code: 'attribute_value', message: 'unknown value' });
		}
	}
	if (attributeValue(v, 'estate') !== undefined && !estate) issues.push({ path: 'attribute[estate]', code: 'attribute_value', message: 'unknown value' });
	const hasPoint = v.lat !== undefined && v.long !== undefined;
	if (!hasPoint && !v.address_string && !v.address_id && !estate) issues.push({ path: 'lat', code: 'location_required', message: 'location required' });
	// An address is words: one of only digits and signs ("12345", "1/2") names no street and no place.
	if (v.address_string && !/\p{L}/u.test(v.address_string))
		issues.push({ path: 'address_string', code: 'address_without_words', message: 'address_without_words' });
	if ((v.lat === undefined) !== (v.long === undefined))
		issues.push({ path: v.lat === undefined ? 'lat' : 'long', code: 'both_coordinates', message: 'lat and long go together' });
	return issues;
}

/** The post's fields as intake takes them, checked already by open311PostInput (the same rules as intakeInput's): not parsed twice. */
function reportOf(
	v: Open311Post,
	category: SignalCategory,
	where: { estate: NamedEstate | undefined; place: AddressMatch | null },
	language: Locale,
	idempotencyKey: () => string | undefined
): ValidIntake {
	const hasPoint = v.lat !== undefined && v.long !== undefined;
	const inBuilding = attributeValue(v, 'where') as 'dwelling' | 'common_space' | undefined;
	const locationText = v.address_string ?? (v.address_id ? `address_id ${v.address_id}` : undefined);
	const locationKind: LocationKind = inBuilding ?? (category.kind === 'common_spaces' ? 'common_space' : hasPoint ? 'map' : locationText ? 'address' : 'none');
	const name = [v.first_name, v.last_name].filter(Boolean).join(' ') || undefined;
	if (name && name.length > 120) throw Invalid.field('first_name', 'too_big', 'first_name and last_name together are too long', { maximum: '120' });
	return {
		kind: category.kind,
		categoryId: category.id,
		description: v.description,
		estateId: where.estate?.id ?? where.place?.estate?.id,
		areaId: where.place?.area?.id,
		locationKind,
		locationText,
		lat: v.lat,
		lon: v.long,
		name,
		email: v.email?.toLowerCase(),
		phone: v.phone,
		language,
		idempotencyKey: idempotencyKey()
	};
}

/**
 * Without an estate named, the address finds the place (docs/open311.md, "Where a report goes"): the estate of a
 * known street and number wins over lat/long; a coarser match places the report only when there is no point.
 */
async function placeOfAddress(db: Db, v: Open311Post, estate: NamedEstate | undefined): Promise<{ matched: AddressMatch | null; place: AddressMatch | null }> {
	const matched = !estate && v.address_string ? await matchAddress(db, v.address_string) : null;
	const hasPoint = v.lat !== undefined && v.long !== undefined;
	const place = matched && (matched.level === 'address' || (!hasPoint && matched.area)) ? matched : null;
	return { matched, place };
}

/**
 * The report stored through intake, with the media address as an internal note. Without a limit (tests, an admin's
 * own tools) it is stored as is; posts share commits on SQLite. A retry racing its first post with the same key
 * answers with that post's signal (storeOnce).
 */
async function storePost(
	db: Db,
	post: { actor: Actor; report: ValidIntake; intake: IntakeOptions; mediaUrl: string | undefined; clientId: string },
	options: CreateOptions
): Promise<IntakeResult> {
	const { actor, report, intake, mediaUrl } = post;
	const storeIn = (insertFirst: boolean) => async (tx: Db) => {
		const result = await storeReport(tx, actor, report, { ...intake, insertFirst });
		// The media is the client's to host: we keep its address for staff, and fetch nothing.
		if (mediaUrl && !result.replayed)
			await addEvent(tx, actor, result.id, { kind: 'note', visibility: 'internal', body: `media_url: ${mediaUrl}`, data: { source: 'open311', mediaUrl } });
		return result;
	};
	const limit = { limit: options.limitPerHour ?? 0, windowSeconds: 3600, now: options.now };
	const counted = await storeOnce(
		db,
		report.idempotencyKey,
		intake.idempotencyFingerprint,
		(insertFirst) =>
			options.limitPerHour === undefined
				? inSharedTransaction(db, storeIn(insertFirst)).then((value): Counted<IntakeResult> => ({ allowed: true, value }))
				: withinLimit(db, open311ClientKey(post.clientId), limit, storeIn(insertFirst)),
		(earlier): Counted<IntakeResult> => ({ allowed: true, value: earlier })
	);
	if (!counted.allowed) throw new Open311RateLimited(counted.retryAfter);
	return counted.value;
}

/** POST requests: the client's report goes through the same intake as the web form (routing, deadline, receipt mail). */
export async function createServiceRequest(db: Db, client: Open311Client, raw: Record<string, unknown>, options: CreateOptions): Promise<Open311Created> {
	const v = parseInput(open311PostInput, raw);
	checkJurisdiction(v.jurisdiction_id, options.baseUrl);
	const category = await offeredCategory(db, v.service_code);
	const language: Locale = localeFrom(v.locale) ?? 'nl';
	// Only the estate named is looked up: a region has thousands, and the attribute's list would hold them all.
	const estate = await estateBySlug(db, attributeValue(v, 'estate'));
	const issues = postIssues(v, category.kind, estate, language);
	if (issues.length > 0) throw new Invalid(issues);
	const { matched, place } = await placeOfAddress(db, v, estate);
	const scopedKey = () => (options.idempotencyKey ? scopedIdempotencyKey(client.id, options.idempotencyKey) : undefined);
	const report = reportOf(v, category, { estate, place }, language, scopedKey);
	const actor = system(`open311 ${client.name}`);
	authorize(actor, 'report', 'signal');
	const intake: IntakeOptions = {
		baseUrl: options.baseUrl,
		source: 'open311',
		open311ClientId: client.id,
		now: options.now,
		knownCategory: { id: category.id, kind: category.kind },
		knownPlace: estate
			? { areaId: estate.areaId, estateIds: [estate.id] }
			: place?.area
				? { areaId: place.area.id, estateIds: place.estate ? [place.estate.id] : [] }
				: undefined,
		// What was posted, as parsed: a retry sends the same; the same key with another body is refused (422).
		idempotencyFingerprint: options.idempotencyKey ? fingerprint(v) : undefined
	};
	const result = await storePost(db, { actor, report, intake, mediaUrl: v.media_url, clientId: client.id }, options);
	const [organisation] = result.organisationId ? await organisationName(db, [result.organisationId]) : [];
	const created: Open311Created = {
		service_request_id: result.reference,
		service_notice: serviceNotice(language, organisation?.name ?? null, result.deadlineAt),
		account_id: null
	};
	return matched ? { ...created, address_match: presentAddressMatch(matched, language) } : created;
}

/** What the answer says of the address match: places only (estate, area, municipality), never who lives there. */
function presentAddressMatch(m: AddressMatch, locale: Locale): Open311AddressMatch {
	const place = [
		m.estate?.name,
		m.area && m.area.name !== m.estate?.name ? m.area.name : null,
		m.municipality && m.municipality.id !== m.area?.id ? m.municipality.name : null
	]
		.filter(Boolean)
		.join(', ');
	const note = translate(locale, `open311.address_match_${m.level}${m.ambiguous ? '_ambiguous' : ''}`, { place, address: m.address ?? '' });
	return {
		match: m.level,
		ambiguous: m.ambiguous,
		estate: m.estate?.name ?? null,
		estate_key: m.estate?.slug ?? null,
		area: m.area?.name ?? null,
		municipality: m.municipality?.name ?? null,
		address: m.address,
		note
	};
}

function requestRows(db: Db) {
	return db
		.selectFrom('signals as s')
		.innerJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('organisations as o', 'o.id', 's.organisation_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.leftJoin('areas as a', 'a.id', 's.area_id')
		.leftJoin('signals as m', 'm.id', 's.merged_into_id')
		.select([
			's.reference',
			's.kind',
			's.status',
			's.status_reason',
			's.description',
			's.location_kind',
			's.location_text',
			's.lat',
			's.lon',
			's.dwelling_id',
			's.household_id',
			's.resident_id',
			's.deadline_at',
			's.created_at',
			's.updated_at',
			's.resolved_at',
			's.closed_at',
			'c.key as category_key',
			'c.name as category_name',
			'c.name_fr as category_name_fr',
			'c.name_en as category_name_en',
			'o.name as organisation_name',
			'e.name as estate_name',
			'a.name as area_name',
			'm.reference as merged_reference'
		])
		.where('s.is_help_request', '=', false)
		.where('s.kind', 'in', [...OFFERED_KINDS]);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof requestRows>['execute']>>[number];

/**
 * What the world may see of a signal. Never the reporter. A signal about someone's home (their dwelling, household
 * or person) or about neighbours (nuisance) shows no description and no exact point: only the estate or area.
 */
function presentRequest(r: RequestRow, locale: Locale): Open311Request {
	const personal = r.kind === 'nuisance' || r.location_kind === 'dwelling' || !!r.dwelling_id || !!r.household_id || !!r.resident_id;
	const status = open311Status(r.status);
	const place = [r.estate_name, r.area_name].filter(Boolean).join(', ') || null;
	const reason = r.status_reason ?? '';
	const notes = r.merged_reference
		? translate(locale, 'open311.notes_merged', { reference: r.merged_reference })
		: translate(locale, `open311.notes_${r.status as SignalStatus}`, { reason }).replace(/\s*:\s*$/, '.');
	return {
		service_request_id: r.reference,
		status,
		status_notes: notes,
		service_name: categoryName({ name: r.category_name, name_fr: r.category_name_fr, name_en: r.category_name_en }, locale),
		service_code: r.category_key,
		description: personal ? null : r.description.slice(0, DESCRIPTION_MAX),
		agency_responsible: r.organisation_name,
		service_notice: status === 'open' ? serviceNotice(locale, r.organisation_name, r.deadline_at) : null,
		requested_datetime: w3(r.created_at)!,
		updated_datetime: w3(status === 'closed' ? (r.closed_at ?? r.resolved_at ?? r.updated_at) : r.updated_at),
		expected_datetime: w3(r.deadline_at),
		address: personal ? place : [r.location_text, place].filter(Boolean).join(', ') || null,
		lat: personal ? null : r.lat,
		long: personal ? null : r.lon
	};
}

/** GET requests with the spec's filters: ids override the rest; otherwise the last 90 days, at most 1,000, newest first. */
export async function listServiceRequests(db: Db, raw: Open311RequestsQuery, options: { baseUrl: string; now?: Date }): Promise<Open311Request[]> {
	const q = parseInput(open311RequestsQuery, raw);
	checkJurisdiction(q.jurisdiction_id, options.baseUrl);
	const locale = localeFrom(q.locale) ?? 'nl';
	let query = requestRows(db);
	if (q.service_request_id.length > 0) {
		const references = q.service_request_id.map(normaliseReference).filter((r): r is string => !!r);
		if (references.length === 0) return [];
		query = query.where('s.reference', 'in', references);
	} else {
		const { start, end } = window(q.start_date, q.end_date, options.now ?? new Date());
		query = query.where('s.created_at', '>=', start.toISOString()).where('s.created_at', '<=', end.toISOString());
		if (q.service_code.length > 0) query = query.where('c.key', 'in', q.service_code);
		if (q.status.length === 1)
			query =
				q.status[0] === 'open'
					? query.where('s.status', 'in', ['new', 'accepted', 'in_progress', 'waiting'])
					: query.where('s.status', 'not in', ['new', 'accepted', 'in_progress', 'waiting']);
	}
	const rows = await query.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(REQUESTS_LIMIT).execute();
	return rows.map((r) => presentRequest(r, locale));
}

const DAY_MS = 86_400_000;
function window(startDate: string | undefined, endDate: string | undefined, now: Date): { start: Date; end: Date } {
	const span = REQUESTS_WINDOW_DAYS * DAY_MS;
	const parse = (s: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
	const start = startDate ? parse(startDate) : endDate ? new Date(parse(endDate).getTime() - span) : new Date(now.getTime() - span);
	const end = endDate ? parse(endDate) : startDate ? new Date(start.getTime() + span) : now;
	if (end < start) throw new Invalid([{ path: 'end_date', code: 'range_reversed', message: 'end_date is before start_date' }]);
	if (end.getTime() - start.getTime() > span) throw new Invalid([{ path: 'end_date', code: 'range_too_long', message: 'more than 90 days' }]);
	return { start, end };
}

/** GET one request by its service_request_id (our reference code). Help requests do not exist here. */
export async function getServiceRequest(
	db: Db,
	id: string,
	options: { baseUrl: string; jurisdictionId?: string | null; locale?: string | null }
): Promise<Open311Request> {
	checkJurisdiction(options.jurisdictionId, options.baseUrl);
	const reference = normaliseReference(id);
	const row = reference ? await requestRows(db).where('s.reference', '=', reference).executeTakeFirst() : undefined;
	if (!row) throw new NotFound('request', id);
	return presentRequest(row, localeFrom(options.locale) ?? 'nl');
}

const NOT_FOUND_MESSAGES: Record<string, string> = {
	service: 'unknown_service',
	jurisdiction: 'unknown_jurisdiction',
	request: 'unknown_request',
	format: 'format'
};

/** Any error as the spec's list of { code, description }, in English, with its HTTP status (400, 403 or 404). */
export function open311Errors(err: unknown): { status: number; errors: Open311Error[] } | null {
	if (!(err instanceof DomainError)) return null;
	const en = (key: string) => translate('en', `open311.${key}`);
	if (err instanceof Invalid) {
		const errors = err.issues.map((issue) => ({ code: 400, description: `${open311Field(issue.path)}: ${issueText(issue)}` }));
		return { status: 400, errors: errors.length > 0 ? errors : [{ code: 400, description: err.message }] };
	}
	if (err instanceof NotFound) {
		const what = String(err.params.what ?? '');
		const key = NOT_FOUND_MESSAGES[what];
		const description = key
			? err.params.id
				? `${en(`error_${key}`).replace(/\.$/, '')}: ${String(err.params.id).slice(0, 100)}`
				: en(`error_${key}`)
			: err.message;
		return { status: 404, errors: [{ code: 404, description }] };
	}
	if (err instanceof Open311RateLimited) return { status: 429, errors: [{ code: 429, description: en('error_rate_limited') }] };
	if (err instanceof IdempotencyKeyReused) return { status: 422, errors: [{ code: 422, description: en('error_idempotency_key_reused') }] };
	if (err.status === 401 || err.status === 403)
		return { status: 403, errors: [{ code: 403, description: err.code === 'api_key_missing' ? en('error_api_key_missing') : en('error_api_key_invalid') }] };
	const status = err.status >= 500 ? err.status : 400;
	return { status, errors: [{ code: status, description: has('en', `errors.${err.code}`) ? translate('en', `errors.${err.code}`) : err.message }] };
}

/** Our intake's field names back to the spec's, so a client reads which of its own fields to fix. */
const FIELD_NAMES: Record<string, string> = {
	lon: 'long',
	locationText: 'address_string',
	name: 'first_name',
	categoryId: 'service_code',
	estateId: 'attribute[estate]',
	language: 'locale',
	idempotencyKey: 'Idempotency-Key'
};
function open311Field(path: string): string {
	const top = path.split('.')[0];
	if (top === 'attribute' && path.includes('.')) return `attribute[${path.split('.')[1]}]`;
	return FIELD_NAMES[top] ?? (top || 'request');
}

function issueText(issue: FieldIssue): string {
	for (const code of [issue.code, issue.message])
		if (/^[a-z_]+$/.test(code) && has('en', `open311.error_${code}`)) return translate('en', `open311.error_${code}`);
	// Zod's own English messages say exactly what is wrong ("Too small: expected string to have >=5 characters").
	if (issue.message && !/^[a-z_]+$/.test(issue.message)) return issue.message;
	return fieldMessage('en', issue);
}

/** The pieces the discovery document needs. */
export function discovery(baseUrl: string, changeset: string) {
	return {
		changeset,
		contact: `Leefbaar, ${jurisdictionOf(baseUrl)}: see ${baseUrl}/ for who runs this site.`,
		key_service: 'An administrator of this Leefbaar site issues API keys (Admin → Open311 keys). Reading needs no key; only POST requests does.',
		endpoints: [
			{
				specification: 'http://wiki.open311.org/GeoReport_v2',
				url: `${baseUrl}/open311/v2`,
				changeset,
				type: 'production',
				formats: ['text/xml', 'application/json']
			}
		]
	};
}
