// Generating household codes answers with the letters as one PDF download: the codes exist in the clear only now.
// A refusal (no codes mode, a wave that is gone) goes back to the codes page with the reason; no households left
// without a code goes back saying so.
import { redirect, type RequestHandler } from '@sveltejs/kit';
import { DomainError, Invalid } from '$core/errors';
import { isLocale } from '$core/i18n';
import { getOrganisation } from '$core/partners/service';
import { generateHouseholdCodes, getSurvey } from '$core/surveys/service';
import { renderCodeLetters } from '$core/surveys/letters';
import { readForm } from '$lib/server/form-body';
import { codeLink, pick } from '../../../wording';

export const POST: RequestHandler = async ({ request, locals, params }) => {
	const form = await readForm(request);
	const waveId = String(form.get('waveId') ?? '');
	const estateIds = form.getAll('estateIds').map(String).filter(Boolean);
	const language = String(form.get('language') ?? 'nl');
	const locale = isLocale(language) ? language : 'nl';
	const contact = String(form.get('contact') ?? '').trim().slice(0, 300);
	const back = (query: string) => `/staff/surveys/${params.id}/codes?ronde=${encodeURIComponent(waveId)}&${query}`;
	let pdf: Uint8Array;
	let waveNumber = 0;
	try {
		const survey = await getSurvey(locals.core.db, locals.actor, params.id!);
		const wave = survey.waves.find((w) => w.id === waveId);
		waveNumber = wave?.number ?? 0;
		const org = await getOrganisation(locals.core.db, locals.actor, survey.organisationId);
		const partners = await Promise.all(survey.partnerOrganisationIds.map((id) => getOrganisation(locals.core.db, locals.actor, id).then((o) => o.name)));
		const { letters } = await generateHouseholdCodes(locals.core.db, locals.actor, { surveyId: survey.id, waveId, estateIds: estateIds.length ? estateIds : undefined, link: codeLink(locals.core.config.origin) });
		if (letters.length === 0) redirect(303, back('geen'));
		pdf = await renderCodeLetters({
			locale,
			surveyTitle: pick(survey.title, locale),
			senders: [org.name, ...partners].slice(0, 4),
			contact: contact || [org.phone, org.email].filter(Boolean).join(' · ') || org.name,
			deadline: wave?.closesAt ? new Date(Date.parse(wave.closesAt) - 1000) : null,
			letters
		});
	} catch (err) {
		if (err instanceof Invalid) redirect(303, back(`fout=${encodeURIComponent(err.issues[0]?.code ?? err.code)}`));
		if (err instanceof DomainError) redirect(303, back(`fout=${encodeURIComponent(err.code)}`));
		throw err;
	}
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="brieven-ronde-${waveNumber}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
