// Answer sets submitted over HTTP, the way a worker's tablet sends them when the network is back
// (`POST /api/v1/surveys/{id}/answer-sets`, JSON, a new submission id each), against the HTTP floor of the same server
// (the same POST refused for a survey that does not exist: read, parsed, signed in, no answer stored); and what a
// phone downloads on its first visit to the resident's answering page (/enquete/<slug>). On the demo data.
// Part of `npm run bench` (bench/surveys-phase.ts); alone:
//   npx tsx bench/surveys-http.ts [--seconds 10] [--connections 10] [--build-dir bench/.build] [--port 3223] [--postgres]
// Needs a production build (`BUILD_DIR=bench/.build npx vite build`, or a bench run made one).
/// <reference path="./autocannon.d.ts" />
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../src/core/db/database';
import { DEMO_PASSWORD } from '../src/core/demo/data';
import { checkAnswers } from '../src/core/surveys/answers';
import { structure as structureSchema, type AnswerMap, type Question } from '../src/core/surveys/model';
import { measurePageWeight, type PageWeight } from './page-weight';
import { createBenchDatabase } from './postgres';
import { startServer } from './server';

/** A valid answer to every question that shows when yes/no questions are answered "no". */
function answerOf(q: Question): AnswerMap[string] {
	switch (q.kind) {
		case 'scale':
			return 4;
		case 'yes_no':
			return false;
		case 'single_choice':
			return q.options[0].key;
		case 'multiple_choice':
			return [q.options[0].key];
		case 'number':
			return q.min ?? 1;
		case 'short_text':
		case 'long_text':
			return 'De lift is vaak stuk';
		case 'needs_block':
			return { ideas: 'Een bank bij het speelplein' };
	}
}

export type HttpFigure = { rate: number; p50: number; p99: number; requests: number; statuses: Record<string, number> };
export type SurveyHttpRun = { floor: HttpFigure; submit: HttpFigure; stored: number; answeringPage: PageWeight; loadAverage: number[] };
export type SurveyHttpOptions = { buildDir: string; port: number; seconds: number; connections: number; postgres: boolean };

export async function measureSurveyHttp(options: SurveyHttpOptions): Promise<SurveyHttpRun> {
	if (!existsSync(join(options.buildDir, 'handler.js')))
		throw new Error(`no build in ${options.buildDir}: run \`BUILD_DIR=bench/.build npx vite build\` first`);
	const dataDir = mkdtempSync(join(tmpdir(), 'leefbaar-bench-surveys-'));
	const pg = options.postgres ? await createBenchDatabase() : null;
	try {
		const server = await startServer({
			port: options.port,
			buildDir: options.buildDir,
			dataDir,
			databaseUrl: pg?.url,
			env: { DEMO_DATA: 'true' },
			startTimeoutMs: 180_000
		});
		const db = openDatabase({ url: pg?.url, sqlitePath: join(dataDir, 'leefbaar.sqlite'), poolSize: 2 });
		try {
			const survey = await db.selectFrom('surveys').select(['id', 'slug']).where('status', '=', 'open').orderBy('created_at').executeTakeFirstOrThrow();
			const version = await db
				.selectFrom('survey_versions')
				.select('structure')
				.where('survey_id', '=', survey.id)
				.orderBy('number', 'desc')
				.executeTakeFirstOrThrow();
			const structure = structureSchema.parse(typeof version.structure === 'string' ? JSON.parse(version.structure) : version.structure);
			const wave = await db.selectFrom('survey_waves').select('id').where('survey_id', '=', survey.id).orderBy('number', 'desc').executeTakeFirstOrThrow();
			const estate = await db.selectFrom('survey_wave_estates').select('estate_id').where('wave_id', '=', wave.id).executeTakeFirstOrThrow();
			const answers: AnswerMap = {};
			for (const section of structure.sections) for (const q of section.questions) if (!q.condition) answers[q.key] = answerOf(q);
			const checked = checkAnswers(structure, answers);
			if (checked.issues.length) throw new Error(`the bench's answers do not fit the demo survey: ${JSON.stringify(checked.issues)}`);
			const tabletSets = async () =>
				Number(
					(
						await db
							.selectFrom('survey_responses')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('channel', '=', 'tablet')
							.executeTakeFirstOrThrow()
					).n
				);
			const before = await tabletSets();

			// The resident's first visit, before any load.
			const answeringPage = await measurePageWeight(server.origin, `/enquete/${survey.slug}`);
			if (answeringPage.resources[0]?.status !== 200) throw new Error(`/enquete/${survey.slug} answered ${answeringPage.resources[0]?.status}`);

			// Signed in as the demo's community worker, whose organisation runs the survey.
			const login = await fetch(`${server.origin}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, accept: 'text/html' },
				body: new URLSearchParams({ email: 'opbouwwerker@leefbaar.demo', password: DEMO_PASSWORD })
			});
			const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('leefbaar_session='));
			if (!cookie) throw new Error(`signing in failed: ${login.status}`);

			const run = async (surveyId: string, okStatus: number, seconds: number): Promise<HttpFigure> => {
				const result = await autocannon({
					url: server.origin,
					connections: options.connections,
					duration: seconds,
					timeout: 10,
					headers: { 'content-type': 'application/json', accept: 'application/json', cookie },
					requests: [
						{
							method: 'POST',
							setupRequest: (req: Record<string, unknown>) => ({
								...req,
								path: `/api/v1/surveys/${surveyId}/answer-sets`,
								body: JSON.stringify({ submissionId: randomUUID(), estateId: estate.estate_id, language: 'nl', answers })
							})
						}
					]
				});
				const ok = result.statusCodeStats?.[String(okStatus)]?.count ?? 0;
				return {
					rate: ok / result.duration,
					p50: result.latency.p50,
					p99: result.latency.p99,
					requests: result.requests.total,
					statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([s, v]) => [s, v.count]))
				};
			};
			await run(survey.id, 201, Math.max(2, Math.round(options.seconds / 3))); // warm-up
			const floor = await run('no-such-survey', 404, options.seconds);
			const submit = await run(survey.id, 201, options.seconds);
			const stored = (await tabletSets()) - before;
			return { floor, submit, stored, answeringPage, loadAverage: loadavg().map((v) => Math.round(v * 100) / 100) };
		} finally {
			await db.destroy();
			await server.stop();
		}
	} finally {
		await pg?.drop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

if (process.argv[1]?.endsWith('bench/surveys-http.ts')) {
	const { values } = parseArgs({
		options: {
			seconds: { type: 'string', default: '10' },
			connections: { type: 'string', default: '10' },
			'build-dir': { type: 'string', default: 'bench/.build' },
			port: { type: 'string', default: '3223' },
			postgres: { type: 'boolean', default: false }
		}
	});
	const connections = Number(values.connections) || 10;
	const seconds = Number(values.seconds) || 10;
	const r = await measureSurveyHttp({ buildDir: resolve(values['build-dir']!), port: Number(values.port), seconds, connections, postgres: !!values.postgres });
	console.log(
		`${values.postgres ? 'PostgreSQL' : 'SQLite'}, demo data, ${connections} connections, ${seconds} s; load average ${r.loadAverage.join(' / ')} on ${cpus().length} cores`
	);
	console.log('| scenario | rate | p50 | p99 | statuses |');
	console.log('|---|---:|---:|---:|---|');
	console.log(
		`| HTTP floor: answer set for an unknown survey (404) | ${Math.round(r.floor.rate)}/s | ${r.floor.p50} ms | ${r.floor.p99} ms | ${JSON.stringify(r.floor.statuses)} |`
	);
	console.log(`| answer set stored (201) | ${Math.round(r.submit.rate)}/s | ${r.submit.p50} ms | ${r.submit.p99} ms | ${JSON.stringify(r.submit.statuses)} |`);
	console.log(`Answer sets stored by the runs (warm-up included): ${r.stored}`);
	const t = r.answeringPage.total;
	console.log(
		`First load of ${r.answeringPage.page}: ${r.answeringPage.resources.length} files, ${(t.served / 1024).toFixed(1)} KB as served (${(t.gzip / 1024).toFixed(1)} KB gzip, ${(t.raw / 1024).toFixed(1)} KB uncompressed)`
	);
}
