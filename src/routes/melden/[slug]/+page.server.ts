// The resident's report form of an area or estate, without an account and without JavaScript. Step 1 checks what was
// typed and the photos, then shows recent similar signals nearby ("me too"); step 2 stores the report, or joins one.
// The one-time form token is the idempotency key (a double submit stores one signal) and names the kept photos.
import { randomBytes } from 'node:crypto';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { FieldIssue } from '$core/errors';
import { translate } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { intakeClientKey } from '$core/limits';
import { reportPlace, reportMapBounds } from '$core/signals';
import { FORM_TOKEN, joinFromReportForm, pendingPhotos, postReportForm, REPORT_FORM_FIELDS, type ReportFormValues } from '$core/signals';
import { readForm as readFormBody } from '$lib/server/form-body';
import { pageAction, pageLoad } from '$lib/server/handlers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params }) => {
	const place = await reportPlace(locals.core.db, locals.actor, params.slug);
	// "A point on the map" is offered (with JavaScript) only where the map has a place to open on.
	const bounds = await reportMapBounds(locals.core.db, locals.actor, place);
	const map = bounds ? { bounds, tilesUrl: locals.core.config.mapTilesUrl, attribution: locals.core.config.mapTilesAttribution } : null;
	return { place, formToken: randomBytes(16).toString('hex'), locale: locals.locale, map };
});

async function readForm(request: Request): Promise<{ values: ReportFormValues; token: string; files: File[]; signalId: string }> {
	const data = await readFormBody(request);
	const values: ReportFormValues = {};
	for (const name of REPORT_FORM_FIELDS) {
		const v = data.get(name);
		if (typeof v === 'string') values[name] = v.slice(0, 6000);
	}
	const token = String(data.get('formToken') ?? '');
	const files = data.getAll('photos').filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && f.size > 0);
	return { values, token: FORM_TOKEN.test(token) ? token : randomBytes(16).toString('hex'), files, signalId: String(data.get('signalId') ?? '') };
}

/** Who posts (the rate-limit key of their address), in which language, and where links in mails point. */
function context(event: RequestEvent) {
	const { core } = event.locals;
	return {
		clientKey: intakeClientKey(event.getClientAddress()),
		limitPerHour: core.config.intakeRateLimit,
		locale: event.locals.locale,
		baseUrl: core.config.origin
	};
}

function invalid(event: RequestEvent, issues: FieldIssue[], values: ReportFormValues, token: string, photoCount: number) {
	return fail(400, {
		step: 'form' as const,
		errors: fieldErrors(event.locals.locale, issues),
		message: translate(event.locals.locale, 'common.form_has_errors'),
		values,
		formToken: token,
		photoCount
	});
}

/** Refused by the client's hourly limit: a 429 page, nothing stored. */
function limited(event: RequestEvent, retryAfter: number) {
	event.setHeaders({ 'retry-after': String(retryAfter) });
	return fail(429, { step: 'limited' as const, minutes: Math.ceil(retryAfter / 60) });
}

/**
 * Step 1 (`offerNearby`) or step 2 "send": one call into core; the answer shaped as a redirect or a form failure. Core
 * gives what the form refuses as an outcome; a core error left over (a place that is gone) is the error page.
 */
async function post(event: RequestEvent<{ slug: string }>, offerNearby: boolean) {
	const { locals } = event;
	const { values, token, files } = await readForm(event.request);
	const outcome = await postReportForm(
		locals.core.db,
		locals.core.files,
		locals.actor,
		{
			slug: event.params.slug,
			values,
			formToken: token,
			photos: offerNearby ? await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))) : []
		},
		{ ...context(event), offerNearby }
	);
	switch (outcome.step) {
		case 'invalid':
			return invalid(event, outcome.issues, values, token, outcome.photoCount);
		case 'limited':
			return limited(event, outcome.retryAfter);
		case 'nearby':
			return { step: 'nearby' as const, values, formToken: token, photoCount: outcome.photoCount, nearby: outcome.nearby };
		case 'stored':
			redirect(303, `/volgen/${outcome.result.trackingToken}/bedankt`);
	}
}

export const actions: Actions = {
	/** Step 1: check, keep the photos, and show similar signals nearby (or store at once when there are none). */
	check: pageAction((event) => post(event, true)),

	/** From step 2 back to the form, with everything typed and the photos kept. */
	edit: async (event) => {
		const { values, token } = await readForm(event.request);
		return { step: 'form' as const, values, formToken: token, photoCount: (await pendingPhotos(event.locals.core.files, token)).length };
	},

	/** Step 2: "No, it is something else": store the report as it was checked in step 1. */
	send: pageAction((event) => post(event, false)),

	/**
	 * Step 2: "I have the same problem": follow that signal instead, with the words and contact typed in step 1; the
	 * photos of this form are not kept. Core offers again what step 1 offered for this place and joins only one of those.
	 */
	join: pageAction(async (event) => {
		const { locals } = event;
		const { values, token, signalId } = await readForm(event.request);
		const outcome = await joinFromReportForm(
			locals.core.db,
			locals.core.files,
			locals.actor,
			{ slug: event.params.slug, values, formToken: token, signalId },
			context(event)
		);
		if (outcome.step === 'invalid') return invalid(event, outcome.issues, values, token, outcome.photoCount);
		if (outcome.step === 'limited') return limited(event, outcome.retryAfter);
		redirect(303, `/volgen/${outcome.trackingToken}/bedankt?mee`);
	})
};
