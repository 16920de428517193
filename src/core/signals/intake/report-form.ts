// The public "melden" form of an area or an estate: where the resident reports (from the slug on a poster), the check
// of what they typed before the nearby step (a mistake shows at once, nothing is stored until they send), and the
// one call per post that stores the report or joins a signal nearby.
import { sql } from 'kysely';
import { authorize, type Actor } from '../../access';
import { onCommit, preparedQuery, type Db } from '../../db';
import { Invalid, NotFound, type FieldIssue } from '../../errors';
import type { FileStore } from '../../files';
import { withinLimit, type Counted } from '../../limits';
import { storeOnce, storeReport, validReport, type IntakeOptions, type IntakeResult, type KnownPlace } from './intake';
import { joinSignal, nearbyOffer, type NearbySignal } from './nearby';
import { closePendingPhotos, discardPendingPhotos, keepPendingPhotos, pendingPhotos, readReportPhotos } from './photos';
import type { IntakeInput, ValidIntake } from '../model';

export type ReportPlace = {
	slug: string;
	/** A poster can hang in an estate (its hall) or for a whole area (the community centre). */
	kind: 'area' | 'estate';
	name: string;
	areaId: string;
	areaName: string;
	areaSlug: string;
	estateId: string | null;
	/** For an area: its estates, so the resident can say which one (optional). */
	estates: Array<{ id: string; name: string }>;
	/** The estate chosen beforehand: an estate named like its area (Wallaysplein in Wallaysplein) shares its slug. */
	defaultEstateId: string | null;
};

/** The area and the estate with this slug in one query: every report reads its place. */
const placeBySlug = preparedQuery((db, slot) =>
	db
		.selectFrom('areas as a')
		.select([sql.lit('area').as('kind'), 'a.id', 'a.name', 'a.slug', 'a.id as area_id', 'a.name as area_name', 'a.slug as area_slug'])
		.where('a.slug', '=', slot<string>(0))
		.unionAll(
			db
				.selectFrom('estates as e')
				.innerJoin('areas as a', 'a.id', 'e.area_id')
				.select([sql.lit('estate').as('kind'), 'e.id', 'e.name', 'e.slug', 'a.id as area_id', 'a.name as area_name', 'a.slug as area_slug'])
				.where('e.slug', '=', slot<string>(0))
		)
);

/** The area or estate with this slug (slugs are unique per table; an area wins when both exist, its namesake estate preselected). */
export async function reportPlace(db: Db, actor: Actor, slug: string): Promise<ReportPlace> {
	authorize(actor, 'report', 'signal');
	const wanted = slug.toLowerCase().slice(0, 200);
	const found = await placeBySlug(db, [wanted]);
	const area = found.find((r) => r.kind === 'area');
	if (area) {
		const estates = await db.selectFrom('estates').select(['id', 'name', 'slug']).where('area_id', '=', area.id).orderBy('name').execute();
		const namesake = estates.find((e) => e.slug === area.slug) ?? (estates.length === 1 ? estates[0] : undefined);
		return {
			slug: area.slug,
			kind: 'area',
			name: area.name,
			areaId: area.id,
			areaName: area.name,
			areaSlug: area.slug,
			estateId: null,
			estates: estates.map((e) => ({ id: e.id, name: e.name })),
			defaultEstateId: namesake?.id ?? null
		};
	}
	const estate = found[0];
	if (!estate) throw new NotFound('place', slug);
	return {
		slug: estate.slug,
		kind: 'estate',
		name: estate.name,
		areaId: estate.area_id,
		areaName: estate.area_name,
		areaSlug: estate.area_slug,
		estateId: estate.id,
		estates: [],
		defaultEstateId: estate.id
	};
}

/** The place a report form stands for, as storeReport can trust it without reading it again. */
export function knownPlaceOf(place: ReportPlace): KnownPlace {
	return { areaId: place.areaId, estateIds: place.estateId ? [place.estateId] : place.estates.map((e) => e.id) };
}

/** The fields of the report form, as the page posts them (and carries them from step 1 to step 2). */
export const REPORT_FORM_FIELDS = ['kind', 'description', 'estateId', 'locationKind', 'locationText', 'lon', 'lat', 'email', 'phone', 'language'] as const;
export type ReportFormValues = Partial<Record<(typeof REPORT_FORM_FIELDS)[number], string>>;

/**
 * What the form says, as intake reads it. The estate is the form's own, or one of its area's; the form token is the
 * idempotency key, so a double submit stores one signal.
 */
function formInput(place: ReportPlace, v: ReportFormValues, formToken: string, locale: string): IntakeInput {
	const estateId = place.estateId ?? (v.estateId && place.estates.some((e) => e.id === v.estateId) ? v.estateId : undefined);
	return {
		kind: v.kind as IntakeInput['kind'],
		description: v.description ?? '',
		areaId: estateId ? undefined : place.areaId,
		estateId,
		locationKind: (v.locationKind || 'none') as IntakeInput['locationKind'],
		locationText: v.locationText,
		lon: v.lon as unknown as number,
		lat: v.lat as unknown as number,
		email: v.email,
		phone: v.phone,
		language: (v.language || locale) as IntakeInput['language'],
		idempotencyKey: `form:${formToken}`
	};
}

/** What the report page needs to answer a post: who may post how often, and where links in mails point. */
export type FormContext = {
	/** The client's rate-limit key (intakeClientKey of its address) and its limit per hour. */
	clientKey: string;
	limitPerHour: number;
	locale: string;
	baseUrl: string;
	now?: Date;
};

/** A post of the report form: its place (slug), what was typed, its one-time token, and photos sent with it (step 1). */
export type FormPost = { slug: string; values: ReportFormValues; formToken: string; photos?: readonly Uint8Array[] };

export type FormOutcome =
	| { step: 'stored'; result: IntakeResult }
	/** Step 1 found open signals like it nearby: the resident chooses (join one, or send theirs after all). */
	| { step: 'nearby'; nearby: NearbySignal[]; photoCount: number }
	| { step: 'invalid'; issues: FieldIssue[]; photoCount: number }
	| { step: 'limited'; retryAfter: number };

/**
 * The resident's report form, one call per post. Step 1 (`offerNearby`) keeps the photos sent under the form token
 * (good ones are kept even when a field still needs fixing: a file input cannot be refilled) and offers similar open
 * signals nearby; without any, and at step 2 ("send"), the report is stored: the post counted against the client's
 * hourly limit and the signal stored in one piece of work (withinLimit: many residents sending at once share
 * commits), the place read once, the input checked once. The kept photos become the signal's; their manifest goes
 * once the signal is committed. A refused post stores nothing but its count, and its photos go. A post sent twice
 * (the same form token) answers with the first one's signal.
 */
export async function postReportForm(
	db: Db,
	files: FileStore,
	actor: Actor,
	post: FormPost,
	context: FormContext & { offerNearby: boolean }
): Promise<FormOutcome> {
	authorize(actor, 'report', 'signal');
	const place = await reportPlace(db, actor, post.slug);
	const token = post.formToken;
	let photos = await pendingPhotos(files, token);
	const issues: FieldIssue[] = [];
	if (post.photos && post.photos.some((p) => p.byteLength > 0)) {
		try {
			photos = await keepPendingPhotos(files, token, await readReportPhotos(post.photos));
		} catch (err) {
			if (!(err instanceof Invalid)) throw err;
			issues.push(...err.issues);
		}
	}
	let valid: ValidIntake | undefined;
	try {
		valid = validReport(formInput(place, post.values, token, context.locale));
	} catch (err) {
		if (!(err instanceof Invalid)) throw err;
		issues.push(...err.issues);
	}
	if (issues.length > 0 || !valid) return { step: 'invalid', issues, photoCount: photos.length };
	const report = valid;
	if (context.offerNearby) {
		const nearby = await nearbyOffer(db, actor, place, report, context.now);
		if (nearby.length > 0) return { step: 'nearby', nearby, photoCount: photos.length };
	}
	const options: IntakeOptions = { baseUrl: context.baseUrl, now: context.now, photos, knownPlace: knownPlaceOf(place) };
	let counted;
	try {
		counted = await storeOnce(
			db,
			report.idempotencyKey,
			undefined,
			(insertFirst) =>
				withinLimit(db, context.clientKey, { limit: context.limitPerHour, windowSeconds: 3600, now: context.now }, async (tx) => {
					const result = await storeReport(tx, actor, report, { ...options, insertFirst });
					if (photos.length > 0) onCommit(tx, () => closePendingPhotos(files, token));
					return result;
				}),
			(earlier): Counted<IntakeResult> => ({ allowed: true, value: earlier })
		);
	} catch (err) {
		if (!(err instanceof Invalid)) throw err;
		return { step: 'invalid', issues: err.issues, photoCount: photos.length };
	}
	if (!counted.allowed) {
		await discardPendingPhotos(files, token);
		return { step: 'limited', retryAfter: counted.retryAfter };
	}
	return { step: 'stored', result: counted.value };
}

export type JoinOutcome =
	{ step: 'joined'; trackingToken: string } | { step: 'invalid'; issues: FieldIssue[]; photoCount: number } | { step: 'limited'; retryAfter: number };

/**
 * Step 2, "I have the same problem": the resident follows a signal offered at step 1 instead, with the words and
 * contact typed there; counted against the client's hourly limit like a report. The photos of this form are not kept.
 */
export async function joinFromReportForm(
	db: Db,
	files: FileStore,
	actor: Actor,
	post: FormPost & { signalId: string },
	context: FormContext
): Promise<JoinOutcome> {
	authorize(actor, 'report', 'signal');
	const place = await reportPlace(db, actor, post.slug);
	const token = post.formToken;
	const invalid = async (issues: FieldIssue[]): Promise<JoinOutcome> => ({ step: 'invalid', issues, photoCount: (await pendingPhotos(files, token)).length });
	let counted;
	try {
		const report = validReport(formInput(place, post.values, token, context.locale));
		const words = { description: report.description, email: report.email, phone: report.phone, language: report.language, idempotencyKey: `form:${token}` };
		counted = await withinLimit(db, context.clientKey, { limit: context.limitPerHour, windowSeconds: 3600, now: context.now }, (tx) =>
			joinSignal(tx, actor, { signalId: post.signalId, place, report }, words, { baseUrl: context.baseUrl, now: context.now })
		);
	} catch (err) {
		if (!(err instanceof Invalid)) throw err;
		return invalid(err.issues);
	}
	await discardPendingPhotos(files, token);
	if (!counted.allowed) return { step: 'limited', retryAfter: counted.retryAfter };
	return { step: 'joined', trackingToken: counted.value.trackingToken };
}
