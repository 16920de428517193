// The settings form of a survey (new and edit): texts per language with easy read, modes, areas and estates in
// scope, partner organisations. Reads the posted fields into what createSurvey and updateSurvey take.
import { listOrganisations } from '$core/partners';
import { placeChoices } from '$core/people';
import { wordingFromForm } from '$core/surveys';
import type { SurveyInput } from '$core/surveys';
import type { Actor } from '$core/access';
import type { Db } from '$core/db';

export const FORM_LANGUAGES = ['nl', 'fr', 'en'];

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]).filter(Boolean);

export function surveyInputFromForm(form: Record<string, unknown>): SurveyInput {
	return {
		title: wordingFromForm(form, 'title', FORM_LANGUAGES) ?? {},
		intro: wordingFromForm(form, 'intro', FORM_LANGUAGES) ?? null,
		consent: wordingFromForm(form, 'consent', FORM_LANGUAGES) ?? {},
		modes: list(form.modes),
		areaIds: list(form.areaIds),
		estateIds: list(form.estateIds),
		partnerOrganisationIds: list(form.partnerOrganisationIds),
		slug: typeof form.slug === 'string' ? form.slug : undefined
	};
}

/** Field errors keyed as the form names its fields ("title" → "title.nl"; also the publish page's "feedback"). */
export function formErrorKeys(errors: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(errors)) {
		const base = k.replace(/\.text$/, '').split('.')[0];
		const key =
			['title', 'intro', 'consent', 'feedback'].includes(base) && !/\.(nl|fr|en)/.test(k) ? `${base}.nl` : k.replace(/\.text$/, '').replace(/\.\d+$/, '');
		out[key] ??= v;
	}
	return out;
}

/** What the form offers: estates by area, areas, and the other organisations (possible partners). */
export async function surveyFormChoices(db: Db, actor: Actor) {
	const places = await placeChoices(db, actor, { inReach: true });
	const ownOrg = actor.kind === 'staff' ? actor.organisationId : null;
	const organisations = (await listOrganisations(db, actor)).map((o) => ({ id: o.id, name: o.name }));
	return {
		estates: places.estates.map((e) => ({ id: e.id, name: e.name, areaName: e.areaName })),
		areas: places.areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
		organisation: organisations.find((o) => o.id === ownOrg)?.name ?? '',
		partners: organisations.filter((o) => o.id !== ownOrg)
	};
}

/** A stored survey as the form's values. */
export function surveyFormValues(s: {
	slug: string;
	title: unknown;
	intro: unknown;
	consent: unknown;
	modes: string[];
	areaIds: string[];
	estateIds: string[];
	partnerOrganisationIds: string[];
}): Record<string, unknown> {
	const out: Record<string, unknown> = {
		slug: s.slug,
		modes: s.modes,
		areaIds: s.areaIds,
		estateIds: s.estateIds,
		partnerOrganisationIds: s.partnerOrganisationIds
	};
	for (const field of ['title', 'intro', 'consent'] as const) {
		const w = (s[field] ?? {}) as Record<string, { text: string; easy?: string }>;
		for (const [lang, v] of Object.entries(w)) {
			out[`${field}.${lang}`] = v.text;
			if (v.easy) out[`${field}.${lang}.easy`] = v.easy;
		}
	}
	return out;
}
