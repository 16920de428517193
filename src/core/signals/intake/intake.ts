// Intake: a resident reports without an account, a worker registers a signal or help request for someone they met,
// an Open311 client sends one in. Validation, place, category, routing, the reporter's tracking link, the timeline,
// the outbox mail and the audit entry are written in one transaction: a signal is stored whole or not at all.
import { randomBytes, randomInt } from 'node:crypto';
import type { z } from 'zod';
import { auditInsert, authorize, isStaff, type Actor, type StaffActor } from '../../access';
import { areaAt } from '../../areas';
import { hashToken, newToken } from '../../auth';
import { inTransaction, insertRows, isUniqueViolation, newId, onCommit, preparedQuery, type Db, type TableRows } from '../../db';
import { inSharedTransaction } from '../../db';
import type { NewSignal, SignalKind, SignalSource } from '../../db';
import type { FileStore, ProcessedImage } from '../../files';
import { Invalid, NotFound } from '../../errors';
import { checkFingerprint } from '../../idempotency';
import { outboxInsert } from '../../mail';
import { homeOfHousehold, householdOfResident, recordConsent, renewConsentContact } from '../../people';
import { helpConsentInForce } from '../referrals/referrals';
import { parseInput } from '../../validation';
import { suggest } from '../../classifier';
import { modelById } from '../routing/classifier-store';
import { receiptMail } from '../mails';
import { intakeInput, staffIntakeInput, type IntakeInput, type StaffIntakeInput, type ValidIntake } from '../model';
import { routeSignal, type Route } from '../routing/routing';
import { eventRows, type EventInput } from '../handling/timeline';
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
	/**
	 * Photos checked and re-encoded but not yet stored: their rows are written in the intake transaction and the files
	 * only once it commits (onCommit), so a post that fails or is refused leaves no file behind.
	 */
	newPhotos?: { store: FileStore; images: readonly ProcessedImage[] };
	/** Where links in mails point, e.g. "https://leefbaar.example.be". */
	baseUrl: string;
	/**
	 * The area, and the estates in it, that the caller has just read (the melden page's place, the estate an Open311
	 * client named): an estate or area of the input among them is not read a second time. Should one be deleted in
	 * between, the signal's foreign keys refuse the insert.
	 */
	knownPlace?: KnownPlace;
	/** The category the caller has just read and checked (Open311's service): not read a second time. */
	knownCategory?: { id: string; kind: SignalKind };
	/** A fingerprint of the post (core/idempotency), kept with its idempotency key: another body under that key is refused. */
	idempotencyFingerprint?: string;
	/**
	 * Set by storeOnce on a first try outside any transaction: the key is not looked up before the insert, whose unique
	 * index finds a retry instead (one query less per signal; a retry is rare, and storeOnce then reads the first one).
	 */
	insertFirst?: boolean;
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

/** The active category with this id or key. */
const activeCategory = preparedQuery((db, slot) =>
	db
		.selectFrom('signal_categories')
		.select(['id', 'key', 'kind'])
		.where('is_active', '=', true)
		.where((eb) => eb.or([eb('id', '=', slot<string>(0)), eb('key', '=', slot<string>(0))]))
);

/** The active categories of a kind, with the newest classifier model's id (the model itself is cached per process). */
const categoriesOfKind = preparedQuery((db, slot) =>
	db
		.selectFrom('signal_categories')
		.select(['id', 'key', 'kind'])
		.select((eb) => eb.selectFrom('classifier_models').select('id').orderBy('trained_at', 'desc').limit(1).as('model_id'))
		.where('is_active', '=', true)
		.where('kind', '=', slot<SignalKind>(0))
		.orderBy('sort_order')
);

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
	if (chosen) {
		const [category] = await activeCategory(db, [chosen]);
		if (!category) throw new Invalid([{ path: 'categoryId', code: 'unknown_category', message: 'No such category' }]);
		if (category.kind !== kind) throw new Invalid([{ path: 'categoryId', code: 'category_kind_mismatch', message: 'This category belongs to another kind' }]);
		return { categoryId: category.id, suggestedId: null };
	}
	const categories = await categoriesOfKind(db, [kind]);
	const model = await modelById(db, categories[0]?.model_id ?? null);
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

/**
 * The keys of photos checked but not yet stored, for their rows; the files are written once `tx` commits. A server
 * stopped between the commit and the last file leaves a row whose photo shows as missing, never a file without a row.
 */
function newPhotoFiles(tx: Db, photos: IntakeOptions['newPhotos']): PhotoInput[] {
	if (!photos || photos.images.length === 0) return [];
	// A folder of this post alone: two sends of one signal at the same moment never write to each other's photos.
	const dir = `intake/${randomBytes(16).toString('hex')}`;
	const planned = photos.images.map((p) => {
		const name = randomBytes(8).toString('hex');
		const ext = p.mediaType === 'image/webp' ? 'webp' : 'jpg';
		const input: PhotoInput = {
			fileKey: `${dir}/${name}.${ext}`,
			thumbnailKey: `${dir}/${name}-thumb.${ext}`,
			mediaType: p.mediaType,
			width: p.width,
			height: p.height,
			bytes: p.bytes,
			sha256: p.sha256
		};
		return { input, image: p };
	});
	onCommit(tx, async () => {
		for (const { input, image } of planned) {
			await photos.store.put(input.fileKey, image.image, image.mediaType);
			await photos.store.put(input.thumbnailKey!, image.thumbnail, image.mediaType);
		}
	});
	return planned.map((p) => p.input);
}

/** Photos of a home that a resident sent themselves may be shown back to them; the rows go in with the signal. */
function photoRows(signalId: string, photos: readonly PhotoInput[], now: string, uploadedBy: string | null, isPublic: boolean) {
	return photos.map((p) => ({
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
	}));
}

/**
 * Stores a post at most once per idempotency key. Two posts with one key at the same moment (a double tap, a phone
 * resending what it kept offline while the first post still runs) race to the unique index; the loser's transaction
 * is rolled back and it answers with the winner's signal (`replayed`). The one place this race is handled.
 */
export async function storeOnce<T>(
	db: Db,
	key: string | undefined,
	fingerprint: string | undefined,
	store: (insertFirst: boolean) => Promise<T>,
	answer: (earlier: IntakeResult) => T
): Promise<T> {
	try {
		// Joined to a transaction the caller holds, a failed insert would end it: look the key up first there.
		return await store(!db.isTransaction);
	} catch (error) {
		if (!key || db.isTransaction || !isUniqueViolation(error)) throw error;
		const earlier = await inTransaction(db, (tx) => replay(tx, key, fingerprint));
		if (!earlier) throw error;
		return answer(earlier);
	}
}

/** A resident's report as reportSignal takes it: the schema, and a help request needs a way to reach the resident. */
export function validReport(input: IntakeInput): ValidIntake {
	const v = parseInput(intakeInput, input);
	if (v.kind === 'help' && !v.email && !v.phone)
		throw new Invalid([{ path: 'email', code: 'help_needs_contact', message: 'A help request needs a way to reach you' }]);
	return v;
}

/**
 * A resident's report, from the web form or Open311: no account needed. Many residents reporting at once share
 * commits (group commit on SQLite); each report stays all or nothing.
 */
export async function reportSignal(db: Db, actor: Actor, input: IntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	authorize(actor, 'report', 'signal');
	const v = validReport(input);
	return storeOnce(
		db,
		v.idempotencyKey,
		options.idempotencyFingerprint,
		(insertFirst) => inSharedTransaction(db, (tx) => storeReport(tx, actor, v, { ...options, insertFirst })),
		(earlier) => earlier
	);
}

/** The "created" event, and "routed" with where it went when a rule was found. */
function intakeEvents(now: string, created: Record<string, unknown>, routed: Record<string, unknown> | null): EventInput[] {
	const events: EventInput[] = [{ kind: 'created', toStatus: 'new', visibility: 'reporter', at: now, data: created }];
	if (routed) events.push({ kind: 'routed', visibility: 'internal', at: now, data: routed });
	return events;
}

/** What a stored signal answers with. */
function storedResult(row: NewSignal, trackingToken: string | null): IntakeResult {
	return {
		id: row.id,
		reference: row.reference,
		status: 'new',
		organisationId: row.organisation_id ?? null,
		deadlineAt: row.deadline_at ?? null,
		trackingToken,
		replayed: false
	};
}

/** The signal stored before under this post's idempotency key, unless the caller lets the unique index find it. */
async function earlierPost(tx: Db, key: string | undefined, options: IntakeOptions): Promise<IntakeResult | null> {
	return key && !options.insertFirst ? replay(tx, key, options.idempotencyFingerprint) : null;
}

/** The category of a report: the one its caller read and checked already (Open311's service), else chosen here. */
function reportCategory(tx: Db, v: ValidIntake, known: IntakeOptions['knownCategory']): Promise<{ categoryId: string | null; suggestedId: string | null }> {
	if (known && known.id === v.categoryId && known.kind === v.kind) return Promise.resolve({ categoryId: v.categoryId, suggestedId: null });
	return chooseCategory(tx, v.kind, v.categoryId, v.description);
}

/** A resident's signal row: where it is, its category and where routing sent it. */
function reportRow(
	id: string,
	now: string,
	v: ValidIntake,
	found: { place: Place; category: { categoryId: string | null; suggestedId: string | null }; routed: Route | null },
	options: IntakeOptions
): NewSignal {
	const { place, category, routed } = found;
	return {
		...baseRow(id, now, v.kind, v.description, options.source ?? 'web'),
		category_id: category.categoryId,
		suggested_category_id: category.suggestedId,
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
}

/** Every row a resident's report writes besides the signal: its reporter, photos, timeline, receipt mail and audit entry. */
function reportWrites(actor: Actor, v: ValidIntake, row: NewSignal, routed: Route | null, trackingToken: string, options: IntakeOptions): TableRows[] {
	const now = row.created_at;
	const source = row.source;
	const reporter = {
		id: newId(),
		signal_id: row.id,
		is_original: true,
		name: v.name ?? null,
		email: v.email ?? null,
		phone: v.phone ?? null,
		language: v.language,
		token_hash: hashToken(trackingToken),
		created_at: now,
		anonymised_at: null
	};
	const routedData = routed && { organisationId: routed.organisationId, teamId: routed.teamId, deadlineAt: routed.deadlineAt, ruleId: routed.ruleId };
	const receipt = v.email && receiptMail({ to: v.email, locale: v.language, reference: row.reference, link: `${options.baseUrl}/volgen/${trackingToken}` });
	const summary = `${source} ${v.kind}${v.email || v.phone ? ' with contact details' : ''}`;
	return [
		{ table: 'signal_reporters', rows: [reporter] },
		{ table: 'signal_attachments', rows: photoRows(row.id, options.photos ?? [], now, null, true) },
		{ table: 'signal_events', rows: eventRows(actor, row.id, intakeEvents(now, { source }, routedData)) },
		...(receipt ? [outboxInsert(receipt)] : []),
		auditInsert(actor, { action: 'signal_create', resourceType: 'signal', resourceId: row.id, summary })
	];
}

/**
 * A resident's report, checked already (validReport, authorised), stored in the transaction `tx`: the report form,
 * Open311 and reportSignal meet here. A post whose idempotency key was stored before answers with that signal. The
 * reads come first (place, category, routing); the writes go together (insertRows: one statement on PostgreSQL).
 */
export async function storeReport(tx: Db, actor: Actor, v: ValidIntake, options: IntakeOptions): Promise<IntakeResult> {
	const earlier = await earlierPost(tx, v.idempotencyKey, options);
	if (earlier) return earlier;
	const nowDate = options.now ?? new Date();
	const place = await resolvePlace(tx, v, options.knownPlace);
	const category = await reportCategory(tx, v, options.knownCategory);
	const routed = await route(tx, category.categoryId, place.areaId, nowDate);
	const row = reportRow(newId(nowDate.getTime()), nowDate.toISOString(), v, { place, category, routed }, options);
	const trackingToken = newToken();
	await insertRows(tx, [{ table: 'signals', rows: [row] }, ...reportWrites(actor, v, row, routed, trackingToken, options)]);
	return storedResult(row, trackingToken);
}

/**
 * A worker registers what a resident told them (house visit, community centre, street). A help request needs a
 * resident; it goes to the partner that must act only with the resident's consent, recorded here on the spot —
 * without it, it stays with the worker's own organisation.
 */
export async function registerSignal(db: Db, actor: StaffActor | Actor, input: StaffIntakeInput, options: IntakeOptions): Promise<IntakeResult> {
	const staff = staffOnly(actor);
	const v = parseInput(staffIntakeInput, input);
	return storeOnce(
		db,
		v.idempotencyKey,
		options.idempotencyFingerprint,
		(insertFirst) => inTransaction(db, (tx) => storeRegistration(tx, staff, v, { ...options, insertFirst })),
		(earlier) => earlier
	);
}

/** Only staff register a signal for someone (checked before anything is read or decoded). */
export function staffOnly(actor: StaffActor | Actor): StaffActor {
	authorize(actor, 'create', 'signal');
	if (!isStaff(actor)) throw new Invalid([{ path: '', code: 'staff_only', message: 'Only staff register signals for someone' }]);
	return actor;
}

export type ValidStaffIntake = z.output<typeof staffIntakeInput>;

/** Where a worker's signal is: the place given, else the home of the household (or resident) it is about. */
async function registrationPlace(tx: Db, v: ValidStaffIntake): Promise<{ place: Place; householdId: string | null }> {
	let place = await resolvePlace(tx, v);
	let householdId = v.householdId ?? null;
	if (v.residentId) {
		const residentHousehold = await householdOfResident(tx, v.residentId);
		if (residentHousehold === undefined) throw new NotFound('resident', v.residentId);
		householdId ??= residentHousehold;
	}
	if (householdId) {
		const home = await homeOfHousehold(tx, householdId);
		if (!home) throw new NotFound('household', householdId);
		const buildingId = home.place?.buildingId ?? null;
		if (!place.estateId && !place.areaId)
			place = { areaId: home.place?.areaId ?? null, estateId: home.place?.estateId ?? null, buildingId, dwellingId: home.dwellingId };
		else if (v.locationKind === 'dwelling') place = { ...place, buildingId, dwellingId: home.dwellingId };
	}
	return { place, householdId };
}

/**
 * A help request goes to a partner outside the worker's organisation only with the resident's consent, recorded here
 * (a consent already in force for that partner is reused, with the contact details given now, if any); without it,
 * it stays with the worker's own organisation, which may refer it later.
 */
async function helpConsent(tx: Db, actor: StaffActor, v: ValidStaffIntake, routed: Route | null): Promise<{ routed: Route | null; consentId: string | null }> {
	if (v.kind !== 'help' || !routed || routed.organisationId === actor.organisationId) return { routed, consentId: null };
	if (!v.consentGiven || !v.residentId)
		return { routed: { ...routed, organisationId: actor.organisationId ?? routed.organisationId, teamId: null }, consentId: null };
	const contact = { contactPhone: v.contactPhone, contactEmail: v.contactEmail };
	const handledBy = { helpRequestHandledBy: actor.organisationId };
	const inForce = await helpConsentInForce(tx, v.residentId, routed.organisationId);
	if (inForce) {
		await renewConsentContact(tx, actor, inForce, contact, handledBy);
		return { routed, consentId: inForce };
	}
	const scope = { residentId: v.residentId, organisationId: routed.organisationId, scope: 'help_request' as const, purpose: 'signal_routing', ...contact };
	return { routed, consentId: (await recordConsent(tx, actor, scope, handledBy)).id };
}

/** A worker's signal row: the place and household, category, routing and the consent it went on. */
function registrationRow(
	id: string,
	now: string,
	actor: StaffActor,
	v: ValidStaffIntake,
	found: {
		place: Place;
		householdId: string | null;
		category: { categoryId: string | null; suggestedId: string | null };
		routed: Route | null;
		consentId: string | null;
	},
	options: IntakeOptions
): NewSignal {
	const { place, category, routed } = found;
	return {
		...baseRow(id, now, v.kind, v.description, 'staff'),
		category_id: category.categoryId,
		suggested_category_id: category.suggestedId,
		priority: routed?.priority ?? 'normal',
		area_id: place.areaId,
		estate_id: place.estateId,
		building_id: place.buildingId,
		dwelling_id: place.dwellingId,
		location_kind: v.locationKind,
		location_text: v.locationText ?? null,
		lon: v.lon ?? null,
		lat: v.lat ?? null,
		organisation_id: routed?.organisationId ?? (v.kind === 'help' ? actor.organisationId : null),
		team_id: routed?.teamId ?? null,
		deadline_at: routed?.deadlineAt ?? null,
		channel: v.channel,
		household_id: found.householdId,
		resident_id: v.residentId ?? null,
		consent_id: found.consentId,
		idempotency_key: v.idempotencyKey ?? null,
		idempotency_fingerprint: v.idempotencyKey ? (options.idempotencyFingerprint ?? null) : null,
		created_by: actor.id
	};
}

/** A worker's signal, checked already (staffOnly, parsed), stored in the transaction `tx`. */
export async function storeRegistration(tx: Db, actor: StaffActor, v: ValidStaffIntake, options: IntakeOptions): Promise<IntakeResult> {
	const earlier = await earlierPost(tx, v.idempotencyKey, options);
	if (earlier) return earlier;
	const nowDate = options.now ?? new Date();
	const now = nowDate.toISOString();
	const { place, householdId } = await registrationPlace(tx, v);
	const category = await chooseCategory(tx, v.kind, v.categoryId, v.description);
	const { routed, consentId } = await helpConsent(tx, actor, v, await route(tx, category.categoryId, place.areaId, nowDate));
	const row = registrationRow(newId(nowDate.getTime()), now, actor, v, { place, householdId, category, routed, consentId }, options);
	const routedData = routed && { organisationId: row.organisation_id, teamId: row.team_id, deadlineAt: row.deadline_at, ruleId: routed.ruleId, consentId };
	const photos = [...(options.photos ?? []), ...newPhotoFiles(tx, options.newPhotos)];
	const summary = `staff ${v.channel} ${v.kind}${v.residentId ? ' for a resident' : ''}${consentId ? ' with consent' : ''}`;
	await insertRows(tx, [
		{ table: 'signals', rows: [row] },
		{ table: 'signal_attachments', rows: photoRows(row.id, photos, now, actor.id, false) },
		{ table: 'signal_events', rows: eventRows(actor, row.id, intakeEvents(now, { source: 'staff', channel: v.channel }, routedData)) },
		auditInsert(actor, { action: 'signal_create', resourceType: 'signal', resourceId: row.id, summary })
	]);
	return storedResult(row, null);
}
