// The public "melden" form of an area or an estate: where the resident reports (from the slug on a poster) and the
// check of what they typed before the nearby step, so a mistake shows at once and nothing is stored until they send.
import { sql } from 'kysely';
import { authorize, type Actor } from '../../access';
import type { Db } from '../../db';
import { Invalid, NotFound } from '../../errors';
import { parseInput } from '../../validation';
import { reportSignal, type IntakeOptions, type IntakeResult, type KnownPlace } from './intake';
import { intakeInput, type IntakeInput, type ValidIntake } from '../model';
import { countedIntake } from './rate-limit';

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

/** The area or estate with this slug (slugs are unique per table; an area wins when both exist, its namesake estate preselected). */
export async function reportPlace(db: Db, actor: Actor, slug: string): Promise<ReportPlace> {
	authorize(actor, 'report', 'signal');
	const wanted = slug.toLowerCase().slice(0, 200);
	// The area and the estate with this slug in one query: every report reads its place.
	const found = await db
		.selectFrom('areas as a')
		.select([sql.lit('area').as('kind'), 'a.id', 'a.name', 'a.slug', 'a.id as area_id', 'a.name as area_name', 'a.slug as area_slug'])
		.where('a.slug', '=', wanted)
		.unionAll(
			db
				.selectFrom('estates as e')
				.innerJoin('areas as a', 'a.id', 'e.area_id')
				.select([sql.lit('estate').as('kind'), 'e.id', 'e.name', 'e.slug', 'a.id as area_id', 'a.name as area_name', 'a.slug as area_slug'])
				.where('e.slug', '=', wanted)
		)
		.execute();
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

/** The place a report form stands for, as reportSignal can trust it without reading it again. */
export function knownPlaceOf(place: ReportPlace): KnownPlace {
	return { areaId: place.areaId, estateIds: place.estateId ? [place.estateId] : place.estates.map((e) => e.id) };
}

/** What reportSignal would refuse, checked before the nearby step: the same schema and the same rule for help. */
export function checkReport(input: IntakeInput): ValidIntake {
	const v = parseInput(intakeInput, input);
	if (v.kind === 'help' && !v.email && !v.phone)
		throw new Invalid([{ path: 'email', code: 'help_needs_contact', message: 'A help request needs a way to reach you' }]);
	return v;
}

export type SentReport = { limited: true; retryAfter: number } | { limited: false; place: ReportPlace; result: IntakeResult };
export type SendRequest = {
	slug: string;
	/** The client's rate-limit key (intakeClientKey) and its limit per hour. */
	clientKey: string;
	limitPerHour: number;
	/** The report, once the place is known (the form names an estate of the area, or none). */
	input: (place: ReportPlace) => IntakeInput;
	options: IntakeOptions;
};

/**
 * The resident's "send": the post counted against the client's hourly limit, the place found and the report stored,
 * as one piece of work (countedIntake: many residents sending at once share commits). An invalid post stores
 * nothing; a refused one only its count.
 */
export async function sendReport(db: Db, actor: Actor, request: SendRequest): Promise<SentReport> {
	const counted = await countedIntake(db, request.clientKey, { limit: request.limitPerHour, windowSeconds: 3600 }, async (tx) => {
		const place = await reportPlace(tx, actor, request.slug);
		return { place, result: await reportSignal(tx, actor, request.input(place), { ...request.options, knownPlace: knownPlaceOf(place) }) };
	});
	return counted.allowed ? { limited: false, ...counted.value } : { limited: true, retryAfter: counted.retryAfter };
}
