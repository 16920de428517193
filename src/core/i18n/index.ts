// Translations: Dutch (nl-BE) first, French (fr-BE) and English. Messages live in messages/<locale>/<namespace>.json,
// listed statically below so they survive the production build; keys are "<namespace>.<key>", params "{name}".
import type { Locale } from './locales';
import nlCommon from './messages/nl/common.json';
import frCommon from './messages/fr/common.json';
import enCommon from './messages/en/common.json';
import nlErrors from './messages/nl/errors.json';
import frErrors from './messages/fr/errors.json';
import enErrors from './messages/en/errors.json';
import nlAuth from './messages/nl/auth.json';
import frAuth from './messages/fr/auth.json';
import enAuth from './messages/en/auth.json';
import nlAdmin from './messages/nl/admin.json';
import frAdmin from './messages/fr/admin.json';
import enAdmin from './messages/en/admin.json';
import nlMail from './messages/nl/mail.json';
import frMail from './messages/fr/mail.json';
import enMail from './messages/en/mail.json';
import nlPeople from './messages/nl/people.json';
import frPeople from './messages/fr/people.json';
import enPeople from './messages/en/people.json';
import nlAreas from './messages/nl/areas.json';
import frAreas from './messages/fr/areas.json';
import enAreas from './messages/en/areas.json';
import nlSignals from './messages/nl/signals.json';
import frSignals from './messages/fr/signals.json';
import enSignals from './messages/en/signals.json';
import nlSignalsReport from './messages/nl/report.json';
import frSignalsReport from './messages/fr/report.json';
import enSignalsReport from './messages/en/report.json';
import nlSignalsInbox from './messages/nl/inbox.json';
import frSignalsInbox from './messages/fr/inbox.json';
import enSignalsInbox from './messages/en/inbox.json';
import nlOpen311 from './messages/nl/open311.json';
import frOpen311 from './messages/fr/open311.json';
import enOpen311 from './messages/en/open311.json';
import nlReferrals from './messages/nl/referrals.json';
import frReferrals from './messages/fr/referrals.json';
import enReferrals from './messages/en/referrals.json';
import nlSignalsFigures from './messages/nl/figures.json';
import frSignalsFigures from './messages/fr/figures.json';
import enSignalsFigures from './messages/en/figures.json';
import nlSurveys from './messages/nl/surveys.json';
import frSurveys from './messages/fr/surveys.json';
import enSurveys from './messages/en/surveys.json';
import nlLetters from './messages/nl/letters.json';
import frLetters from './messages/fr/letters.json';
import enLetters from './messages/en/letters.json';
import nlSurveyTablet from './messages/nl/survey_tablet.json';
import frSurveyTablet from './messages/fr/survey_tablet.json';
import enSurveyTablet from './messages/en/survey_tablet.json';
import nlSurveyAnswer from './messages/nl/survey_answer.json';
import frSurveyAnswer from './messages/fr/survey_answer.json';
import enSurveyAnswer from './messages/en/survey_answer.json';
import nlSurveyResults from './messages/nl/survey_results.json';
import frSurveyResults from './messages/fr/survey_results.json';
import enSurveyResults from './messages/en/survey_results.json';
import nlSurveyPublish from './messages/nl/survey_publish.json';
import frSurveyPublish from './messages/fr/survey_publish.json';
import enSurveyPublish from './messages/en/survey_publish.json';

import nlSurveyBuilder from './messages/nl/survey_builder.json';
import frSurveyBuilder from './messages/fr/survey_builder.json';
import enSurveyBuilder from './messages/en/survey_builder.json';
import nlSignalOffline from './messages/nl/signal_offline.json';
import frSignalOffline from './messages/fr/signal_offline.json';
import enSignalOffline from './messages/en/signal_offline.json';

// The start page per role (issue 12, point 4).
import nlStart from './messages/nl/start.json';
import frStart from './messages/fr/start.json';
import enStart from './messages/en/start.json';
// The residents' front door (home page, finding a neighbourhood, surveys on public pages).
import nlFront from './messages/nl/front.json';
import frFront from './messages/fr/front.json';
import enFront from './messages/en/front.json';
// What a deletion asks first (issue 12, point 8).
import nlConfirm from './messages/nl/confirm.json';
import frConfirm from './messages/fr/confirm.json';
import enConfirm from './messages/en/confirm.json';

export { LOCALES, DEFAULT_LOCALE, isLocale, negotiateLocale, htmlLang, type Locale } from './locales';
export type { Params, Translator } from './format';
import { translations } from './format';

type Catalogue = Record<string, Record<string, string>>;

export const catalogues: Record<Locale, Catalogue> = {
	nl: {
		common: nlCommon,
		errors: nlErrors,
		auth: nlAuth,
		admin: nlAdmin,
		mail: nlMail,
		people: nlPeople,
		areas: nlAreas,
		signals: nlSignals,
		report: nlSignalsReport,
		inbox: nlSignalsInbox,
		open311: nlOpen311,
		referrals: nlReferrals,
		figures: nlSignalsFigures,
		letters: nlLetters,
		survey_results: nlSurveyResults,
		survey_publish: nlSurveyPublish,
		surveys: nlSurveys,
		survey_answer: nlSurveyAnswer,
		survey_tablet: nlSurveyTablet,
		survey_builder: nlSurveyBuilder,
		start: nlStart,
		front: nlFront,
		signal_offline: nlSignalOffline,
		confirm: nlConfirm
	},
	fr: {
		common: frCommon,
		errors: frErrors,
		auth: frAuth,
		admin: frAdmin,
		mail: frMail,
		people: frPeople,
		areas: frAreas,
		signals: frSignals,
		report: frSignalsReport,
		inbox: frSignalsInbox,
		open311: frOpen311,
		referrals: frReferrals,
		figures: frSignalsFigures,
		letters: frLetters,
		survey_results: frSurveyResults,
		survey_publish: frSurveyPublish,
		surveys: frSurveys,
		survey_answer: frSurveyAnswer,
		survey_tablet: frSurveyTablet,
		survey_builder: frSurveyBuilder,
		start: frStart,
		front: frFront,
		signal_offline: frSignalOffline,
		confirm: frConfirm
	},
	en: {
		common: enCommon,
		errors: enErrors,
		auth: enAuth,
		admin: enAdmin,
		mail: enMail,
		people: enPeople,
		areas: enAreas,
		signals: enSignals,
		report: enSignalsReport,
		inbox: enSignalsInbox,
		open311: enOpen311,
		referrals: enReferrals,
		figures: enSignalsFigures,
		letters: enLetters,
		survey_results: enSurveyResults,
		survey_publish: enSurveyPublish,
		surveys: enSurveys,
		survey_answer: enSurveyAnswer,
		survey_tablet: enSurveyTablet,
		survey_builder: enSurveyBuilder,
		start: enStart,
		front: enFront,
		signal_offline: enSignalOffline,
		confirm: enConfirm
	}
};

function lookup(locale: Locale, key: string): string | undefined {
	const dot = key.indexOf('.');
	return catalogues[locale][key.slice(0, dot)]?.[key.slice(dot + 1)];
}

export const { translate, has, translator, plural } = translations(lookup);
