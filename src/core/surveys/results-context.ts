// What the results pages show around the figures: the survey's title, its waves to choose from, and whether the reader
// may tag open answers (the running organisation) or only read (a partner). Two small reads, so the results page does
// not pay for getSurvey's counts per version and wave at 100,000 answer sets.
import { can, type Actor } from '../access';
import type { Db } from '../db';
import type { Wording } from './model';
import { surveyFor, titleOf, wavesOf } from './records';

export type ResultsContext = {
	id: string;
	slug: string;
	title: Wording;
	waves: Array<{ id: string; number: number; publishedAt: string | null }>;
	mayTag: boolean;
};

export async function resultsContext(db: Db, actor: Actor, surveyId: string): Promise<ResultsContext> {
	const survey = await surveyFor(db, actor, surveyId, 'read-results');
	const waves = await wavesOf(db, surveyId);
	return {
		id: survey.id,
		slug: survey.slug,
		title: titleOf(survey),
		waves: waves.map((w) => ({ id: w.id, number: w.number, publishedAt: w.published_at })),
		mayTag: can(actor, 'update', 'survey', survey.ctx)
	};
}
