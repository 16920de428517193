// Duplicates: the same broken lift reported five times. Nearby signals of the same category from the last days are
// suggested on the signal page; merging one into another keeps every reporter informed (handling.reachableReporters
// follows merged signals) and leaves both timelines telling what happened.
import { z } from 'zod';
import { audit, can, type Actor } from '../../access';
import { inTransaction, type Db } from '../../db';
import type { Signal, SignalStatus } from '../../db';
import { Conflict, Invalid } from '../../errors';
import { parseInput } from '../../validation';
import { loadForAction, signalContext } from './handling';
import { REFUSED_STATUSES } from '../model';
import { addEvent } from './timeline';

export type DuplicateCandidate = {
	id: string;
	reference: string;
	status: SignalStatus;
	createdAt: string;
	/** The first words of the description. */
	summary: string;
	sameEstate: boolean;
	sameBuilding: boolean;
	/** Between the two map points, when both have one. */
	distanceMetres: number | null;
	/** The reader may merge the two (handles both). */
	canMerge: boolean;
};

const EARTH_RADIUS_M = 6_371_000;
/** Great-circle distance; at 150 m the difference with any projection is far below a house's width. */
export function distanceMetres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const MAX_CANDIDATES = 10;

/**
 * Signals of the same category near this one (same building or estate, or within `metres` of its map point), made in
 * the last `days` days, not merged and not refused: what a handler should look at before working on it twice.
 */
export async function duplicateCandidates(
	db: Db,
	actor: Actor,
	signalId: string,
	options: { days?: number; metres?: number; now?: Date } = {}
): Promise<DuplicateCandidate[]> {
	const { signal } = await loadForAction(db, actor, signalId, 'read');
	const days = options.days ?? 14;
	const metres = options.metres ?? 150;
	if (!signal.category_id || signal.merged_into_id) return [];
	const hasPoint = signal.lon !== null && signal.lat !== null;
	if (!signal.estate_id && !signal.building_id && !hasPoint) return [];
	const since = new Date((options.now ?? new Date()).getTime() - days * 86_400_000).toISOString();
	const rows = await sameCategoryNearby(db, signal, since, metres);
	const out: DuplicateCandidate[] = [];
	for (const r of rows) {
		const distance = hasPoint && r.lon !== null && r.lat !== null ? distanceMetres({ lon: signal.lon!, lat: signal.lat! }, { lon: r.lon, lat: r.lat }) : null;
		const sameEstate = !!signal.estate_id && r.estate_id === signal.estate_id;
		const sameBuilding = !!signal.building_id && r.building_id === signal.building_id;
		if (!sameEstate && !sameBuilding && (distance === null || distance > metres)) continue;
		const ctx = await signalContext(db, r);
		if (!can(actor, 'read', 'signal', ctx)) continue;
		out.push({
			id: r.id,
			reference: r.reference,
			status: r.status,
			createdAt: r.created_at,
			summary: r.description.slice(0, 140),
			sameEstate,
			sameBuilding,
			distanceMetres: distance === null ? null : Math.round(distance),
			// Help requests are one person's situation: they are never merged with someone else's.
			canMerge:
				!r.is_help_request && !signal.is_help_request && can(actor, 'handle', 'signal', ctx) && can(actor, 'handle', 'signal', await signalContext(db, signal))
		});
		if (out.length >= MAX_CANDIDATES) break;
	}
	// Nearest first: same building, then by distance, then same estate; newest within each.
	const rank = (c: DuplicateCandidate) => (c.sameBuilding ? 0 : c.distanceMetres !== null ? 1 + c.distanceMetres / (metres + 1) : 2);
	return out.sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}

export const mergeInput = z.object({ keepId: z.string().trim().min(1).max(64), mergeId: z.string().trim().min(1).max(64) });
export type MergeInput = z.input<typeof mergeInput>;

/**
 * Merges `mergeId` into `keepId`: the merged signal leaves the inbox, its reporters follow the kept one and get its
 * updates. The actor must be able to handle both. Signals merged earlier into the merged one move along, so a merge
 * is never more than one step deep.
 */
export async function mergeSignals(
	db: Db,
	actor: Actor,
	input: MergeInput,
	options: { now?: Date } = {}
): Promise<{ keptId: string; mergedId: string; movedAlong: number }> {
	const v = parseInput(mergeInput, input);
	if (v.keepId === v.mergeId) throw new Invalid([{ path: 'mergeId', code: 'merge_into_itself', message: 'A signal cannot be merged into itself' }]);
	return inTransaction(db, async (tx) => {
		const { signal: keep } = await loadForAction(tx, actor, v.keepId, 'handle');
		const { signal: merged } = await loadForAction(tx, actor, v.mergeId, 'handle');
		if (keep.merged_into_id) throw new Conflict('merge_chain', 'The signal to keep was itself merged into another one', { reference: keep.reference });
		if (merged.merged_into_id) throw new Conflict('already_merged', 'This signal was merged already', { reference: merged.reference });
		if (keep.is_help_request || merged.is_help_request) throw new Conflict('merge_help_request', 'Help requests are never merged');
		const now = (options.now ?? new Date()).toISOString();
		await tx.updateTable('signals').set({ merged_into_id: keep.id, updated_at: now }).where('id', '=', merged.id).execute();
		const along = await tx.updateTable('signals').set({ merged_into_id: keep.id, updated_at: now }).where('merged_into_id', '=', merged.id).executeTakeFirst();
		await tx.updateTable('signals').set({ updated_at: now }).where('id', '=', keep.id).execute();
		await addEvent(tx, actor, merged.id, { kind: 'merged', visibility: 'reporter', at: now, data: { intoId: keep.id, intoReference: keep.reference } });
		await addEvent(tx, actor, keep.id, { kind: 'merged', visibility: 'internal', at: now, data: { fromId: merged.id, fromReference: merged.reference } });
		await audit(tx, actor, { action: 'signal_merge', resourceType: 'signal', resourceId: keep.id, summary: `${merged.reference} → ${keep.reference}` });
		return { keptId: keep.id, mergedId: merged.id, movedAlong: Number(along.numUpdatedRows) };
	});
}

/** The signal this one was merged into, for a reader of this one (the page links there). */
export async function mergedInto(db: Db, actor: Actor, signalId: string): Promise<{ id: string; reference: string } | null> {
	const { signal } = await loadForAction(db, actor, signalId, 'read');
	if (!signal.merged_into_id) return null;
	return (await db.selectFrom('signals').select(['id', 'reference']).where('id', '=', signal.merged_into_id).executeTakeFirst()) ?? null;
}

/**
 * The latest 50 signals of the signal's category since `since`, not merged nor refused, in its estate or building or
 * in a box around its map point; the caller checks the exact distance.
 */
function sameCategoryNearby(db: Db, signal: Signal, since: string, metres: number) {
	const hasPoint = signal.lon !== null && signal.lat !== null;
	// A box around the point narrows the rows in SQL; the caller checks the exact distance.
	const dLat = metres / 111_320;
	const dLon = hasPoint ? metres / (111_320 * Math.max(0.01, Math.cos((signal.lat! * Math.PI) / 180))) : 0;
	return db
		.selectFrom('signals')
		.select([
			'id',
			'reference',
			'status',
			'created_at',
			'description',
			'estate_id',
			'building_id',
			'lon',
			'lat',
			'organisation_id',
			'is_help_request',
			'created_by',
			'area_id'
		])
		.where('category_id', '=', signal.category_id)
		.where('id', '!=', signal.id)
		.where('merged_into_id', 'is', null)
		.where('status', 'not in', [...REFUSED_STATUSES])
		.where('created_at', '>=', since)
		.where((eb) => {
			const near = [];
			if (signal.estate_id) near.push(eb('estate_id', '=', signal.estate_id));
			if (signal.building_id) near.push(eb('building_id', '=', signal.building_id));
			if (hasPoint)
				near.push(
					eb.and([
						eb('lat', '>=', signal.lat! - dLat),
						eb('lat', '<=', signal.lat! + dLat),
						eb('lon', '>=', signal.lon! - dLon),
						eb('lon', '<=', signal.lon! + dLon)
					])
				);
			return eb.or(near);
		})
		.orderBy('created_at', 'desc')
		.limit(50)
		.execute();
}
