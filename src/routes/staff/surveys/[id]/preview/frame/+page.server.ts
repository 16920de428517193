// What fills the phone frame of the preview: every section and question of the current version, read-only, in one
// language with or without easy read. Nothing is posted or stored.
import { translate, isLocale } from '$core/i18n';
import { getSurvey } from '$core/surveys';
import { wordingFor } from '$core/surveys';
import { NEEDS_PARTS, SCALE_MAX, SCALE_MIN } from '$core/surveys/model';
import { pageLoad } from '$lib/server/handlers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = pageLoad(async ({ locals, params, url }) => {
	const survey = await getSurvey(locals.core.db, locals.actor, params.id);
	const lang = (url.searchParams.get('taal') ?? 'nl').replace(/[^a-z]/g, '').slice(0, 3) || 'nl';
	const easy = url.searchParams.get('eenvoudig') === '1';
	const ui = isLocale(lang) ? lang : 'nl';
	const w = (x: unknown) => wordingFor(x as never, lang, easy);
	const text = (key: string) => translate(ui, `surveys.${key}`);
	const keys = new Map<string, string>();
	let n = 0;
	const sections = survey.version.structure.sections.map((sec) => ({
		key: sec.key,
		title: w(sec.title),
		intro: w(sec.intro),
		questions: sec.questions.map((q) => {
			n++;
			keys.set(q.key, `${n}`);
			const options =
				q.kind === 'single_choice' || q.kind === 'multiple_choice'
					? [...q.options.map((o) => w(o.label)), ...(q.allowOther ? [text('option_other_namely')] : [])]
					: q.kind === 'yes_no'
						? [text('answer_yes'), text('answer_no')]
						: q.kind === 'scale'
							? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => text(`scale_${i + SCALE_MIN}`))
							: [];
			const parts = q.kind === 'needs_block' ? NEEDS_PARTS.map((p) => w(q[`${p}Label` as 'needsLabel']) || text(`${p}_label`)) : [];
			return {
				key: q.key,
				number: n,
				kind: q.kind,
				label: w(q.label),
				help: w(q.help),
				required: q.required,
				options,
				parts,
				condition: q.condition
					? {
							question: keys.get(q.condition.question) ?? q.condition.question,
							value: 'is' in q.condition ? text(`answer_${q.condition.is}`) : 'equals' in q.condition ? q.condition.equals : q.condition.includes
						}
					: null,
				unit: q.kind === 'number' ? w(q.unit) : '',
				low: q.kind === 'scale' ? w(q.lowLabel) : '',
				high: q.kind === 'scale' ? w(q.highLabel) : ''
			};
		})
	}));
	return { title: w(survey.title), consent: w(survey.consent), intro: w(survey.intro), lang, sections };
});
