// Before a resident sends a report, the open signals of the same kind around them: if the broken lift is already
// reported, they can say "me too" and get its news instead of filing it again. Only what anyone may see leaves here:
// never the description, the reference or who reported it. A "me too" is accepted only for a signal that this offer
// holds for the form's place: an id posted by hand (another municipality's signal, a help request) joins nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { audit, authorize, type Actor } from '../../access';
import { hashToken, newToken } from '../../auth';
import { issueTrackingToken, linkedReporterIds } from './tracking-links';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import type { SignalKind, SignalStatus } from '../../db';
import { Invalid } from '../../errors';
import { enqueueMail } from '../../mail';
import { omittableId, parseInput } from '../../validation';
import { receiptMail } from '../mails';
import { OPEN_STATUSES, SIGNAL_KINDS, reporterEmail, reporterPhone } from '../model';
import type { ReportPlace } from './report-form';
import { reportMapBounds } from './report-map';
import { addEvent } from '../handling/timeline';

/** "Nearby" for a point on the map: about one estate across. */
export const NEARBY_METRES = 250;

export type NearbySignal = {
	id: string;
	kind: string;
	categoryName: string | null;
	categoryNameFr: string | null;
	categoryNameEn: string | null;
	areaName: string | null;
	estateName: string | null;
	createdAt: string;
	status: SignalStatus;
	/** Residents who said "me too" on it. */
	joined: number;
};

const nearbyInput = z.object({
	kind: z.enum(SIGNAL_KINDS).exclude(['help']),
	categoryId: omittableId,
	areaId: omittableId,
	estateId: omittableId,
	lon: z.number().min(-180).max(180).optional(),
	lat: z.number().min(-90).max(90).optional(),
	days: z.number().int().min(1).max(365).default(30),
	limit: z.number().int().min(1).max(20).default(5)
});
export type NearbyQuery = z.input<typeof nearbyInput>;

/** Metres between two WGS84 points (haversine): exact enough at 250 m. */
export function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const rad = Math.PI / 180;
	const dLat = (lat2 - lat1) * rad;
	const dLon = (lon2 - lon1) * rad;
	const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

/**
 * Recent open signals of the same kind in the same estate, the same area, or within NEARBY_METRES of the point; the
 * newest first. Help requests are personal and never shown; merged signals are shown through the one they joined.
 */
export async function nearbySignals(db: Db, actor: Actor, query: NearbyQuery, now = new Date()): Promise<NearbySignal[]> {
	authorize(actor, 'report', 'signal');
	const q = parseInput(nearbyInput, query);
	const hasPoint = q.lon !== undefined && q.lat !== undefined;
	if (!q.estateId && !q.areaId && !hasPoint) return [];
	const since = new Date(now.getTime() - q.days * 86_400_000).toISOString();
	// A box around the point narrows the rows in SQL; the exact distance is checked below.
	const dLat = NEARBY_METRES / 111_320;
	const dLon = hasPoint ? NEARBY_METRES / (111_320 * Math.max(Math.cos((q.lat! * Math.PI) / 180), 0.01)) : 0;
	let rows = db
		.selectFrom('signals as s')
		.leftJoin('signal_categories as c', 'c.id', 's.category_id')
		.leftJoin('areas as a', 'a.id', 's.area_id')
		.leftJoin('estates as e', 'e.id', 's.estate_id')
		.select([
			's.id',
			's.kind',
			's.status',
			's.created_at',
			's.lon',
			's.lat',
			's.estate_id',
			's.area_id',
			'c.name',
			'c.name_fr',
			'c.name_en',
			'a.name as area_name',
			'e.name as estate_name'
		])
		.select((eb) =>
			eb
				.selectFrom('signal_reporters as r')
				.select((r) => r.fn.countAll<number>().as('n'))
				.whereRef('r.signal_id', '=', 's.id')
				.where('r.is_original', '=', false)
				.as('joined')
		)
		.where('s.kind', '=', q.kind)
		.where('s.is_help_request', '=', false)
		.where('s.merged_into_id', 'is', null)
		.where('s.status', 'in', [...OPEN_STATUSES])
		.where('s.created_at', '>=', since)
		.where((eb) => {
			const places = [];
			if (q.estateId) places.push(eb('s.estate_id', '=', q.estateId));
			// An estate lies in an area: a report in the estate also looks at the area's signals outside any estate.
			if (q.areaId) places.push(eb('s.area_id', '=', q.areaId));
			if (hasPoint)
				places.push(
					eb.and([eb('s.lat', '>=', q.lat! - dLat), eb('s.lat', '<=', q.lat! + dLat), eb('s.lon', '>=', q.lon! - dLon), eb('s.lon', '<=', q.lon! + dLon)])
				);
			return eb.or(places);
		});
	if (q.categoryId) rows = rows.where('s.category_id', '=', q.categoryId);
	const found = await rows
		.orderBy('s.created_at', 'desc')
		.limit(q.limit * 4)
		.execute();
	return found
		.filter((r) => {
			if (q.estateId && r.estate_id === q.estateId) return true;
			if (q.areaId && r.area_id === q.areaId) return true;
			return hasPoint && r.lon !== null && r.lat !== null && metresBetween(q.lon!, q.lat!, r.lon, r.lat) <= NEARBY_METRES;
		})
		.slice(0, q.limit)
		.map((r) => ({
			id: r.id,
			kind: r.kind,
			categoryName: r.name,
			categoryNameFr: r.name_fr,
			categoryNameEn: r.name_en,
			areaName: r.area_name,
			estateName: r.estate_name,
			createdAt: r.created_at,
			status: r.status,
			joined: Number(r.joined ?? 0)
		}));
}

/** What step 1 of the form asked about: the kind, and where (an estate of the form's place, a point on its map). */
export type OfferQuestion = { kind: SignalKind; estateId?: string; lon?: number; lat?: number };

/**
 * The signals the report form offers for "me too" (step 1), and the only ones step 2 may join: the nearby query for
 * the form's place. The place comes from the form's own slug; an estate counts only when it is one of that place, and
 * a point on the map only near the box the form's map opens on (NEARBY_METRES around it), so a point posted by hand
 * cannot fetch another municipality's signals. Help requests are never offered.
 */
export async function nearbyOffer(db: Db, actor: Actor, place: ReportPlace, asked: OfferQuestion, now = new Date()): Promise<NearbySignal[]> {
	authorize(actor, 'report', 'signal');
	if (asked.kind === 'help') return [];
	const estateId = place.estateId ?? (asked.estateId && place.estates.some((e) => e.id === asked.estateId) ? asked.estateId : undefined);
	const point =
		asked.lon !== undefined && asked.lat !== undefined && (await nearPlace(db, actor, place, asked.lon, asked.lat)) ? { lon: asked.lon, lat: asked.lat } : {};
	return nearbySignals(db, actor, { kind: asked.kind, estateId, areaId: place.areaId, ...point }, now);
}

/** Whether a point lies within NEARBY_METRES of the box the form's map opens on; false when the place has no box. */
async function nearPlace(db: Db, actor: Actor, place: ReportPlace, lon: number, lat: number): Promise<boolean> {
	const box = await reportMapBounds(db, actor, place);
	if (!box) return false;
	const [west, south, east, north] = box;
	const dLat = NEARBY_METRES / 111_320;
	const dLon = NEARBY_METRES / (111_320 * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
	return lon >= west - dLon && lon <= east + dLon && lat >= south - dLat && lat <= north + dLat;
}

const joinInput = z.object({
	/** What the neighbour typed in step 1: kept with their join, for staff and for their own page. */
	description: z
		.string()
		.trim()
		.max(5000)
		.optional()
		.transform((v) => v || undefined),
	email: reporterEmail,
	phone: reporterPhone,
	language: z.enum(['nl', 'fr', 'en']).default('nl'),
	/**
	 * A secret only this client knows, the same for every post of one form (the web form sends "form:<its one-time
	 * token>"). The tracking link of the join is derived from it, so a double post answers with the very link the
	 * first post stored and mailed. At least 32 characters: the link is as hard to guess as this key.
	 */
	idempotencyKey: z.string().trim().min(32).max(128).optional()
});
export type JoinInput = z.input<typeof joinInput>;
export type JoinResult = {
	signalId: string;
	reference: string;
	trackingToken: string;
	/** True when this person already followed the signal: no second reporter row and no second receipt. */
	replayed: boolean;
};

/** The tracking token of a join posted with this key: the same for every post of one form, unguessable without it. */
const joinToken = (signalId: string, key: string): string => createHash('sha256').update(`leefbaar-join\n${signalId}\n${key}`).digest('base64url');

/** "0470 12 34 56", "0470/12.34.56", "+32 470 12 34 56" and "0032 470 123456" are one Belgian number. */
export function phoneKey(phone: string): string {
	const compact = phone.replace(/[^\d+]/g, '');
	const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
	if (international === null) return compact;
	return international.startsWith('32') ? `0${international.slice(2)}` : `+${international}`;
}

/** A neighbour's words with what they add on a later "me too"; the same words twice are kept once. */
function appendWords(before: string | null, added: string | undefined): string | null {
	if (!added || before?.includes(added)) return before;
	return before ? `${before}\n\n${added}`.slice(0, 10_000) : added;
}

export type JoinRequest = {
	/** The signal chosen in step 2. */
	signalId: string;
	/** The form's place (from its slug) and what step 1 asked about: the offer is made again from these. */
	place: ReportPlace;
	report: OfferQuestion;
};

const notOffered = (signalId: string) =>
	new Invalid([
		{ path: '', code: 'signal_not_offered', message: 'Only a signal offered for this place can be followed', params: { signalId: signalId.slice(0, 64) } }
	]);

/**
 * "Me too": the resident follows an open signal someone else reported. Only a signal the form's step 1 offers for this
 * place and kind (nearbyOffer, asked again here) can be joined; anything else is refused as `signal_not_offered` and
 * nothing is stored. A signal offered then and merged since is followed through the one it joined, when that one is
 * offered. The neighbour gets their own tracking link (and a receipt by mail when they gave an address) and the
 * signal's status news from then on, never what was written to its reporter; their own words and contact are kept
 * with their join, for staff.
 *
 * Once per person and signal. A double post of one form (same idempotency key) answers with the link the first post
 * gave. Someone who already follows the signal (the same email, or the same phone number) and says "me too" again
 * from another form gets no second reporter row and no second receipt: their row gets a fresh link, shown on screen;
 * the links they had keep working (tracking-links.ts). Only rows of residents who joined are matched, never the original reporter's: whoever
 * types an address must not get the link that shows the reporter's own photos. Two joins at the same moment are
 * serialised on the signal's row (PostgreSQL locks it; SQLite runs one transaction at a time).
 */
export async function joinSignal(db: Db, actor: Actor, request: JoinRequest, input: JoinInput, options: { baseUrl: string; now?: Date }): Promise<JoinResult> {
	authorize(actor, 'report', 'signal');
	const v = parseInput(joinInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	const signalId = String(request.signalId ?? '').slice(0, 64);
	return inTransaction(db, async (tx) => {
		const offered = new Set((await nearbyOffer(tx, actor, request.place, request.report, nowDate)).map((s) => s.id));
		const found = signalId ? await tx.selectFrom('signals').select(['id', 'merged_into_id']).where('id', '=', signalId).executeTakeFirst() : undefined;
		// A signal merged into another: the resident follows the one that is handled.
		const followed = found?.merged_into_id ?? found?.id;
		if (!followed || !offered.has(followed)) throw notOffered(signalId);
		let q = tx.selectFrom('signals').select(['id', 'reference', 'status', 'merged_into_id']).where('id', '=', followed);
		if (tx.dialect === 'postgres') q = q.forUpdate();
		const signal = await q.executeTakeFirstOrThrow();
		// Closed or merged by a worker between the offer and the lock: no longer offered.
		if (signal.merged_into_id || !(OPEN_STATUSES as readonly string[]).includes(signal.status)) throw notOffered(signalId);
		const answer = (trackingToken: string, replayed: boolean): JoinResult => ({ signalId: signal.id, reference: signal.reference, trackingToken, replayed });

		const keyed = v.idempotencyKey ? joinToken(signal.id, v.idempotencyKey) : null;
		const reporters = tx
			.selectFrom('signal_reporters')
			.select(['id', 'email', 'phone', 'description'])
			.where('is_original', '=', false)
			.where(
				'signal_id',
				'in',
				tx
					.selectFrom('signals')
					.select('id')
					.where((eb) => eb.or([eb('id', '=', signal.id), eb('merged_into_id', '=', signal.id)]))
			);
		if (keyed) {
			const same = await reporters.where('id', 'in', linkedReporterIds(tx, keyed)).executeTakeFirst();
			if (same) return answer(keyed, true);
		}
		if (v.email || v.phone) {
			const candidates = await reporters.where('anonymised_at', 'is', null).orderBy('created_at').execute();
			const phone = v.phone ? phoneKey(v.phone) : null;
			const person = candidates.find((r) => v.email && r.email === v.email) ?? candidates.find((r) => phone && r.phone && phoneKey(r.phone) === phone);
			if (person) {
				// What they write this time is kept too, after what they wrote before.
				const words = appendWords(person.description, v.description);
				if (words !== person.description) await tx.updateTable('signal_reporters').set({ description: words }).where('id', '=', person.id).execute();
				const trackingToken = await issueTrackingToken(tx, person.id, { token: keyed ?? undefined });
				await audit(tx, actor, { action: 'signal_join', resourceType: 'signal', resourceId: signal.id, summary: 'again, a fresh link' });
				return answer(trackingToken, true);
			}
		}

		const trackingToken = keyed ?? newToken();
		await tx
			.insertInto('signal_reporters')
			.values({
				id: newId(),
				signal_id: signal.id,
				is_original: false,
				name: null,
				email: v.email ?? null,
				phone: v.phone ?? null,
				language: v.language,
				token_hash: hashToken(trackingToken),
				created_at: now,
				anonymised_at: null,
				description: v.description ?? null
			})
			.execute();
		await addEvent(tx, actor, signal.id, { kind: 'joined', visibility: 'internal', at: now, data: { withContact: !!(v.email || v.phone) } });
		if (v.email)
			await enqueueMail(tx, receiptMail({ to: v.email, locale: v.language, reference: signal.reference, link: `${options.baseUrl}/volgen/${trackingToken}` }));
		await audit(tx, actor, {
			action: 'signal_join',
			resourceType: 'signal',
			resourceId: signal.id,
			summary: v.email || v.phone ? 'with contact details' : null
		});
		return answer(trackingToken, false);
	});
}
