// Open answers and themes: a worker reads what residents wrote to a question and tags it with the survey's themes
// ("parking", "cleaning of the stairwell", …; many themes per answer), and marks the answers fit for the public
// "what you told us" page. Themes belong to a survey and are shared by its waves, so waves compare by theme too.
import type { Actor } from '../access';
import { inTransaction, type Db } from '../db';
import { isUniqueViolation, newId } from '../db';
import { NotFound } from '../errors';
import { parseSurveyInput, surveyInvalid } from './issues';
import { openAnswerFilter, themeName, type OpenAnswerFilter } from './model';
import { surveyEstates, surveyFor, wavesOf } from './records';

export type ThemeView = { id: string; name: string; answers: number };
export type OpenAnswerItem = {
	id: string;
	waveId: string;
	waveNumber: number;
	questionKey: string;
	/** '' for a text question, 'other' for "other, namely", needs / expectations / ideas for a needs block. */
	part: string;
	text: string;
	estateId: string | null;
	estateName: string | null;
	isPublic: boolean;
	themes: Array<{ id: string; name: string }>;
};
export type OpenAnswerPage = { items: OpenAnswerItem[]; total: number; page: number; pageSize: number };

export async function listThemes(db: Db, actor: Actor, surveyId: string): Promise<ThemeView[]> {
	await surveyFor(db, actor, surveyId, 'read-results');
	const rows = await db
		.selectFrom('survey_themes as t')
		.leftJoin('survey_open_answer_themes as at', 'at.theme_id', 't.id')
		.select(['t.id', 't.name', (eb) => eb.fn.count<number>('at.open_answer_id').as('n')])
		.where('t.survey_id', '=', surveyId)
		.groupBy(['t.id', 't.name'])
		.orderBy('t.name')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, answers: Number(r.n) }));
}

export async function createTheme(db: Db, actor: Actor, surveyId: string, name: string): Promise<{ id: string; name: string }> {
	await surveyFor(db, actor, surveyId, 'update');
	const v = parseSurveyInput(themeName, name);
	const now = new Date().toISOString();
	const id = newId();
	try {
		await db
			.insertInto('survey_themes')
			.values({ id, survey_id: surveyId, name: v, created_by: actor.kind === 'staff' ? actor.id : null, created_at: now, updated_at: now })
			.execute();
	} catch (error) {
		if (isUniqueViolation(error)) throw surveyInvalid('name', 'theme_exists', 'This survey has a theme with this name already');
		throw error;
	}
	return { id, name: v };
}

async function themeOf(db: Db, surveyId: string, themeId: string): Promise<{ id: string; name: string }> {
	const row = await db.selectFrom('survey_themes').select(['id', 'name']).where('id', '=', themeId).where('survey_id', '=', surveyId).executeTakeFirst();
	if (!row) throw new NotFound('survey-theme', themeId);
	return row;
}

export async function renameTheme(db: Db, actor: Actor, surveyId: string, themeId: string, name: string): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	const v = parseSurveyInput(themeName, name);
	await themeOf(db, surveyId, themeId);
	try {
		await db.updateTable('survey_themes').set({ name: v, updated_at: new Date().toISOString() }).where('id', '=', themeId).execute();
	} catch (error) {
		if (isUniqueViolation(error)) throw surveyInvalid('name', 'theme_exists', 'This survey has a theme with this name already');
		throw error;
	}
}

/** A theme goes; the answers stay, without that tag. */
export async function deleteTheme(db: Db, actor: Actor, surveyId: string, themeId: string): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	await themeOf(db, surveyId, themeId);
	await db.deleteFrom('survey_themes').where('id', '=', themeId).execute();
}

/** The open answers of one question (every wave, or one), newest first, with their themes; filtered by theme or untagged. */
export async function listOpenAnswers(db: Db, actor: Actor, surveyId: string, filter: OpenAnswerFilter): Promise<OpenAnswerPage> {
	await surveyFor(db, actor, surveyId, 'read-results');
	const f = parseSurveyInput(openAnswerFilter, filter);
	const waves = await wavesOf(db, surveyId);
	const waveIds = f.waveId ? waves.filter((w) => w.id === f.waveId).map((w) => w.id) : waves.map((w) => w.id);
	if (waveIds.length === 0) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
	const base = db
		.selectFrom('survey_open_answers as o')
		.where('o.wave_id', 'in', waveIds)
		.where('o.question_key', '=', f.questionKey)
		.$if(!!f.estateId, (q) => q.where('o.estate_id', '=', f.estateId!))
		.$if(!!f.themeId, (q) =>
			q.where((eb) =>
				eb.exists(
					eb
						.selectFrom('survey_open_answer_themes as ft')
						.select('ft.theme_id')
						.whereRef('ft.open_answer_id', '=', 'o.id')
						.where('ft.theme_id', '=', f.themeId!)
				)
			)
		)
		.$if(f.untagged, (q) =>
			q.where((eb) => eb.not(eb.exists(eb.selectFrom('survey_open_answer_themes as ut').select('ut.theme_id').whereRef('ut.open_answer_id', '=', 'o.id'))))
		);
	const [{ n }] = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
	const rows = await base
		.select(['o.id', 'o.wave_id', 'o.question_key', 'o.part', 'o.body', 'o.estate_id', 'o.is_public'])
		.orderBy('o.id', 'desc')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	const tags = rows.length
		? await db
				.selectFrom('survey_open_answer_themes as at')
				.innerJoin('survey_themes as t', 't.id', 'at.theme_id')
				.select(['at.open_answer_id', 't.id', 't.name'])
				.where(
					'at.open_answer_id',
					'in',
					rows.map((r) => r.id)
				)
				.orderBy('t.name')
				.execute()
		: [];
	const estates = new Map((await surveyEstates(db, surveyId)).map((e) => [e.id, e.name]));
	const numbers = new Map(waves.map((w) => [w.id, w.number]));
	return {
		items: rows.map((r) => ({
			id: r.id,
			waveId: r.wave_id,
			waveNumber: numbers.get(r.wave_id) ?? 0,
			questionKey: r.question_key,
			part: r.part,
			text: r.body,
			estateId: r.estate_id,
			estateName: r.estate_id ? (estates.get(r.estate_id) ?? null) : null,
			isPublic: r.is_public,
			themes: tags.filter((t) => t.open_answer_id === r.id).map((t) => ({ id: t.id, name: t.name }))
		})),
		total: Number(n),
		page: f.page,
		pageSize: f.pageSize
	};
}

/** The open answers (by id) that belong to this survey; any other id is refused. */
async function answersOf(db: Db, surveyId: string, ids: readonly string[]): Promise<string[]> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return [];
	if (unique.length > 1000) throw surveyInvalid('openAnswerIds', 'too_big', 'Too many answers at once', { maximum: 1000 });
	const found = await db
		.selectFrom('survey_open_answers as o')
		.innerJoin('survey_responses as r', 'r.id', 'o.response_id')
		.select('o.id')
		.where('o.id', 'in', unique)
		.where('r.survey_id', '=', surveyId)
		.execute();
	if (found.length !== unique.length) throw new NotFound('survey-open-answer');
	return unique;
}

async function themesOf(db: Db, surveyId: string, themeIds: readonly string[]): Promise<string[]> {
	const unique = [...new Set(themeIds)];
	if (unique.length === 0) return [];
	const found = await db.selectFrom('survey_themes').select('id').where('id', 'in', unique).where('survey_id', '=', surveyId).execute();
	if (found.length !== unique.length) throw surveyInvalid('themeIds', 'theme_other_survey', 'This theme does not belong to this survey');
	return unique;
}

/** The themes of one answer become exactly these (a form with a checkbox per theme). */
export async function setOpenAnswerThemes(db: Db, actor: Actor, surveyId: string, openAnswerId: string, themeIds: readonly string[]): Promise<void> {
	await surveyFor(db, actor, surveyId, 'update');
	await inTransaction(db, async (tx) => {
		const [answerId] = await answersOf(tx, surveyId, [openAnswerId]);
		const themes = await themesOf(tx, surveyId, themeIds);
		await tx.deleteFrom('survey_open_answer_themes').where('open_answer_id', '=', answerId).execute();
		if (themes.length)
			await tx
				.insertInto('survey_open_answer_themes')
				.values(themes.map((t) => ({ open_answer_id: answerId, theme_id: t })))
				.execute();
	});
}

/** Adds one theme to several answers at once, or (`tag: false`) takes it off them. */
export async function tagOpenAnswers(
	db: Db,
	actor: Actor,
	surveyId: string,
	input: { openAnswerIds: readonly string[]; themeId: string; tag?: boolean }
): Promise<number> {
	await surveyFor(db, actor, surveyId, 'update');
	return inTransaction(db, async (tx) => {
		const ids = await answersOf(tx, surveyId, input.openAnswerIds);
		const [themeId] = await themesOf(tx, surveyId, [input.themeId]);
		if (ids.length === 0) return 0;
		if (input.tag === false) {
			const removed = await tx.deleteFrom('survey_open_answer_themes').where('theme_id', '=', themeId).where('open_answer_id', 'in', ids).executeTakeFirst();
			return Number(removed.numDeletedRows);
		}
		const have = new Set(
			(
				await tx.selectFrom('survey_open_answer_themes').select('open_answer_id').where('theme_id', '=', themeId).where('open_answer_id', 'in', ids).execute()
			).map((r) => r.open_answer_id)
		);
		const rows = ids.filter((id) => !have.has(id)).map((id) => ({ open_answer_id: id, theme_id: themeId }));
		if (rows.length) await tx.insertInto('survey_open_answer_themes').values(rows).execute();
		return rows.length;
	});
}

/** Marks answers fit (or no longer fit) for the public page: a worker reads them first for names and details. */
export async function setOpenAnswersPublic(db: Db, actor: Actor, surveyId: string, openAnswerIds: readonly string[], isPublic: boolean): Promise<number> {
	await surveyFor(db, actor, surveyId, 'update');
	return inTransaction(db, async (tx) => {
		const ids = await answersOf(tx, surveyId, openAnswerIds);
		if (ids.length === 0) return 0;
		const result = await tx.updateTable('survey_open_answers').set({ is_public: isPublic }).where('id', 'in', ids).executeTakeFirst();
		return Number(result.numUpdatedRows);
	});
}
