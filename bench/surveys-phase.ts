// The survey part of `npm run bench`, per database and side by side with the rest of the run:
// - the results page of one wave as it grows (answer sets over 40 estates, median of 5 warm runs);
// - submitting answer sets in process (submitAnswerSet, 20 residents at once) against a bare insert of the same rows;
// - over HTTP on the demo data: the tablet's POST of an answer set against the same POST refused (the HTTP floor);
// - what a phone downloads on its first visit to the answering page.
import { benchSurveyDialect, type SurveyResultsRow, type SurveySubmitRow } from './surveys';
import { measureSurveyHttp, type SurveyHttpRun } from './surveys-http';
import type { Row } from './report';

export type SurveysLoad = { sizes: number[]; estates: number; submits: number; concurrency: number; httpSeconds: number; connections: number; seed: number };
export type SurveysRun = { results: SurveyResultsRow[]; submit: SurveySubmitRow; http: SurveyHttpRun };

/** What a phone may download on its first visit to the answering page (issue 4). */
export const ANSWERING_PAGE_BUDGET_BYTES = 50 * 1024;

export async function benchSurveys(
	database: 'sqlite' | 'postgres',
	port: number,
	buildDir: string,
	load: SurveysLoad,
	rows: Row[],
	log: (line: string) => void
): Promise<SurveysRun> {
	log(
		`\n[${database}] surveys: results at ${load.sizes.map((n) => n.toLocaleString('en')).join(' → ')} answer sets over ${load.estates} estates; ${load.submits.toLocaleString('en')} submits in process; HTTP on the demo data`
	);
	const { rows: results, submit } = await benchSurveyDialect(database, load, (line) => log(line));
	for (const r of results) {
		rows.push({
			scenario: `survey results page, ${r.answerSets.toLocaleString('en')} answer sets`,
			database,
			target: 'resultsContext + surveyResults',
			unit: 'queries/s',
			rate: 1000 / r.pageMs,
			p50Ms: r.pageMs,
			p99Ms: Math.max(...r.runs),
			ratioToBaseline: null,
			note: `${load.estates} estates, ${r.answerRows.toLocaleString('en')} answer rows; median of 5`
		});
	}
	rows.push({
		scenario: 'answer set, bare insert of the same rows (baseline)',
		database,
		target: 'insert, shared commit',
		unit: 'answer sets/s',
		rate: submit.barePerSecond,
		p50Ms: submit.bareMs.p50,
		p99Ms: submit.bareMs.p99,
		ratioToBaseline: 1,
		note: `${load.concurrency} at a time`
	});
	rows.push({
		scenario: 'answer set, submitAnswerSet in process',
		database,
		target: 'submitAnswerSet',
		unit: 'answer sets/s',
		rate: submit.submitPerSecond,
		p50Ms: submit.submitMs.p50,
		p99Ms: submit.submitMs.p99,
		ratioToBaseline: submit.ratio,
		note: `${load.concurrency} at a time`
	});

	const http = await measureSurveyHttp({ buildDir, port, seconds: load.httpSeconds, connections: load.connections, postgres: database === 'postgres' });
	const failed = (f: SurveyHttpRun['floor'], ok: string) =>
		Object.entries(f.statuses)
			.filter(([s]) => s !== ok)
			.reduce((n, [, c]) => n + c, 0);
	rows.push({
		scenario: 'answer set refused, unknown survey: HTTP floor (baseline)',
		database,
		target: 'POST /api/v1/surveys/<id>/answer-sets',
		unit: 'req/s',
		rate: http.floor.rate,
		p50Ms: http.floor.p50,
		p99Ms: http.floor.p99,
		ratioToBaseline: 1,
		note: failed(http.floor, '404') ? `${failed(http.floor, '404')} not 404` : undefined
	});
	rows.push({
		scenario: 'answer set stored over HTTP (tablet)',
		database,
		target: 'POST /api/v1/surveys/<id>/answer-sets',
		unit: 'req/s',
		rate: http.submit.rate,
		p50Ms: http.submit.p50,
		p99Ms: http.submit.p99,
		ratioToBaseline: http.submit.rate / http.floor.rate,
		note: failed(http.submit, '201') ? `${failed(http.submit, '201')} not 201` : undefined
	});
	log(
		`  over HTTP: floor ${Math.round(http.floor.rate)}/s, stored ${Math.round(http.submit.rate)}/s (p99 ${http.submit.p99} ms); ${http.stored.toLocaleString('en')} sets stored`
	);
	const t = http.answeringPage.total;
	log(
		`  answering page first load: ${http.answeringPage.resources.length} files, ${(t.served / 1024).toFixed(1)} KB as served (budget ${ANSWERING_PAGE_BUDGET_BYTES / 1024} KB${t.served > ANSWERING_PAGE_BUDGET_BYTES ? ': OVER' : ''})`
	);
	return { results, submit, http };
}
