// Door to door: what a worker's tablet loads once while online (the current version, the open wave, the estates in
// scope, the languages), and the answer sets it sends later. A set carries a submission id made on the tablet, so a
// set sent again after a lost answer is stored once; the worker is recorded by submitAnswerSet (channel 'tablet').
// The tablet takes no household code: nothing on the device ties a household to its answers.
import { z } from 'zod';
import type { Actor } from '../access';
import type { Db } from '../db';
import { fingerprint } from '../idempotency';
import { completeLanguages } from './resident-survey';
import { submitAnswerSet, type SubmitResult } from './submission';
import { parseSurveyInput } from './issues';
import { answerMap, languageCode, type Structure, type SurveyMode, type Wording } from './model';
import { latestVersion, modesOf, openWave, surveyEstates, surveyFor, titleOf } from './records';

export type TabletSurvey = {
	id: string;
	title: Wording;
	intro: Wording | null;
	consent: Wording;
	status: 'draft' | 'open' | 'closed';
	/** The survey takes answers on a tablet (the mode is on). */
	tabletMode: boolean;
	/** Answers are taken now: open, the tablet mode on, and a wave runs. */
	isOpen: boolean;
	wave: { id: string; number: number; closesAt: string | null } | null;
	version: { id: string; number: number; structure: Structure };
	/** The estates a worker can pick: those of the open wave (what a stored set is checked against), else the scope. */
	estates: Array<{ id: string; name: string }>;
	/** Languages every section title and question has a text in (Dutch always first). */
	languages: string[];
	loadedAt: string;
};

/** The survey as the tablet keeps it, for a worker of the organisation that runs it. */
export async function surveyForTablet(db: Db, actor: Actor, surveyId: string, now = new Date()): Promise<TabletSurvey> {
	const survey = await surveyFor(db, actor, surveyId, 'enter-answers');
	const [version, wave] = await Promise.all([latestVersion(db, surveyId), openWave(db, surveyId, now)]);
	const estates = wave
		? await db
				.selectFrom('survey_wave_estates as we')
				.innerJoin('estates as e', 'e.id', 'we.estate_id')
				.select(['e.id', 'e.name'])
				.where('we.wave_id', '=', wave.id)
				.orderBy('e.name')
				.orderBy('e.id')
				.execute()
		: (await surveyEstates(db, surveyId)).map((e) => ({ id: e.id, name: e.name }));
	const modes: SurveyMode[] = modesOf(survey);
	const title = titleOf(survey);
	const tabletMode = modes.includes('tablet');
	return {
		id: survey.id,
		title,
		intro: (survey.intro_texts as Wording | null) ?? null,
		consent: survey.consent_texts as Wording,
		status: survey.status,
		tabletMode,
		isOpen: survey.status === 'open' && tabletMode && !!wave,
		wave: wave ? { id: wave.id, number: wave.number, closesAt: wave.closes_at } : null,
		version: { id: version.id, number: version.number, structure: version.structure },
		estates,
		languages: completeLanguages(title, version.structure),
		loadedAt: now.toISOString()
	};
}

/** One answer set as the tablet sends it (the channel is always 'tablet'; no household code). */
export const tabletAnswerSet = z
	.object({
		submissionId: z.uuid({ error: 'invalid_submission_id' }),
		estateId: z.string().min(1).max(64),
		language: languageCode.default('nl'),
		answers: answerMap,
		/** When the worker finished the set on the tablet (kept for the worker's list; the stored time is the server's). */
		finishedAt: z.iso.datetime({ offset: true }).optional()
	})
	.strict();
export type TabletAnswerSet = z.input<typeof tabletAnswerSet>;

/**
 * Stores an answer set a worker took on the tablet, or answers with the one stored the first time when the same
 * submission id comes again. Refusals (survey closed, estate not in scope, answers that no longer fit the version)
 * are Invalid with the surveys module's codes, so the tablet can show why and keep the set.
 */
export async function submitTabletAnswerSet(db: Db, actor: Actor, surveyId: string, input: TabletAnswerSet, now = new Date()): Promise<SubmitResult> {
	const v = parseSurveyInput(tabletAnswerSet, input);
	// Staff may type in paper forms after a survey closed; a tablet's set is taken at the door, so a closed survey
	// refuses it (unless it is a resend of a set stored while it was open, which answers as before).
	// A resend is the same set; other answers under its submission id are refused (the finishing time is not stored).
	const set = { estateId: v.estateId, language: v.language, answers: v.answers };
	return submitAnswerSet(db, actor, surveyId, { submissionId: v.submissionId, channel: 'tablet', ...set }, now, {
		openOnly: true,
		fingerprint: fingerprint(set)
	});
}
