// The resident's report form of an area or estate, without an account and without JavaScript. Step 1 checks what was
// typed and the photos, then shows recent similar signals nearby ("me too"); step 2 stores the report, or joins one.
// The one-time form token is the idempotency key (a double submit stores one signal) and names the kept photos.
import { randomBytes } from 'node:crypto';
import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { Invalid, type FieldIssue } from '$core/errors';
import { translate } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { checkReport, reportPlace, sendReport, type ReportPlace } from '$core/signals';
import { reportMapBounds } from '$core/signals';
import { closePendingPhotos, discardPendingPhotos, FORM_TOKEN, keepPendingPhotos, pendingPhotos, readReportPhotos } from '$core/signals';
import { intakeClientKey, joinSignal, nearbyOffer, takeIntakeSlot, type IntakeResult } from '$core/signals';
import type { IntakeInput } from '$core/signals/model';
import { readForm as readFormBody } from '$lib/server/form-body';
import { pageError } from '$lib/server/problem';
import type { Actions, PageServerLoad } from './$types';

/** The fields carried from step 1 to step 2 as hidden inputs. */
const CARRIED = ['kind', 'description', 'estateId', 'locationKind', 'locationText', 'lon', 'lat', 'email', 'phone', 'language'] as const;
type Values = Partial<Record<(typeof CARRIED)[number], string>>;

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const place = await reportPlace(locals.core.db, locals.actor, params.slug);
		// "A point on the map" is offered (with JavaScript) only where the map has a place to open on.
		const bounds = await reportMapBounds(locals.core.db, locals.actor, place);
		const map = bounds ? { bounds, tilesUrl: locals.core.config.mapTilesUrl, attribution: locals.core.config.mapTilesAttribution } : null;
		return { place, formToken: randomBytes(16).toString('hex'), locale: locals.locale, map };
	} catch (err) {
		pageError(err, locals.locale);
	}
};

async function readForm(request: Request): Promise<{ values: Values; token: string; files: File[]; data: FormData }> {
	const data = await readFormBody(request);
	const values: Values = {};
	for (const name of CARRIED) {
		const v = data.get(name);
		if (typeof v === 'string') values[name] = v.slice(0, 6000);
	}
	const token = String(data.get('formToken') ?? '');
	const files = data.getAll('photos').filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && f.size > 0);
	return { values, token: FORM_TOKEN.test(token) ? token : randomBytes(16).toString('hex'), files, data };
}

function toInput(place: ReportPlace, v: Values, token: string, locale: string): IntakeInput {
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
		idempotencyKey: `form:${token}`
	};
}

async function placeOf(event: RequestEvent<{ slug: string }>): Promise<ReportPlace> {
	try {
		return await reportPlace(event.locals.core.db, event.locals.actor, event.params.slug);
	} catch (err) {
		pageError(err, event.locals.locale);
	}
}

function invalid(event: RequestEvent, err: unknown, values: Values, token: string, photoCount: number) {
	if (!(err instanceof Invalid)) throw err;
	return fail(400, {
		step: 'form' as const,
		errors: fieldErrors(event.locals.locale, err.issues),
		message: translate(event.locals.locale, 'common.form_has_errors'),
		values,
		formToken: token,
		photoCount
	});
}

/** Counts this post against the client's hourly limit; refused: a 429 page and nothing stored. */
async function refusedByRateLimit(event: RequestEvent, token: string) {
	const { core } = event.locals;
	const slot = await takeIntakeSlot(core.db, intakeClientKey(event.getClientAddress()), { limit: core.config.intakeRateLimit, windowSeconds: 3600 });
	if (slot.allowed) return null;
	await discardPendingPhotos(core.files, token);
	event.setHeaders({ 'retry-after': String(slot.retryAfter) });
	return fail(429, { step: 'limited' as const, minutes: Math.ceil(slot.retryAfter / 60) });
}

function isUniqueViolation(err: unknown): boolean {
	const code = (err as { code?: string } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Counts the post against the client's hourly limit and stores the report, in one short transaction. Refused: the
 * kept photos go, and a 429 page. Two posts of the same form at the same moment: the second finds the first one's signal.
 */
async function store(
	event: RequestEvent<{ slug: string }>,
	values: Values,
	token: string
): Promise<IntakeResult | ActionFailure<{ step: 'limited'; minutes: number }>> {
	const { core } = event.locals;
	const photos = await pendingPhotos(core.files, token);
	const send = () =>
		sendReport(core.db, event.locals.actor, {
			slug: event.params.slug,
			clientKey: intakeClientKey(event.getClientAddress()),
			limitPerHour: core.config.intakeRateLimit,
			input: (place) => toInput(place, values, token, event.locals.locale),
			options: { baseUrl: core.config.origin, photos }
		});
	let sent;
	try {
		sent = await send();
	} catch (err) {
		if (!isUniqueViolation(err)) throw err;
		sent = await send();
	}
	if (sent.limited) {
		await discardPendingPhotos(core.files, token);
		event.setHeaders({ 'retry-after': String(sent.retryAfter) });
		return fail(429, { step: 'limited' as const, minutes: Math.ceil(sent.retryAfter / 60) });
	}
	if (photos.length > 0) await closePendingPhotos(core.files, token);
	return sent.result;
}

export const actions: Actions = {
	/** Step 1: check, keep the photos, and show similar signals nearby (or store at once when there are none). */
	check: async (event) => {
		const { locals } = event;
		const place = await placeOf(event);
		const { values, token, files } = await readForm(event.request);
		let photoCount = (await pendingPhotos(locals.core.files, token)).length;
		// Photos first, so good ones are kept even when a text field still needs fixing: a file input cannot be refilled.
		const issues: FieldIssue[] = [];
		if (files.length > 0) {
			try {
				const photos = await readReportPhotos(await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))));
				photoCount = (await keepPendingPhotos(locals.core.files, token, photos)).length;
			} catch (err) {
				if (!(err instanceof Invalid)) throw err;
				issues.push(...err.issues);
			}
		}
		let valid;
		try {
			valid = checkReport(toInput(place, values, token, locals.locale));
		} catch (err) {
			if (!(err instanceof Invalid)) throw err;
			issues.push(...err.issues);
		}
		if (issues.length > 0 || !valid) return invalid(event, new Invalid(issues), values, token, photoCount);
		const nearby = await nearbyOffer(locals.core.db, locals.actor, place, valid);
		if (nearby.length > 0) return { step: 'nearby' as const, values, formToken: token, photoCount, nearby };
		let result;
		try {
			result = await store(event, values, token);
		} catch (err) {
			return invalid(event, err, values, token, photoCount);
		}
		if (!('trackingToken' in result)) return result;
		redirect(303, `/volgen/${result.trackingToken}/bedankt`);
	},

	/** From step 2 back to the form, with everything typed and the photos kept. */
	edit: async (event) => {
		const { values, token } = await readForm(event.request);
		return { step: 'form' as const, values, formToken: token, photoCount: (await pendingPhotos(event.locals.core.files, token)).length };
	},

	/** Step 2: "No, it is something else": store the report as it was checked in step 1. */
	send: async (event) => {
		const { values, token } = await readForm(event.request);
		let result;
		try {
			result = await store(event, values, token);
		} catch (err) {
			if (!(err instanceof Invalid)) pageError(err, event.locals.locale);
			return invalid(event, err, values, token, (await pendingPhotos(event.locals.core.files, token)).length);
		}
		if (!('trackingToken' in result)) return result;
		redirect(303, `/volgen/${result.trackingToken}/bedankt`);
	},

	/**
	 * Step 2: "I have the same problem": follow that signal instead, with the words and contact typed in step 1; the
	 * photos of this form are not kept. Core offers again what step 1 offered for this place and joins only one of those.
	 */
	join: async (event) => {
		const { locals } = event;
		const place = await placeOf(event);
		const { values, token, data } = await readForm(event.request);
		const limited = await refusedByRateLimit(event, token);
		if (limited) return limited;
		let trackingToken: string;
		try {
			const report = checkReport(toInput(place, values, token, locals.locale));
			const words = { description: report.description, email: report.email, phone: report.phone, language: report.language, idempotencyKey: `form:${token}` };
			const joined = await joinSignal(locals.core.db, locals.actor, { signalId: String(data.get('signalId') ?? ''), place, report }, words, {
				baseUrl: locals.core.config.origin
			});
			trackingToken = joined.trackingToken;
		} catch (err) {
			if (err instanceof Invalid) return invalid(event, err, values, token, (await pendingPhotos(locals.core.files, token)).length);
			pageError(err, locals.locale);
		}
		await discardPendingPhotos(locals.core.files, token);
		redirect(303, `/volgen/${trackingToken}/bedankt?mee`);
	}
};
