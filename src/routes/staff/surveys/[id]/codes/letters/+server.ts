// Generating household codes makes one print run and keeps its letters for a day, sealed with a key from the worker's
// session (core/surveys/code-letters.ts); the post then goes back to the codes page (303), which shows the new counts
// and the run, and starts the download (GET ?reeks=<run>) by itself, or offers it as a link without JavaScript. So a
// reload or a second click makes no codes twice, and a lost download can be fetched again. A refusal (no codes mode,
// a wave that is gone) goes back to the codes page with the reason; no households left goes back saying so.
import { error, redirect, type RequestHandler } from '@sveltejs/kit';
import type { DomainError } from '$core/errors';
import { isLocale, translate } from '$core/i18n';
import { getOrganisation } from '$core/partners';
import { generateHouseholdCodes, getSurvey, keptLetters, lettersKeyOf } from '$core/surveys';
import { checkLetterSheet, renderCodeLetters } from '$core/surveys';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { readForm } from '$lib/server/form-body';
import { answerRefusal, fileEndpoint, invalidIssues } from '$lib/server/handlers';
import { codeLink, pick } from '../../../wording';

export const POST: RequestHandler = async ({ request, locals, params, cookies }) => {
	const form = await readForm(request);
	const waveId = String(form.get('waveId') ?? '');
	const estateIds = form.getAll('estateIds').map(String).filter(Boolean);
	const language = String(form.get('language') ?? 'nl');
	const locale = isLocale(language) ? language : 'nl';
	const contact = String(form.get('contact') ?? '')
		.trim()
		.slice(0, 300);
	const back = (query: string) => `/staff/surveys/${params.id}/codes?ronde=${encodeURIComponent(waveId)}&${query}`;
	const token = cookies.get(SESSION_COOKIE);
	if (!token) error(401, translate(locals.locale, 'errors.unauthenticated'));
	// A refusal goes back to the codes page, named in the address: the form posts here for a download, not to a page.
	const refusedTo = (err: DomainError) => redirect(303, back(`fout=${encodeURIComponent(invalidIssues(err)?.[0]?.code ?? err.code)}`));
	const { batchId } = await answerRefusal(async () => {
		const survey = await getSurvey(locals.core.db, locals.actor, params.id!);
		const wave = survey.waves.find((w) => w.id === waveId);
		const org = await getOrganisation(locals.core.db, locals.actor, survey.organisationId);
		const partners = await Promise.all(survey.partnerOrganisationIds.map((id) => getOrganisation(locals.core.db, locals.actor, id).then((o) => o.name)));
		// The last moment to answer, shown as a day: the wave closes at the start of the next.
		const deadline = wave?.closesAt ? new Date(Date.parse(wave.closesAt) - 1000) : null;
		const sheet = {
			locale,
			surveyTitle: pick(survey.title, locale),
			senders: [org.name, ...partners].slice(0, 4),
			contact: contact || [org.phone, org.email].filter(Boolean).join(' · ') || org.name,
			deadline: deadline?.toISOString() ?? null
		};
		checkLetterSheet({ ...sheet, deadline });
		return generateHouseholdCodes(locals.core.db, locals.actor, {
			surveyId: survey.id,
			waveId,
			estateIds: estateIds.length ? estateIds : undefined,
			link: codeLink(locals.core.config.origin),
			keep: { key: lettersKeyOf(token), sheet }
		});
	}, refusedTo);
	redirect(303, back(batchId ? `brieven=${encodeURIComponent(batchId)}` : 'geen'));
};

/** The letters PDF of one print run (?reeks=), for the session that made it; without a run, the codes page. */
export const GET: RequestHandler = fileEndpoint(
	async ({ locals, params, url, cookies }) => {
		const batchId = url.searchParams.get('reeks');
		const survey = await getSurvey(locals.core.db, locals.actor, params.id!);
		if (!batchId) redirect(303, `/staff/surveys/${survey.id}/codes`);
		const token = cookies.get(SESSION_COOKIE);
		const letters = await keptLetters(locals.core.db, locals.actor, survey.id, batchId, lettersKeyOf(token ?? ''));
		const pdf = await renderCodeLetters({
			...letters.sheet,
			deadline: letters.sheet.deadline ? new Date(letters.sheet.deadline) : null,
			letters: letters.letters
		});
		return new Response(pdf as BodyInit, {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="brieven-ronde-${letters.waveNumber}.pdf"`,
				'cache-control': 'no-store'
			}
		});
	},
	{ as: 'page' }
);
