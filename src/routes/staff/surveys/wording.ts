// A survey's text in the worker's language, else in Dutch (which every text has); the easy-read variant on request.
import type { Locale } from '$core/i18n';

type Variant = { text: string; easy?: string } | string;
export function pick(w: unknown, locale: Locale | string, easy = false): string {
	if (!w || typeof w !== 'object') return '';
	const map = w as Record<string, Variant | undefined>;
	const v = map[locale] ?? map.nl;
	if (!v) return '';
	if (typeof v === 'string') return v;
	return (easy && v.easy) || v.text;
}

/** The survey's address for residents: the open link and, with a code, the letter's link (the resident pages read /enquete/c/<code>). */
export const openLink = (origin: string, slug: string) => `${origin}/enquete/${slug}`;
/** The same link, short, for posters: /e/<slug> forwards to /enquete/<slug>. */
export const shortLinkPrefix = (origin: string) => `${origin}/e/`;
export const shortLink = (origin: string, slug: string) => `${shortLinkPrefix(origin)}${slug}`;
export const codeLink = (origin: string) => (code: string) => `${origin}/enquete/c/${code}`;

/** The names of the form's fields, for the error summary ("Naam van de enquête: …"). */
export const surveyFieldLabels = (t: (key: string) => string): Record<string, string> => ({
	'title.nl': t('survey_builder.field_title'),
	slug: t('survey_builder.field_slug'),
	'intro.nl': t('survey_builder.field_intro'),
	'consent.nl': t('survey_builder.field_consent'),
	modes: t('survey_builder.field_modes'),
	estateIds: t('survey_builder.field_scope'),
	areaIds: t('survey_builder.field_scope'),
	partnerOrganisationIds: t('survey_builder.field_partners')
});
