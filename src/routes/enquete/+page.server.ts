// "I got a letter with a code": the resident types the code (spaces, dashes and small letters are fine); a good code
// opens its survey with the code kept in this device's draft, a used or unknown one gets a plain message.
import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { SURVEY_CODES } from '$core/surveys';
import { readForm } from '$lib/server/form-body';
import { useHouseholdCode } from '$lib/server/survey-code';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// A code from a letter's QR code that did not work: the reason, never the code.
	const reason = url.searchParams.get('fout');
	return { reason: reason && SURVEY_CODES.has(reason) ? translate(locals.locale, `surveys.${reason}`) : null };
};

export const actions: Actions = {
	default: async ({ locals, request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await readForm(request);
		const code = String(form.get('code') ?? '').slice(0, 40);
		if (!code.trim()) return fail(400, { code, errors: { code: translate(locals.locale, 'surveys.code_required') } });
		const outcome = await useHouseholdCode(locals.core, locals.actor, { code, address: getClientAddress(), cookies, url, language: locals.locale });
		if (outcome.ok) redirect(303, `/enquete/${outcome.slug}`);
		if (outcome.limited) {
			setHeaders({ 'retry-after': String(outcome.retryAfter) });
			return fail(429, { code, limited: Math.ceil(outcome.retryAfter / 60) });
		}
		return fail(400, { code, errors: fieldErrors(locals.locale, outcome.error.issues) });
	}
};
