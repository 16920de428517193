// Results of a survey: per wave, the answer sets and response rate against the households in scope (per estate), the
// figures of every question overall and per estate, and the themes of its open answers; waves side by side; and the
// public "what you told us" variant without small groups. Computed by GROUP BY in the database (three grouped reads
// per wave over covering indexes), never by loading answer sets: the page stays fast at 100,000 answer sets.
import { authorize, type Actor } from '../access';
import { estatesInScope } from '../areas';
import type { Db } from '../db';
import type { SurveyChannel, SurveyWave } from '../db';
import { NotFound } from '../errors';
import { isLocale, translate, type Locale } from '../i18n';
import { wordingFor } from './answers';
import {
	EMPTY_FIGURES,
	publicBreakdown,
	publicCounts,
	questionFigures,
	type AnswerGroup,
	type PublicQuestionFigures,
	type QuestionFigures,
	type TextGroup
} from './figures';
import { PUBLIC_MIN_GROUP, SURVEY_MODES, type Question, type Structure, type Wording } from './model';
import { allVersions, loadSurvey, surveyFor, titleOf, wavesOf, type SurveyRecord } from './records';

export type EstateResult = { estateId: string | null; name: string; households: number; answerSets: number; responseRate: number | null };
export type QuestionResult = {
	key: string;
	kind: Question['kind'];
	label: string;
	section: { key: string; title: string };
	/** False for a question of an older version that the current one dropped. */
	current: boolean;
	total: QuestionFigures;
	estates: Array<{ estateId: string | null; name: string; figures: QuestionFigures }>;
	/** Open answers of the question (texts, "other, namely", a needs block's parts) per theme; `untagged` without one. */
	themes: { counts: Array<{ themeId: string; name: string; count: number }>; untagged: number } | null;
};
export type WaveSummary = {
	id: string;
	number: number;
	opensAt: string;
	closesAt: string | null;
	publishedAt: string | null;
	answerSets: number;
	households: number;
	responseRate: number | null;
};
export type WaveResults = {
	survey: { id: string; slug: string; title: string };
	wave: WaveSummary;
	channels: Record<SurveyChannel, number>;
	estates: EstateResult[];
	questions: QuestionResult[];
};

/** Every question any version asked, in the current version's order, then those dropped since (newest wording wins). */
export type CatalogueEntry = { question: Question; section: { key: string; title: Wording }; current: boolean };
export function questionCatalogue(structures: readonly Structure[]): CatalogueEntry[] {
	const out = new Map<string, CatalogueEntry>();
	structures.forEach((s, i) => {
		for (const sec of s.sections)
			for (const q of sec.questions) if (!out.has(q.key)) out.set(q.key, { question: q, section: { key: sec.key, title: sec.title }, current: i === 0 });
	});
	return [...out.values()];
}

const rate = (answerSets: number, households: number) => (households > 0 ? Math.round((answerSets / households) * 10_000) / 10_000 : null);

type WaveData = {
	answers: AnswerGroup[];
	texts: TextGroup[];
	responses: Array<{ estateId: string | null; channel: SurveyChannel; n: number }>;
	households: Map<string, number>;
};

/** The three grouped reads of one wave, and its households per estate. */
async function waveData(db: Db, waveId: string): Promise<WaveData> {
	const [answers, texts, responses, households] = await Promise.all([
		db
			.selectFrom('survey_answers')
			.select(['estate_id', 'question_key', 'option_key', 'number_value', (eb) => eb.fn.countAll<number>().as('n')])
			.where('wave_id', '=', waveId)
			.groupBy(['estate_id', 'question_key', 'option_key', 'number_value'])
			.execute(),
		db
			.selectFrom('survey_open_answers')
			.select(['question_key', 'part', 'estate_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('wave_id', '=', waveId)
			.groupBy(['question_key', 'part', 'estate_id'])
			.execute(),
		db
			.selectFrom('survey_responses')
			.select(['estate_id', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
			.where('wave_id', '=', waveId)
			.groupBy(['estate_id', 'channel'])
			.execute(),
		db.selectFrom('survey_wave_estates').select(['estate_id', 'households']).where('wave_id', '=', waveId).execute()
	]);
	return {
		answers: answers.map((r) => ({
			estateId: r.estate_id,
			questionKey: r.question_key,
			optionKey: r.option_key,
			numberValue: r.number_value === null ? null : Number(r.number_value),
			n: Number(r.n)
		})),
		texts: texts.map((r) => ({ estateId: r.estate_id, questionKey: r.question_key, part: r.part, n: Number(r.n) })),
		responses: responses.map((r) => ({ estateId: r.estate_id, channel: r.channel, n: Number(r.n) })),
		households: new Map(households.map((h) => [h.estate_id, h.households]))
	};
}

/** Open answers per question and theme in a wave, and how many answers of each question carry a theme at all. */
async function themeCounts(
	db: Db,
	surveyId: string,
	waveId: string
): Promise<{ perTheme: Array<{ questionKey: string; themeId: string; name: string; n: number }>; tagged: Map<string, number> }> {
	const base = db
		.selectFrom('survey_open_answer_themes as at')
		.innerJoin('survey_themes as t', 't.id', 'at.theme_id')
		.innerJoin('survey_open_answers as o', 'o.id', 'at.open_answer_id')
		.where('t.survey_id', '=', surveyId)
		.where('o.wave_id', '=', waveId);
	const [perTheme, tagged] = await Promise.all([
		base
			.select(['o.question_key', 't.id', 't.name', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy(['o.question_key', 't.id', 't.name'])
			.orderBy('t.name')
			.execute(),
		base
			.select(['o.question_key', (eb) => eb.fn.count<number>('o.id').distinct().as('n')])
			.groupBy('o.question_key')
			.execute()
	]);
	return {
		perTheme: perTheme.map((r) => ({ questionKey: r.question_key, themeId: r.id, name: r.name, n: Number(r.n) })),
		tagged: new Map(tagged.map((r) => [r.question_key, Number(r.n)]))
	};
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const r of rows) {
		const k = key(r);
		const list = out.get(k);
		if (list) list.push(r);
		else out.set(k, [r]);
	}
	return out;
}

/** The results of one wave: its counts per estate and channel, and the figures of every question of the catalogue. */
async function composeWave(
	db: Db,
	survey: SurveyRecord,
	wave: SurveyWave,
	catalogue: CatalogueEntry[],
	locale: Locale,
	withThemes: boolean
): Promise<WaveResults> {
	const data = await waveData(db, wave.id);
	const themes = withThemes ? await themeCounts(db, survey.id, wave.id) : null;
	const { estates, channels, answerSets, households } = await estateResults(db, data, locale);
	return {
		survey: { id: survey.id, slug: survey.slug, title: wordingFor(titleOf(survey), locale) },
		wave: {
			id: wave.id,
			number: wave.number,
			opensAt: wave.opens_at,
			closesAt: wave.closes_at,
			publishedAt: wave.published_at,
			answerSets,
			households,
			responseRate: rate(answerSets, households)
		},
		channels,
		estates,
		questions: questionResults(catalogue, data, estates, themes, locale)
	};
}

/**
 * Households, answer sets and response rate per estate (by name; answer sets without an estate last), answer sets per
 * channel, and the wave's totals.
 */
async function estateResults(
	db: Db,
	data: WaveData,
	locale: Locale
): Promise<{ estates: EstateResult[]; channels: Record<SurveyChannel, number>; answerSets: number; households: number }> {
	const estateIds = new Set<string>([...data.households.keys()]);
	for (const r of data.responses) if (r.estateId) estateIds.add(r.estateId);
	const names = new Map((await estatesInScope(db, { estateIds: [...estateIds] })).map((e) => [e.id, e.name]));
	const unknown = translate(locale, 'surveys.estate_unknown');
	const answerSetsOf = new Map<string | null, number>();
	const channels = Object.fromEntries(SURVEY_MODES.map((m) => [m, 0])) as Record<SurveyChannel, number>;
	for (const r of data.responses) {
		answerSetsOf.set(r.estateId, (answerSetsOf.get(r.estateId) ?? 0) + r.n);
		channels[r.channel] += r.n;
	}
	const estates: EstateResult[] = [...estateIds]
		.map((id) => ({
			estateId: id as string | null,
			name: names.get(id) ?? '?',
			households: data.households.get(id) ?? 0,
			answerSets: answerSetsOf.get(id) ?? 0,
			responseRate: null as number | null
		}))
		.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
	for (const e of estates) e.responseRate = rate(e.answerSets, e.households);
	if (answerSetsOf.has(null)) estates.push({ estateId: null, name: unknown, households: 0, answerSets: answerSetsOf.get(null)!, responseRate: null });
	const answerSets = [...answerSetsOf.values()].reduce((s, n) => s + n, 0);
	const households = [...data.households.values()].reduce((s, n) => s + n, 0);
	return { estates, channels, answerSets, households };
}

/** The figures of each question, in all and per estate, with its themes when they were counted. */
function questionResults(
	catalogue: CatalogueEntry[],
	data: WaveData,
	estates: EstateResult[],
	themes: Awaited<ReturnType<typeof themeCounts>> | null,
	locale: Locale
): QuestionResult[] {
	const answersByQuestion = groupBy(data.answers, (r) => r.questionKey);
	const textsByQuestion = groupBy(data.texts, (r) => r.questionKey);
	return catalogue.map(({ question: q, section, current }): QuestionResult => {
		const rows = answersByQuestion.get(q.key) ?? [];
		const texts = textsByQuestion.get(q.key) ?? [];
		const rowsPerEstate = groupBy(rows, (r) => r.estateId);
		const textsPerEstate = groupBy(texts, (r) => r.estateId);
		const textTotal = texts.reduce((s, t) => s + t.n, 0);
		return {
			key: q.key,
			kind: q.kind,
			label: wordingFor(q.label, locale),
			section: { key: section.key, title: wordingFor(section.title, locale) },
			current,
			total: questionFigures(q, locale, rows, texts),
			estates: estates.map((e) => ({
				estateId: e.estateId,
				name: e.name,
				figures:
					rowsPerEstate.has(e.estateId) || textsPerEstate.has(e.estateId)
						? questionFigures(q, locale, rowsPerEstate.get(e.estateId) ?? [], textsPerEstate.get(e.estateId) ?? [])
						: questionFigures(q, locale, [], [])
			})),
			themes:
				themes && textTotal > 0
					? {
							counts: themes.perTheme.filter((t) => t.questionKey === q.key).map((t) => ({ themeId: t.themeId, name: t.name, count: t.n })),
							untagged: textTotal - (themes.tagged.get(q.key) ?? 0)
						}
					: null
		};
	});
}

/** The wave asked for, else the latest that has opened (else the first). */
function pickWave(waves: readonly SurveyWave[], waveId: string | undefined, now: Date): SurveyWave {
	if (waveId) {
		const wave = waves.find((w) => w.id === waveId);
		if (!wave) throw new NotFound('survey-wave', waveId);
		return wave;
	}
	const started = waves.filter((w) => Date.parse(w.opens_at) <= now.getTime());
	const wave = started[started.length - 1] ?? waves[0];
	if (!wave) throw new NotFound('survey-wave');
	return wave;
}

const localeOf = (l: string | undefined): Locale => (isLocale(l) ? l : 'nl');

/** The results of one wave for staff of the survey's organisation and its partners. */
export async function surveyResults(
	db: Db,
	actor: Actor,
	surveyId: string,
	options: { waveId?: string; locale?: string; now?: Date } = {}
): Promise<WaveResults> {
	const survey = await surveyFor(db, actor, surveyId, 'read-results');
	const [waves, versions] = await Promise.all([wavesOf(db, surveyId), allVersions(db, surveyId)]);
	const wave = pickWave(waves, options.waveId, options.now ?? new Date());
	return composeWave(db, survey, wave, questionCatalogue(versions.map((v) => v.structure)), localeOf(options.locale), true);
}

export type WaveComparison = {
	survey: { id: string; slug: string; title: string };
	waves: WaveSummary[];
	estates: Array<{
		estateId: string | null;
		name: string;
		waves: Array<{ waveId: string; households: number; answerSets: number; responseRate: number | null }>;
	}>;
	questions: Array<{
		key: string;
		kind: Question['kind'];
		label: string;
		waves: Array<{ waveId: string; number: number; figures: QuestionFigures }>;
		estates: Array<{ estateId: string | null; name: string; waves: Array<{ waveId: string; number: number; figures: QuestionFigures }> }>;
	}>;
};

/** Waves side by side (every wave that has opened, or those asked for), question by question and estate by estate. */
export async function compareWaves(
	db: Db,
	actor: Actor,
	surveyId: string,
	options: { waveIds?: readonly string[]; locale?: string; now?: Date } = {}
): Promise<WaveComparison> {
	const survey = await surveyFor(db, actor, surveyId, 'read-results');
	const now = options.now ?? new Date();
	const [all, versions] = await Promise.all([wavesOf(db, surveyId), allVersions(db, surveyId)]);
	const waves = options.waveIds ? all.filter((w) => options.waveIds!.includes(w.id)) : all.filter((w) => Date.parse(w.opens_at) <= now.getTime());
	const catalogue = questionCatalogue(versions.map((v) => v.structure));
	const locale = localeOf(options.locale);
	const results: WaveResults[] = [];
	for (const w of waves) results.push(await composeWave(db, survey, w, catalogue, locale, false));
	const estateKeys = new Map<string | null, string>();
	for (const r of results) for (const e of r.estates) if (!estateKeys.has(e.estateId)) estateKeys.set(e.estateId, e.name);
	const estateList = [...estateKeys.entries()].map(([estateId, name]) => ({ estateId, name }));
	return {
		survey: { id: survey.id, slug: survey.slug, title: wordingFor(titleOf(survey), locale) },
		waves: results.map((r) => r.wave),
		estates: estateList.map((e) => ({
			...e,
			waves: results.map((r) => {
				const found = r.estates.find((x) => x.estateId === e.estateId);
				return { waveId: r.wave.id, households: found?.households ?? 0, answerSets: found?.answerSets ?? 0, responseRate: found?.responseRate ?? null };
			})
		})),
		questions: catalogue.map(({ question: q }, i) => ({
			key: q.key,
			kind: q.kind,
			label: wordingFor(q.label, locale),
			waves: results.map((r) => ({ waveId: r.wave.id, number: r.wave.number, figures: r.questions[i].total })),
			estates: estateList.map((e) => ({
				...e,
				waves: results.map((r) => ({
					waveId: r.wave.id,
					number: r.wave.number,
					figures: r.questions[i].estates.find((x) => x.estateId === e.estateId)?.figures ?? EMPTY_FIGURES
				}))
			}))
		}))
	};
}

// --- The public "what you told us" page ----------------------------------------------------------------------------

export type PublicResults = {
	survey: { slug: string; title: string };
	wave: { number: number; opensAt: string; closesAt: string | null };
	waves: Array<{ number: number }>;
	/** What was done with the answers, as the worker wrote it. */
	feedback: string | null;
	answerSets: number;
	households: number;
	responseRate: number | null;
	/** Estates with fewer than 5 answer sets show no count (null). */
	estates: Array<{ name: string; answerSets: number | null; responseRate: number | null }>;
	questions: Array<{
		key: string;
		kind: Question['kind'];
		label: string;
		total: PublicQuestionFigures | null;
		estates: Array<{ name: string; figures: PublicQuestionFigures | null }>;
	}>;
	/** Only what a worker marked fit for this page, without estate. */
	openAnswers: Array<{ questionKey: string; text: string; themes: string[] }>;
	themes: Array<{ name: string; count: number | null }>;
};

export const PUBLIC_OPEN_ANSWERS = 200;

/**
 * A published wave's results for everyone: the totals, and every breakdown cell (an estate, an option within an
 * estate or overall) only where it rests on at least 5 answer sets; open answers only where a worker marked them fit
 * for the public, and never with their estate. The latest published wave unless a number is asked for.
 */
export async function publicSurveyResults(db: Db, actor: Actor, slug: string, options: { waveNumber?: number; locale?: string } = {}): Promise<PublicResults> {
	authorize(actor, 'read-public', 'survey');
	const row = await db.selectFrom('surveys').select(['id', 'status']).where('slug', '=', slug).executeTakeFirst();
	if (!row || row.status === 'draft') throw new NotFound('survey', slug);
	const survey = await loadSurvey(db, row.id);
	const published = (await wavesOf(db, survey.id)).filter((w) => w.published_at !== null);
	const wave = options.waveNumber !== undefined ? published.find((w) => w.number === options.waveNumber) : published[published.length - 1];
	if (!wave) throw new NotFound('survey-wave');
	const locale = localeOf(options.locale);
	const versions = await allVersions(db, survey.id);
	const catalogue = questionCatalogue(versions.map((v) => v.structure));
	const results = await composeWave(db, survey, wave, catalogue, locale, false);
	const estateCounts = publicCounts(results.estates.map((e) => ({ ...e, count: e.answerSets })));
	const [openAnswers, themeRows] = await Promise.all([
		db
			.selectFrom('survey_open_answers')
			.select(['id', 'question_key', 'body'])
			.where('wave_id', '=', wave.id)
			.where('is_public', '=', true)
			.orderBy('question_key')
			.orderBy('id')
			.limit(PUBLIC_OPEN_ANSWERS)
			.execute(),
		db
			.selectFrom('survey_open_answer_themes as at')
			.innerJoin('survey_themes as t', 't.id', 'at.theme_id')
			.innerJoin('survey_open_answers as o', 'o.id', 'at.open_answer_id')
			.select(['t.name', (eb) => eb.fn.countAll<number>().as('n')])
			.where('t.survey_id', '=', survey.id)
			.where('o.wave_id', '=', wave.id)
			.groupBy('t.name')
			.orderBy('t.name')
			.execute()
	]);
	const tags = openAnswers.length
		? await db
				.selectFrom('survey_open_answer_themes as at')
				.innerJoin('survey_themes as t', 't.id', 'at.theme_id')
				.select(['at.open_answer_id', 't.name'])
				.where(
					'at.open_answer_id',
					'in',
					openAnswers.map((o) => o.id)
				)
				.orderBy('t.name')
				.execute()
		: [];
	const order = new Map(catalogue.map((c, i) => [c.question.key, i]));
	return {
		survey: { slug: survey.slug, title: results.survey.title },
		wave: { number: wave.number, opensAt: wave.opens_at, closesAt: wave.closes_at },
		waves: published.map((w) => ({ number: w.number })),
		feedback: wave.feedback_texts ? wordingFor(wave.feedback_texts as Wording, locale) || null : null,
		answerSets: results.wave.answerSets,
		households: results.wave.households,
		responseRate: results.wave.responseRate,
		estates: estateCounts.map((e) => ({ name: e.name, answerSets: e.hidden ? null : e.answerSets, responseRate: e.hidden ? null : e.responseRate })),
		questions: results.questions
			.filter((q) => q.kind !== 'short_text' && q.kind !== 'long_text')
			.map((q) => {
				const table = publicBreakdown(
					q.kind,
					q.total,
					q.estates.map((e) => e.figures)
				);
				return {
					key: q.key,
					kind: q.kind,
					label: q.label,
					total: table.total,
					estates: q.estates.map((e, i) => ({ name: e.name, figures: table.estates[i] }))
				};
			}),
		openAnswers: openAnswers
			.map((o) => ({ questionKey: o.question_key, text: o.body, themes: tags.filter((t) => t.open_answer_id === o.id).map((t) => t.name) }))
			.sort((a, b) => (order.get(a.questionKey) ?? 0) - (order.get(b.questionKey) ?? 0)),
		themes: themeRows.map((t) => ({ name: t.name, count: Number(t.n) < PUBLIC_MIN_GROUP ? null : Number(t.n) }))
	};
}
