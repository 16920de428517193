// Intake: a resident reports without an account, a worker registers a signal or help request for someone they met,
// an Open311 client sends one in. Validation, place, category, routing, the reporter's tracking link, the timeline,
// the outbox mail and the audit entry are written in one transaction: a signal is stored whole or not at all.
import { randomInt } from 'node:crypto';
import { audit, authorize, isStaff, type Actor, type StaffActor } from '../../access';
import { areaAt } from '../../areas';
import { hashToken, newToken } from '../../auth';
import { inTransaction, type Db } from '../../db';
import { newId } from '../../db';
import { inSharedTransaction } from '../../db';
import type { NewSignal, SignalKind, SignalSource } from '../../db';
import { Invalid, NotFound } from '../../errors';
import { checkFingerprint } from '../../idempotency';
import { enqueueMail } from '../../mail';
import { recordConsent, renewConsentContact } from '../../people';
import { helpConsentInForce } from '../referrals/referrals';
import { parseInput } from '../../validation';
import { suggest } from '../../classifier';
import { currentModel } from '../routing/classifier-store';
import { receiptMail } from '../mails';
import { intakeInput, staffIntakeInput, type IntakeInput, type StaffIntakeInput } from '../model';
import { routeSignal, type Route } from '../routing/routing';
import { addEvent } from '../handling/timeline';
import { issueTrackingToken } from './tracking-links';
import { routingRulesAlong } from '../routing/area-chain';

/** Crockford's base32 without look-alikes: a code read over the phone or typed from a letter survives. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newReference(): string {
	let code = '';
	for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
/** "k7m4 px2q", "K7M4-PX2Q" and "K7M4PX2Q" are the same code; O and I typed by mistake read as 0 and 1. */
export function normaliseReference(input: string): string | null {
	const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
	if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(raw)) return null;
	return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

export type PhotoInput = { fileKey: string; thumbnailKey: string | null; mediaType: string; width: number; height: number; bytes: number; sha256: string };
export type IntakeOptions = {
	now?: Date;
	source?: SignalSource;
	open311ClientId?: string;
	/** Photos already checked, re-encoded and stored (core/files); their rows are written in the intake transaction. */
	photos?: readonly PhotoInput[];
	/** Where links in mails point, e.g. "https://leefbaar.example.be". */
	baseUrl: string;
	/**
	 * The area, and the estates in it, that the caller has just read (the melden page's place, the estate an Open311
	 * client named): an estate or area of the input among them is not read a second time. Should one be deleted in
	 * between, the signal's foreign keys refuse the insert.
	 */
	knownPlace?: KnownPlace;
	/** A fingerprint of the post (core/idempotency), kept with its idempotency key: another body under that key is refused. */
	idempotencyFingerprint?: string;
};
export type KnownPlace = { areaId: string; estateIds: readonly string[] };
export type IntakeResult = {
	id: string;
	reference: string;
	status: string;
	organisationId: string | null;
	deadlineAt: string | null;
	/** The secret of the tracking link (/volgen/<token>); shown once, only its hash is stored. */
	trackingToken: string | null;
	/** True when an earlier post with the same idempotency key had stored this signal already. */
	replayed: boolean;
};

type Place = { areaId: string | null; estateId: string | null; buildingId: string | null; dwellingId: string | null };

async function resolvePlace(db: Db, v: { areaId?: string; estateId?: string; lon?: number; lat?: number }, known?: KnownPlace): Promise<Place> {
	if (known && v.estateId && known.estateIds.includes(v.estateId)) return { areaId: known.areaId, estateId: v.estateId, buildingId: null, dwellingId: null };
	if (known && !v.estateId && v.areaId === known.areaId) return { areaId: known.areaId, estateId: null, buildingId: null, dwellingId: null };
	if (v.estateId) {
		const estate = await db.selectFrom('estates').select(['id', 'area_id']).where('id', '=', v.estateId).executeTakeFirst();
		if (!estate) throw new Invalid([{ path: 'estateId', code: 'unknown_estate', message: 'No such estate' }]);
		return { areaId: estate.area_id, estateId: estate.id, buildingId: null, dwellingId: null };
	}
	if (v.areaId) {
		const area = await db.selectFrom('areas').select('id').where('id', '=', v.areaId).executeTakeFirst();
		if (!area) throw new Invalid([{ path: 'areaId', code: 'unknown_area', message: 'No such area' }]);
		return { areaId: area.id, estateId: null, buildingId: null, dwellingId: null };
	}
	if (v.lon !== undefined && v.lat !== undefined) {
		const area = await areaAt(db, v.lon, v.lat);
		return { areaId: area?.id ?? null, estateId: null, buildingId: null, dwellingId: null };
	}
	return { areaId: null, estateId: null, buildingId: null, dwellingId: null };
}

/**
 * The category to route by: the one chosen (checked to exist and fit the kind), else a confident suggestion of the
 * same kind, else the kind's general category ("other technical problem"). A person confirms it later.
 */
async function chooseCategory(
	db: Db,
	kind: SignalKind,
	chosen: string | undefined,
	description: string
): Promise<{ categoryId: string | null; suggestedId: string | null }> {
	const active = db.selectFrom('signal_categories').select(['id', 'key', 'kind']).where('is_active', '=', true);
	if (chosen) {
		const category = await active.where((eb) => eb.or([eb('id', '=', chosen), eb('key', '=', chosen)])).executeTakeFirst();
		if (!category) throw new Invalid([{ path: 'categoryId', code: 'unknown_category', message: 'No such category' }]);
		if (category.kind !== kind) throw new Invalid([{ path: 'categoryId', code: 'category_kind_mismatch', message: 'This category belongs to another kind' }]);
		return { categoryId: category.id, suggestedId: null };
	}
	const categories = await active.where('kind', '=', kind).orderBy('sort_order').execute();
	const model = await currentModel(db);
	const suggestion = model ? suggest(model, description) : null;
	const suggested = suggestion ? categories.find((c) => c.key === suggestion.category) : undefined;
	const general = categories.find((c) => c.key === `${kind}_other`) ?? categories[0];
	return { categoryId: suggested?.id ?? general?.id ?? null, suggestedId: suggested?.id ?? null };
}

async function route(db: Db, categoryId: string | null, areaId: string | null, now: Date): Promise<Route | null> {
	if (!categoryId) return null;
	const { rules, chain } = await routingRulesAlong(db, categoryId, areaId);
	if (rules.length === 0) return null;
	return routeSignal(rules, chain, now);
}

async function replay(db: Db, key: string, fingerprint?: string): Promise<IntakeResult | null> {
	const existing = await db
		.selectFrom('signals')
		.select(['id', 'reference', 'status', 'organisation_id', 'deadline_at', 'idempotency_fingerprint'])
		.where('idempotency_key', '=', key)
		.executeTakeFirst();
	if (!existing) return null;
	checkFingerprint('Idempotency-Key', existing.idempotency_fingerprint, fingerprint);
	// The first answer was lost (that is why the client retried): the original reporter gets a fresh tracking link.
	const reporter = await db.selectFrom('signal_reporters').select('id').where('signal_id', '=', existing.id).where('is_original', '=', true).executeTakeFirst();
	const trackingToken = reporter ? await issueTrackingToken(db, reporter.id) : null;
	return {
		id: existing.id,
		reference: existing.reference,
		status: existing.status,
		organisationId: existing.organisation_id,
		deadlineAt: existing.deadline_at,
		trackingToken,
		replayed: true
	};
}

function baseRow(id: string, now: string, kind: SignalKind, description: string, source: SignalSource): Omit<NewSignal, 'location_kind' | 'priority'> {
	return {
		id,
		reference: newReference(),
		kind,
		category_id: null,
		suggested_category_id: null,
		is_help_request: kind === 'help',
		description,
		status: 'new',
		status_reason: null,
		area_id: null,
		estate_id: null,
		building_id: null,
		dwelling_id: null,
		location_text: null,
		lon: null,
		lat: null,
		organisation_id: null,
		team_id: null,
		assignee_id: null,
		deadline_at: null,
		source,
		channel: null,
		household_id: null,
		resident_id: null,
		consent_id: null,
		open311_client_id: null,
		merged_into_id: null,
		collective_issue_id: null,
		idempotency_key: null,
		created_by: null,
		created_at: now,
		updated_at: now,
		first_response_at: null,
		resolved_at: null,
		closed_at: null
	};
}

/** Photos of a home that a resident sent themselves may be shown back to them; the rows go in with the signal. */
async function insertPhotos(
	tx: Db,
	signalId: string,
	photos: readonly PhotoInput[] | undefined,
	now: string,
	uploadedBy: string | null,
	isPublic: boolean
): Promise<void> {
	for (const p of photos ?? []) {
		await tx
			.insertInto('signal_attachments')
			.values({
				id: newId(),
				signal_id: signalId,
				file_key: p.fileKey,
				thumbnail_key: p.thumbnailKey,
				media_type: p.mediaType,
				width: p.width,
				height: p.height,
				bytes: p.bytes,
				sha256: p.sha256,
				is_public: isPublic,
				uploaded_by: uploadedBy,
				created_at: now
			})
			.execute();
	}
}

/** True for the unique-index violation of a second concurrent post with the same idempotency key (both dialects). */
function isDuplicateKey(error: unknown): boolean {
	const e = error as { code?: string; message?: string } | null;
	return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') && /idempotency/.test(e.message ?? '');
}

/**
 * A resident's report, from the web form or Open311: no account needed. Two identical posts at the same moment
 * (a double tap, a client retrying too soon) race to the unique idempotency key; the loser answers with the winner's
 * signal.
 */
export async function reportSignal(db: Db, actor: Actor, input: IntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	try {
		return await storeReport(db, actor, input, options);
	} catch (error) {
		const key = (input as { idempotencyKey?: unknown }).idempotencyKey;
		if (typeof key === 'string' && isDuplicateKey(error) && !db.isTransaction) {
			const earlier = await inSharedTransaction(db, (tx) => replay(tx, key.trim(), options.idempotencyFingerprint));
			if (earlier) return earlier;
		}
		throw error;
	}
}

async function storeReport(db: Db, actor: Actor, input: IntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	authorize(actor, 'report', 'signal');
	const v = parseInput(intakeInput, input);
	if (v.kind === 'help' && !v.email && !v.phone) {
		throw new Invalid([{ path: 'email', code: 'help_needs_contact', message: 'A help request needs a way to reach you' }]);
	}
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	const source = options.source ?? 'web';
	// Many residents reporting at once share commits (group commit on SQLite); each report stays all or nothing.
	return inSharedTransaction(db, async (tx) => {
		if (v.idempotencyKey) {
			const earlier = await replay(tx, v.idempotencyKey, options.idempotencyFingerprint);
			if (earlier) return earlier;
		}
		const place = await resolvePlace(tx, v, options.knownPlace);
		const { categoryId, suggestedId } = await chooseCategory(tx, v.kind, v.categoryId, v.description);
		const routed = await route(tx, categoryId, place.areaId, nowDate);
		const id = newId(nowDate.getTime());
		const row: NewSignal = {
			...baseRow(id, now, v.kind, v.description, source),
			category_id: categoryId,
			suggested_category_id: suggestedId,
			priority: routed?.priority ?? 'normal',
			area_id: place.areaId,
			estate_id: place.estateId,
			location_kind: v.locationKind,
			location_text: v.locationText ?? null,
			lon: v.lon ?? null,
			lat: v.lat ?? null,
			organisation_id: routed?.organisationId ?? null,
			team_id: routed?.teamId ?? null,
			deadline_at: routed?.deadlineAt ?? null,
			open311_client_id: options.open311ClientId ?? null,
			idempotency_key: v.idempotencyKey ?? null,
			idempotency_fingerprint: v.idempotencyKey ? (options.idempotencyFingerprint ?? null) : null
		};
		await tx.insertInto('signals').values(row).execute();
		const trackingToken = newToken();
		await tx
			.insertInto('signal_reporters')
			.values({
				id: newId(),
				signal_id: id,
				is_original: true,
				name: v.name ?? null,
				email: v.email ?? null,
				phone: v.phone ?? null,
				language: v.language,
				token_hash: hashToken(trackingToken),
				created_at: now,
				anonymised_at: null
			})
			.execute();
		await insertPhotos(tx, id, options.photos, now, null, true);
		await addEvent(tx, actor, id, { kind: 'created', toStatus: 'new', visibility: 'reporter', at: now, data: { source } });
		if (routed)
			await addEvent(tx, actor, id, {
				kind: 'routed',
				visibility: 'internal',
				at: now,
				data: { organisationId: routed.organisationId, teamId: routed.teamId, deadlineAt: routed.deadlineAt, ruleId: routed.ruleId }
			});
		if (v.email)
			await enqueueMail(tx, receiptMail({ to: v.email, locale: v.language, reference: row.reference, link: `${options.baseUrl}/volgen/${trackingToken}` }));
		await audit(tx, actor, {
			action: 'signal_create',
			resourceType: 'signal',
			resourceId: id,
			summary: `${source} ${v.kind}${v.email || v.phone ? ' with contact details' : ''}`
		});
		return {
			id,
			reference: row.reference,
			status: 'new',
			organisationId: row.organisation_id ?? null,
			deadlineAt: row.deadline_at ?? null,
			trackingToken,
			replayed: false
		};
	});
}

/**
 * A worker registers what a resident told them (house visit, community centre, street). A help request needs a
 * resident; it goes to the partner that must act only with the resident's consent, recorded here on the spot —
 * without it, it stays with the worker's own organisation.
 */
export async function registerSignal(db: Db, actor: StaffActor | Actor, input: StaffIntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	try {
		return await storeRegistration(db, actor, input, options);
	} catch (error) {
		// A phone resending a signal kept offline while the first post still runs: the second answers with the first.
		const key = (input as { idempotencyKey?: unknown }).idempotencyKey;
		if (typeof key === 'string' && isDuplicateKey(error) && !db.isTransaction) {
			const earlier = await inTransaction(db, (tx) => replay(tx, key.trim(), options.idempotencyFingerprint));
			if (earlier) return earlier;
		}
		throw error;
	}
}

async function storeRegistration(db: Db, actor: StaffActor | Actor, input: StaffIntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	authorize(actor, 'create', 'signal');
	if (!isStaff(actor)) throw new Invalid([{ path: '', code: 'staff_only', message: 'Only staff register signals for someone' }]);
	const v = parseInput(staffIntakeInput, input);
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	return inTransaction(db, async (tx) => {
		if (v.idempotencyKey) {
			const earlier = await replay(tx, v.idempotencyKey, options.idempotencyFingerprint);
			if (earlier) return earlier;
		}
		let place = await resolvePlace(tx, v);
		let householdId = v.householdId ?? null;
		if (v.residentId) {
			const resident = await tx.selectFrom('residents').select(['id', 'household_id']).where('id', '=', v.residentId).executeTakeFirst();
			if (!resident) throw new NotFound('resident', v.residentId);
			householdId ??= resident.household_id;
		}
		if (householdId) {
			const home = await tx
				.selectFrom('households as h')
				.leftJoin('dwellings as d', 'd.id', 'h.dwelling_id')
				.leftJoin('buildings as b', 'b.id', 'd.building_id')
				.leftJoin('estates as e', 'e.id', 'b.estate_id')
				.select(['h.id', 'h.dwelling_id', 'd.building_id', 'b.estate_id', 'e.area_id'])
				.where('h.id', '=', householdId)
				.executeTakeFirst();
			if (!home) throw new NotFound('household', householdId);
			if (!place.estateId && !place.areaId)
				place = { areaId: home.area_id, estateId: home.estate_id, buildingId: home.building_id, dwellingId: home.dwelling_id };
			else if (v.locationKind === 'dwelling') place = { ...place, buildingId: home.building_id, dwellingId: home.dwelling_id };
		}
		const { categoryId, suggestedId } = await chooseCategory(tx, v.kind, v.categoryId, v.description);
		let routed = await route(tx, categoryId, place.areaId, nowDate);
		const help = v.kind === 'help';
		let consentId: string | null = null;
		if (help && routed && routed.organisationId !== actor.organisationId) {
			if (v.consentGiven && v.residentId) {
				// A consent already in force for this partner is reused (with the contact details given now, if any); a second
				// help request does not record it twice.
				const contact = { contactPhone: v.contactPhone, contactEmail: v.contactEmail };
				consentId = await helpConsentInForce(tx, v.residentId, routed.organisationId);
				if (consentId) await renewConsentContact(tx, actor, consentId, contact, { helpRequestHandledBy: actor.organisationId });
				else
					consentId = (
						await recordConsent(
							tx,
							actor,
							{ residentId: v.residentId, organisationId: routed.organisationId, scope: 'help_request', purpose: 'signal_routing', ...contact },
							{ helpRequestHandledBy: actor.organisationId }
						)
					).id;
			} else {
				// No consent: the help request stays with the worker's own organisation, which may refer it later.
				routed = { ...routed, organisationId: actor.organisationId ?? routed.organisationId, teamId: null };
			}
		}
		const id = newId(nowDate.getTime());
		const row: NewSignal = {
			...baseRow(id, now, v.kind, v.description, 'staff'),
			category_id: categoryId,
			suggested_category_id: suggestedId,
			priority: routed?.priority ?? 'normal',
			area_id: place.areaId,
			estate_id: place.estateId,
			building_id: place.buildingId,
			dwelling_id: place.dwellingId,
			location_kind: v.locationKind,
			location_text: v.locationText ?? null,
			lon: v.lon ?? null,
			lat: v.lat ?? null,
			organisation_id: routed?.organisationId ?? (help ? actor.organisationId : null),
			team_id: routed?.teamId ?? null,
			deadline_at: routed?.deadlineAt ?? null,
			channel: v.channel,
			household_id: householdId,
			resident_id: v.residentId ?? null,
			consent_id: consentId,
			idempotency_key: v.idempotencyKey ?? null,
			idempotency_fingerprint: v.idempotencyKey ? (options.idempotencyFingerprint ?? null) : null,
			created_by: actor.id
		};
		await tx.insertInto('signals').values(row).execute();
		await insertPhotos(tx, id, options.photos, now, actor.id, false);
		await addEvent(tx, actor, id, { kind: 'created', toStatus: 'new', visibility: 'reporter', at: now, data: { source: 'staff', channel: v.channel } });
		if (routed)
			await addEvent(tx, actor, id, {
				kind: 'routed',
				visibility: 'internal',
				at: now,
				data: { organisationId: row.organisation_id, teamId: row.team_id, deadlineAt: row.deadline_at, ruleId: routed.ruleId, consentId }
			});
		await audit(tx, actor, {
			action: 'signal_create',
			resourceType: 'signal',
			resourceId: id,
			summary: `staff ${v.channel} ${v.kind}${v.residentId ? ' for a resident' : ''}${consentId ? ' with consent' : ''}`
		});
		return {
			id,
			reference: row.reference,
			status: 'new',
			organisationId: row.organisation_id ?? null,
			deadlineAt: row.deadline_at ?? null,
			trackingToken: null,
			replayed: false
		};
	});
}
