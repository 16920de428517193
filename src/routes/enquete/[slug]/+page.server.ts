// A survey answered without an account: the open link (or a poster's QR code), and where a household's code leads.
// One question group per screen, without JavaScript: ?stap=0 is the consent (with "where do you live?" on an open
// link), 1..n the sections, n + 1 the check page. Every post saves the draft (saveDraft; its token in a cookie on
// this survey's path, and in a hidden field for phones that refuse cookies) and answers 303 to the next step, so a
// resident can close the phone and come back on the same device. "Send" stores the answer set under a submission id
// made from the draft's token: a double tap shows the same thank-you page and stores one set.
//
// Preview for the builder: /enquete/<slug>?preview=<version number>, with &stap=<step>, &taal=<language> and
// &eenvoudig=1 (easy read). Staff who may read the survey see it, also in draft; every question of a screen shows
// (one with a condition is marked), back and next are plain links, and nothing is stored.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { NotFound, type FieldIssue } from '$core/errors';
import { isLocale, translate, type Locale } from '$core/i18n';
import { fieldErrors } from '$core/i18n/field-errors';
import { answerFromForm, answerScreen, latestPublishedWave, nextStep, shownInSection, submissionIdFor } from '$core/surveys';
import {
	getSurvey,
	getVersion,
	listSurveys,
	loadDraft,
	saveDraft,
	submitAnswerSet,
	surveyForResident,
	wordingFor,
	type AnswerMap,
	type DraftView,
	type ResidentSurvey,
	type Structure
} from '$core/surveys';
import { preferenceCookieOptions } from '$lib/server/cookies';
import { answerRefusal, invalidIssues, pageAction, pageLoad } from '$lib/server/handlers';
import { formObject } from '$lib/server/problem';
import {
	answerText,
	appLocale,
	draftCookieName,
	draftCookieOptions,
	EASY_COOKIE,
	easyCookieOptions,
	echoAnswers,
	questionView,
	readDraftToken,
	stepOfQuestion,
	takeCodeSlot,
	textPicker,
	type QuestionView
} from '$lib/server/survey-answer';
import type { Actions, PageServerLoad } from './$types';

type CheckItem = { key: string; label: string; answer: string };
type CheckSection = { title: string; step: number; items: CheckItem[] };

const LANGUAGE_NAMES: Record<string, string> = {
	nl: 'Nederlands',
	fr: 'Français',
	en: 'English',
	de: 'Deutsch',
	ar: 'العربية',
	tr: 'Türkçe',
	pl: 'Polski',
	uk: 'Українська',
	ru: 'Русский',
	es: 'Español',
	it: 'Italiano',
	pt: 'Português',
	ro: 'Română',
	bg: 'Български',
	so: 'Soomaali',
	ti: 'ትግርኛ',
	fa: 'فارسی',
	ps: 'پښتو',
	prs: 'دری'
};
const RTL = new Set(['ar', 'fa', 'ps', 'prs', 'he', 'ur']);
const languageList = (codes: string[]) =>
	codes.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code, dir: (RTL.has(code) ? 'rtl' : 'ltr') as 'rtl' | 'ltr' }));

function stepParam(url: URL): number | null {
	const raw = url.searchParams.get('stap');
	if (raw === null || !/^\d{1,3}$/.test(raw)) return null;
	return Number(raw);
}

/** What every screen shows: the survey's texts in the resident's language and easy read. */
function screen(structure: Structure, answers: AnswerMap, step: number, language: string, easy: boolean, locale: Locale, preview: boolean) {
	const pick = textPicker(language, easy);
	const n = structure.sections.length;
	const section = step >= 1 && step <= n ? structure.sections[step - 1] : null;
	const visible = new Set(section ? shownInSection(structure, section, answers).map((q) => q.key) : []);
	const onScreen = new Set(section?.questions.map((q) => q.key) ?? []);
	const sameScreen = (q: Structure['sections'][number]['questions'][number]) => !!q.condition && onScreen.has(q.condition.question);
	// Shown now, and (for the script) those that an answer on this same screen may bring up.
	const questions: QuestionView[] = section
		? section.questions
				.filter((q) => preview || visible.has(q.key) || sameScreen(q))
				.map((q) => {
					const view = questionView(q, pick, locale);
					if (preview || !q.condition || !sameScreen(q)) return view;
					const c = q.condition;
					const when =
						'is' in c
							? { question: c.question, op: 'is' as const, value: c.is }
							: 'equals' in c
								? { question: c.question, op: 'equals' as const, value: c.equals }
								: { question: c.question, op: 'includes' as const, value: c.includes };
					return { ...view, when, pending: !visible.has(q.key) };
				})
		: [];
	const check: CheckSection[] =
		step === n + 1
			? structure.sections
					.map((sec, i) => ({
						title: pick(sec.title),
						step: i + 1,
						items: (preview ? sec.questions : shownInSection(structure, sec, answers)).map((q) => ({
							key: q.key,
							label: pick(q.label),
							answer: answerText(q, answers[q.key], pick, locale)
						}))
					}))
					.filter((s) => s.items.length > 0)
			: [];
	return {
		step,
		total: n + 1,
		section: section ? { key: section.key, title: pick(section.title), intro: pick(section.intro) } : null,
		questions,
		check,
		easyAvailable: JSON.stringify(structure).includes('"easy"')
	};
}

export const load: PageServerLoad = pageLoad(async ({ locals, params, url, cookies }) => {
	const { db } = locals.core;
	const easy = cookies.get(EASY_COOKIE) === '1' || url.searchParams.get('eenvoudig') === '1';
	if (url.searchParams.has('preview')) return preview(locals, params.slug, url);

	const survey = await surveyForResident(db, locals.actor, params.slug);
	const base = { slug: survey.slug, title: '', preview: null, languages: languageList(survey.languages) };
	const uiPick = textPicker(locals.locale, easy);
	if (!survey.isOpen) return { ...base, mode: 'closed' as const, title: uiPick(survey.title), results: await latestPublishedWave(db, locals.actor, survey.id) };

	const token = cookies.get(draftCookieName(survey.id));
	const draft = await loadDraft(db, locals.actor, survey.id, token);
	// A survey by household codes only: without a code from a letter there is nothing to answer here.
	if (!survey.modes.includes('open_link') && !draft?.hasCode) return { ...base, mode: 'needs_code' as const, title: uiPick(survey.title) };
	const language = draft?.language ?? (survey.languages.includes(locals.locale) ? locals.locale : 'nl');
	const structure = survey.version.structure;
	const n = structure.sections.length;
	const asked = stepParam(url);
	let step = draft ? Math.min(asked ?? draft.step, n + 1) : 0;
	const answers = draft?.answers ?? {};
	// A section whose questions the answers so far all hide is skipped (a link into it, or the saved step).
	if (step >= 1 && step <= n && shownInSection(structure, structure.sections[step - 1], answers).length === 0) step = nextStep(structure, answers, step, 1);
	const pick = textPicker(language, easy);
	const locale = appLocale(language, locals.locale);
	return {
		...base,
		mode: 'answer' as const,
		title: pick(survey.title),
		intro: pick(survey.intro ?? undefined),
		consent: pick(survey.consent),
		language,
		locale,
		easy,
		draftToken: draft ? token : undefined,
		answers,
		hasCode: draft?.hasCode ?? false,
		estateId: draft?.estateId ?? survey.estates.find((e) => e.slug === url.searchParams.get('wijk'))?.id ?? null,
		estates: survey.estates.map((e) => ({ id: e.id, name: e.name })),
		openLink: survey.modes.includes('open_link'),
		notice:
			!draft && asked !== null && asked > 0
				? ('draft_gone' as const)
				: draft && asked === null && draft.step > 0
					? ('resumed' as const)
					: url.searchParams.has('erbij')
						? ('appeared' as const)
						: null,
		...screen(structure, answers, step, language, easy, locale, false)
	};
});

/** The builder's preview: the screens of one version as a resident sees them, read-only, for staff. */
async function preview(locals: App.Locals, slug: string, url: URL) {
	const { db } = locals.core;
	if (locals.actor.kind !== 'staff') redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const found = (await listSurveys(db, locals.actor)).find((s) => s.slug === slug);
	if (!found) throw new NotFound('survey', slug);
	const survey = await getSurvey(db, locals.actor, found.id);
	const number = Number(url.searchParams.get('preview')) || survey.version.number;
	const version = number === survey.version.number ? survey.version : await getVersion(db, locals.actor, survey.id, number);
	const languages = [
		'nl',
		...Object.keys(survey.title)
			.filter((l) => l !== 'nl')
			.sort()
	];
	const wanted = url.searchParams.get('taal') ?? locals.locale;
	const language = languages.includes(wanted) ? wanted : 'nl';
	const easy = url.searchParams.get('eenvoudig') === '1';
	const n = version.structure.sections.length;
	const step = Math.min(stepParam(url) ?? 0, n + 1);
	const pick = textPicker(language, easy);
	const locale = appLocale(language, locals.locale);
	return {
		slug: survey.slug,
		mode: 'answer' as const,
		preview: { version: version.number },
		// The root layout shows the resident's header (no staff menu): staff see the page as a resident will.
		residentView: true,
		languages: languageList(languages),
		title: pick(survey.title),
		intro: pick(survey.intro ?? undefined),
		consent: pick(survey.consent),
		language,
		locale,
		easy,
		draftToken: undefined,
		answers: {} as AnswerMap,
		hasCode: false,
		estateId: null,
		estates: survey.estates.map((e) => ({ id: e.id, name: e.name })),
		openLink: survey.modes.includes('open_link'),
		notice: null,
		...screen(version.structure, {}, step, language, easy, locale, true)
	};
}

// --- Posts --------------------------------------------------------------------------------------------------------

type Posted = { survey: ResidentSurvey; form: Record<string, unknown>; token: string | undefined; draft: DraftView | null; step: number; shown: string[] };

async function readPost(event: RequestEvent<{ slug: string }>): Promise<Posted> {
	const { locals } = event;
	const survey = await surveyForResident(locals.core.db, locals.actor, event.params.slug);
	if (!survey.isOpen) redirect(303, `/enquete/${survey.slug}`);
	const form = await formObject(event.request);
	const token = readDraftToken(event.cookies, survey.id, form);
	const draft = await loadDraft(locals.core.db, locals.actor, survey.id, token);
	const step = Math.min(Number(/^\d{1,3}$/.test(String(form.step)) ? form.step : 0), survey.version.structure.sections.length + 1);
	if (!survey.modes.includes('open_link') && !draft?.hasCode) redirect(303, '/enquete');
	const shown = typeof form.shown === 'string' ? form.shown.split(' ').filter(Boolean) : [];
	return { survey, form, token, draft, step, shown };
}

async function save(
	event: RequestEvent<{ slug: string }>,
	p: Posted,
	changes: { answers?: AnswerMap; step?: number; language?: string; estateId?: string | null }
): Promise<void> {
	const { locals } = event;
	const saved = await saveDraft(locals.core.db, locals.actor, {
		surveyId: p.survey.id,
		token: p.draft ? p.token : undefined,
		language: changes.language ?? p.draft?.language ?? (p.survey.languages.includes(locals.locale) ? locals.locale : 'nl'),
		answers: changes.answers ?? p.draft?.answers ?? {},
		step: changes.step ?? p.draft?.step ?? 0,
		estateId: changes.estateId === null ? undefined : (changes.estateId ?? p.draft?.estateId ?? undefined)
	});
	event.cookies.set(draftCookieName(p.survey.id), saved.token, draftCookieOptions(event.url));
}

/** This screen's answers, merged into the draft; problems (a value off the scale, a forged answer) refuse the whole screen. */
function screenAnswers(p: Posted) {
	const structure = p.survey.version.structure;
	if (p.step < 1 || p.step > structure.sections.length) return { answers: p.draft?.answers ?? {}, issues: [], appeared: [] };
	return answerScreen(structure, p.step - 1, p.draft?.answers ?? {}, p.form, p.shown);
}

/** On a screen that is left by a switch or "back", answers with a problem keep their saved value. */
function keepGood(p: Posted): AnswerMap {
	const r = screenAnswers(p);
	if (r.issues.length === 0) return r.answers;
	const bad = new Set(r.issues.map((i) => i.path.split('.')[1]));
	if (r.issues.some((i) => i.code === 'hidden_question_answered')) return p.draft?.answers ?? {};
	const answers = { ...r.answers };
	for (const key of bad) {
		if (p.draft?.answers[key] !== undefined) answers[key] = p.draft.answers[key];
		else delete answers[key];
	}
	return answers;
}

function refused(event: RequestEvent, p: Posted, issues: FieldIssue[], answers: AnswerMap) {
	const locale = appLocale(p.draft?.language ?? event.locals.locale, event.locals.locale);
	return fail(400, {
		errors: fieldErrors(locale, issues),
		message: translate(locale, 'common.form_has_errors'),
		answers: echoAnswers(answers),
		step: p.step
	});
}

const to = (slug: string, step: number, extra = '') => `/enquete/${slug}?stap=${step}${extra}`;

export const actions: Actions = {
	/** "I'll take part" and "next": the screen's answers checked and saved, then the next screen. */
	next: pageAction(async (event) => {
		const p = await readPost(event);
		const structure = p.survey.version.structure;
		if (p.step === 0) {
			const estateId =
				typeof p.form.estateId === 'string' && p.survey.estates.some((e) => e.id === p.form.estateId)
					? p.form.estateId
					: p.form.estateId === ''
						? null
						: undefined;
			await save(event, p, { step: nextStep(structure, p.draft?.answers ?? {}, 0, 1), estateId });
			redirect(303, to(p.survey.slug, nextStep(structure, p.draft?.answers ?? {}, 0, 1)));
		}
		if (!p.draft) redirect(303, to(p.survey.slug, 1));
		const r = screenAnswers(p);
		if (r.issues.length > 0) {
			const merged = { ...(p.draft.answers ?? {}) };
			for (const q of structure.sections[p.step - 1]?.questions ?? []) if (p.shown.includes(q.key)) merged[q.key] = answerFromForm(q, p.form);
			return refused(event, p, r.issues, merged);
		}
		// A question that the answers on this screen bring up is asked here before moving on.
		const target = r.appeared.length > 0 ? p.step : nextStep(structure, r.answers, p.step, 1);
		const rejected = await answerRefusal(
			() => save(event, p, { answers: r.answers, step: target }),
			(err) => {
				const issues = invalidIssues(err);
				return issues && refused(event, p, issues, r.answers);
			}
		);
		if (rejected) return rejected;
		redirect(303, to(p.survey.slug, target, r.appeared.length > 0 ? '&erbij=1' : ''));
	}),

	/** "Back": what was typed is kept (what has a problem keeps its saved value), then the screen before. */
	back: pageAction(async (event) => {
		const p = await readPost(event);
		const answers = keepGood(p);
		const target = nextStep(p.survey.version.structure, answers, p.step, -1);
		if (p.draft) await save(event, p, { answers, step: target });
		redirect(303, to(p.survey.slug, target));
	}),

	/** The language switch: answers given are kept, the screen shows again in the other language. */
	language: pageAction(async (event) => {
		const p = await readPost(event);
		const wanted = typeof p.form.language === 'string' ? p.form.language : '';
		const language = p.survey.languages.includes(wanted) ? wanted : (p.draft?.language ?? 'nl');
		await save(event, p, { answers: keepGood(p), language, step: p.step });
		// The app's own words follow when it speaks the language.
		if (isLocale(language)) event.cookies.set('lang', language, preferenceCookieOptions(event.url));
		redirect(303, to(p.survey.slug, p.step));
	}),

	/** Easy read on or off (a cookie of this device), answers given kept. */
	easy: pageAction(async (event) => {
		const p = await readPost(event);
		const on = event.cookies.get(EASY_COOKIE) !== '1';
		event.cookies.set(EASY_COOKIE, on ? '1' : '0', easyCookieOptions(event.url));
		if (p.draft) await save(event, p, { answers: keepGood(p), step: p.step });
		redirect(303, to(p.survey.slug, p.step));
	}),

	/** "Send": the answer set stored whole, once; the thank-you page. */
	send: pageAction(async (event) => {
		const p = await readPost(event);
		const { locals } = event;
		if (!p.token) redirect(303, to(p.survey.slug, 1));
		if (p.draft?.hasCode) {
			const slot = await takeCodeSlot(locals.core.db, event.getClientAddress(), locals.core.config.intakeRateLimit);
			if (!slot.allowed) {
				event.setHeaders({ 'retry-after': String(slot.retryAfter) });
				return fail(429, { limited: Math.ceil(slot.retryAfter / 60) });
			}
		}
		const token = p.token;
		const notSent = await answerRefusal(
			async () => {
				await submitAnswerSet(locals.core.db, locals.actor, p.survey.id, {
					submissionId: submissionIdFor(token),
					channel: p.draft?.hasCode ? 'code' : 'open_link',
					estateId: p.draft?.estateId ?? undefined,
					language: p.draft?.language ?? 'nl',
					answers: p.draft?.answers ?? {},
					draftToken: token
				});
			},
			(err) => {
				const issues = invalidIssues(err);
				return issues && sendProblems(p, issues, locals.locale);
			}
		);
		if (notSent) return notSent;
		redirect(303, `/enquete/${p.survey.slug}/bedankt`);
	})
};

/** Why the answer set was not stored, each problem with the screen to go back to; the thank-you page never shows. */
function sendProblems(p: Posted, issues: FieldIssue[], fallback: Locale) {
	// Sent after the draft was gone (run out, or sent already from another tab that was not this one).
	if (!p.draft) redirect(303, to(p.survey.slug, 1));
	const locale = appLocale(p.draft.language, fallback);
	const structure = p.survey.version.structure;
	const problems = issues.map((i) => {
		const key = i.path.startsWith('answers.') ? i.path.split('.')[1] : '';
		return {
			message: fieldErrors(locale, [i])[i.path || '_form'],
			step: key ? stepOfQuestion(structure, key) : null,
			label: key ? wordingFor(structure.sections.flatMap((s) => s.questions).find((q) => q.key === key)?.label, p.draft!.language) : ''
		};
	});
	return fail(400, { problems, message: translate(locale, 'survey_answer.send_problem') });
}
