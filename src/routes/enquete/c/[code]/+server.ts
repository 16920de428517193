// The link in a letter's QR code: /enquete/c/<code>. The code is checked and kept with this device's draft, then a 303
// to the survey drops it from the address bar (no personal data in URLs, history or logs further on).
import { error, redirect } from '@sveltejs/kit';
import { translate } from '$core/i18n';
import { useHouseholdCode } from '$lib/server/survey-code';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, cookies, url, getClientAddress, setHeaders }) => {
	const outcome = await useHouseholdCode(locals.core, locals.actor, {
		code: params.code.slice(0, 40),
		address: getClientAddress(),
		cookies,
		url,
		language: locals.locale
	});
	if (outcome.ok) redirect(303, `/enquete/${outcome.slug}`);
	if (outcome.limited) {
		setHeaders({ 'retry-after': String(outcome.retryAfter) });
		error(429, { message: translate(locals.locale, 'survey_answer.limited_text', { minutes: Math.ceil(outcome.retryAfter / 60) }), code: 'rate_limited' });
	}
	// What went wrong is said on the code page, where the resident can type the code again.
	redirect(303, `/enquete?fout=${outcome.error.issues[0]?.code ?? 'unknown_code'}`);
};
