// How the survey results page and answering grow; part of `npm run bench` (bench/surveys-phase.ts). Alone: `npx tsx bench/surveys.ts [--sizes 1000,10000,100000]
// [--estates 40] [--submits 2000] [--concurrency 20] [--seed 1] [--sqlite-only]`
//
// Per database (SQLite always; PostgreSQL when TEST_DATABASE_URL or 127.0.0.1:5432 answers): a fresh database with
// the tenant satisfaction survey over `--estates` estates; answer sets generated in steps up to each size (the same
// rows submitAnswerSet writes: checked by checkAnswers, one row per option or number, the open texts), planner
// statistics refreshed, and surveyResults timed (median of 5 after one warm-up). Then, on a fresh survey, answer sets
// submitted in process through submitAnswerSet (`--concurrency` at a time, as residents on their phones) against a
// bare insert of the same rows (all or nothing per set, through the same shared-commit path, no checks). Prints a table and writes bench/results/surveys-*.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { anonymous } from '../src/core/access/actor';
import { inTransaction, openDatabase, type Db } from '../src/core/db/database';
import { inSharedTransaction } from '../src/core/db/write-batch';
import { newId } from '../src/core/db/ids';
import { migrateToLatest } from '../src/core/db/migrate';
import { refreshStatistics } from '../src/core/db/statistics';
import { buildEstate, buildPeopleWorld } from '../src/core/people/factories';
import { buildHouseholds, buildOpenSurvey, TENANT_SURVEY } from '../src/core/surveys/factories';
import { structure as structureSchema, type AnswerMap } from '../src/core/surveys/model';
import { checkAnswers } from '../src/core/surveys/answers';
import { resultsContext } from '../src/core/surveys/results-context';
import { submitAnswerSet } from '../src/core/surveys/submission';
import { surveyResults } from '../src/core/surveys/results';
import { createBenchDatabase, postgresVersion } from './postgres';
import { seededRandom, type Random } from './random';

const STRUCTURE = structureSchema.parse(TENANT_SURVEY);
const REMARKS = [
	'De lift is vaak stuk',
	'Meer groen op het plein',
	'De trap wordt niet gepoetst',
	'Fijne buren',
	'Te weinig parkeerplaats',
	'Herstellingen duren lang',
	'Meer activiteiten voor jongeren'
];
const OPENS = new Date('2026-03-01T08:00:00Z');
const DURING = new Date('2026-06-01T12:00:00Z');

/** One resident's answers: mostly content, some not; about a third write a remark, some fill in the needs block. */
export function answerSet(r: Random): AnswerMap {
	const scale = () =>
		r.weighted([
			[1, 1],
			[2, 2],
			[3, 3],
			[4, 5],
			[5, 4]
		] as const);
	const a: Record<string, unknown> = { home_happy: scale(), repair_asked: r.chance(0.45) ? 'yes' : 'no' };
	if (a.repair_asked === 'yes') a.repair_speed = scale();
	if (r.chance(0.9))
		a.contact = r.chance(0.04)
			? { choice: 'other', other: 'Alleen in de lift' }
			: r.weighted([
					['weekly', 5],
					['monthly', 3],
					['never', 2]
				] as const);
	if (r.chance(0.7)) a.activities = ['drink', 'plant_swap', 'homework'].filter(() => r.chance(0.4)).slice(0, 3);
	if (Array.isArray(a.activities) && a.activities.length === 0) delete a.activities;
	if (Array.isArray(a.activities) && a.activities.includes('drink') && r.chance(0.3)) a.drink_day = 'Zaterdag';
	if (r.chance(0.8)) a.years = r.int(0, 60);
	if (r.chance(0.35)) a.remark = r.pick(REMARKS);
	if (r.chance(0.2)) a.ideas = { needs: 'Een bank op het plein', ideas: r.chance(0.5) ? 'Samen koken' : undefined };
	return a as AnswerMap;
}

type World = {
	db: Db;
	surveyId: string;
	waveId: string;
	versionId: string;
	estateIds: string[];
	actor: Awaited<ReturnType<typeof buildPeopleWorld>>['worker'];
};

async function buildWorld(db: Db, estates: number): Promise<World> {
	const people = await buildPeopleWorld(db);
	// The estates lie in the area the worker's organisation works in: a survey reaches households only there.
	const area = people.area;
	const estateIds: string[] = [];
	for (let i = 0; i < estates; i++) {
		const e = await buildEstate(db, area.id, people.shm.id, { name: `Wijk ${String(i + 1).padStart(2, '0')}` });
		estateIds.push(e.id);
		await buildHouseholds(db, e.id, 3, `Straat ${i + 1}`);
	}
	const survey = await buildOpenSurvey(db, people.worker, estateIds, { opensAt: OPENS });
	const version = await db.selectFrom('survey_versions').select('id').where('survey_id', '=', survey.id).executeTakeFirstOrThrow();
	return { db, surveyId: survey.id, waveId: survey.waveId, versionId: version.id, estateIds, actor: people.worker };
}

/** The rows submitAnswerSet writes for one set, made the same way (checkAnswers), without its reads and checks. */
function rowsOf(w: World, answers: AnswerMap, estateId: string, at: Date) {
	const checked = checkAnswers(STRUCTURE, answers);
	if (checked.issues.length) throw new Error(`generator made a bad set: ${JSON.stringify(checked.issues)}`);
	const id = newId(at.getTime());
	return {
		response: {
			id,
			survey_id: w.surveyId,
			wave_id: w.waveId,
			version_id: w.versionId,
			estate_id: estateId,
			channel: 'open_link' as const,
			entered_by: null,
			language: 'nl',
			submission_id: newId(at.getTime()),
			submitted_at: at.toISOString()
		},
		answers: checked.rows.map((r) => ({
			response_id: id,
			wave_id: w.waveId,
			estate_id: estateId,
			question_key: r.questionKey,
			option_key: r.optionKey,
			number_value: r.numberValue
		})),
		texts: checked.texts.map((t) => ({
			id: newId(at.getTime()),
			response_id: id,
			wave_id: w.waveId,
			estate_id: estateId,
			question_key: t.questionKey,
			part: t.part,
			body: t.body,
			is_public: false
		}))
	};
}

/** Writes answer sets `from`..`to` in transactions of 1,000 sets (a bulk load, like the signals generator). */
async function generate(w: World, from: number, to: number, r: Random): Promise<void> {
	for (let start = from; start < to; start += 1000) {
		const sets = Array.from({ length: Math.min(1000, to - start) }, (_, i) =>
			rowsOf(w, answerSet(r), w.estateIds[(start + i) % w.estateIds.length], new Date(DURING.getTime() + (start + i) * 1000))
		);
		await inTransaction(w.db, async (tx) => {
			for (let i = 0; i < sets.length; i += 200)
				await tx
					.insertInto('survey_responses')
					.values(sets.slice(i, i + 200).map((s) => s.response))
					.execute();
			const answers = sets.flatMap((s) => s.answers);
			for (let i = 0; i < answers.length; i += 500)
				await tx
					.insertInto('survey_answers')
					.values(answers.slice(i, i + 500))
					.execute();
			const texts = sets.flatMap((s) => s.texts);
			for (let i = 0; i < texts.length; i += 500)
				await tx
					.insertInto('survey_open_answers')
					.values(texts.slice(i, i + 500))
					.execute();
		});
	}
}

async function timed<T>(work: () => Promise<T>, runs = 5): Promise<{ ms: number; all: number[]; result: T }> {
	let result = await work(); // warm-up
	const all: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		result = await work();
		all.push(Math.round((performance.now() - t) * 10) / 10);
	}
	const sorted = [...all].sort((a, b) => a - b);
	return { ms: sorted[Math.floor(sorted.length / 2)], all, result };
}

/** Runs `count` jobs, `concurrency` at a time: jobs per second, and the 50th and 99th percentile of one job (ms). */
async function pool(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<{ perSecond: number; p50: number; p99: number }> {
	let next = 0;
	const took: number[] = [];
	const t = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				const start = performance.now();
				await job(next++);
				took.push(performance.now() - start);
			}
		})
	);
	const perSecond = count / ((performance.now() - t) / 1000);
	took.sort((a, b) => a - b);
	const at = (q: number) => Math.round(took[Math.min(took.length - 1, Math.floor(q * took.length))] * 100) / 100;
	return { perSecond, p50: at(0.5), p99: at(0.99) };
}

export type SurveyResultsRow = { dialect: string; answerSets: number; answerRows: number; resultsMs: number; runs: number[]; pageMs: number };
export type SurveySubmitRow = {
	dialect: string;
	submits: number;
	concurrency: number;
	submitPerSecond: number;
	barePerSecond: number;
	ratio: number;
	submitMs: { p50: number; p99: number };
	bareMs: { p50: number; p99: number };
};

/** The results page as it grows and submitting in process, on a fresh database of this dialect. */
export async function benchSurveyDialect(
	dialect: 'sqlite' | 'postgres',
	opts: { sizes: number[]; estates: number; submits: number; concurrency: number; seed: number },
	log: (s: string) => void
): Promise<{ rows: SurveyResultsRow[]; submit: SurveySubmitRow }> {
	const dir = mkdtempSync(join(tmpdir(), 'leefbaar-bench-surveys-'));
	const pg = dialect === 'postgres' ? await createBenchDatabase() : null;
	const db = openDatabase({ url: pg?.url, sqlitePath: join(dir, 'leefbaar.sqlite'), poolSize: 4 });
	const rows: SurveyResultsRow[] = [];
	try {
		await migrateToLatest(db);
		const w = await buildWorld(db, opts.estates);
		const r = seededRandom(opts.seed);
		let have = 0;
		for (const size of opts.sizes) {
			const t = performance.now();
			await generate(w, have, size, r);
			have = size;
			await refreshStatistics(db);
			log(`  ${dialect}: ${size.toLocaleString('en')} answer sets written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
			const { ms, all, result } = await timed(() => surveyResults(db, w.actor, w.surveyId, { waveId: w.waveId, now: DURING }));
			if (result.wave.answerSets !== size || result.estates.length < opts.estates)
				throw new Error(`results counted ${result.wave.answerSets} sets over ${result.estates.length} estates`);
			// What the results page's load does: the survey with its waves (resultsContext), then surveyResults.
			const page = await timed(async () => {
				await resultsContext(db, w.actor, w.surveyId);
				return surveyResults(db, w.actor, w.surveyId, { waveId: w.waveId, now: DURING });
			});
			const answerRows = Number(
				(
					await db
						.selectFrom('survey_answers')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
			rows.push({ dialect, answerSets: size, answerRows, resultsMs: ms, runs: all, pageMs: page.ms });
			log(
				`  ${dialect}: surveyResults at ${size.toLocaleString('en')} answer sets: ${ms} ms (runs ${all.join(', ')}); as the page loads (resultsContext + surveyResults): ${page.ms} ms`
			);
		}

		// Submitting: a fresh survey, so the checks see an empty wave as on the first day.
		const fresh = await buildWorld(db, 2);
		const sets = Array.from({ length: opts.submits }, () => answerSet(r));
		const submitted = await pool(opts.submits, opts.concurrency, (i) =>
			submitAnswerSet(
				db,
				anonymous,
				fresh.surveyId,
				{ submissionId: newId(), channel: 'open_link', estateId: fresh.estateIds[i % 2], language: 'nl', answers: sets[i] },
				DURING
			)
		);
		const bareWorld = await buildWorld(db, 2);
		const bare = await pool(opts.submits, opts.concurrency, async (i) => {
			const s = rowsOf(bareWorld, sets[i], bareWorld.estateIds[i % 2], DURING);
			// Through the same write path as submitAnswerSet (a shared transaction: group commit on SQLite), so the ratio
			// compares the work alone.
			await inSharedTransaction(db, async (tx) => {
				await tx.insertInto('survey_responses').values(s.response).execute();
				if (s.answers.length) await tx.insertInto('survey_answers').values(s.answers).execute();
				if (s.texts.length) await tx.insertInto('survey_open_answers').values(s.texts).execute();
			});
		});
		const submit = {
			dialect,
			submits: opts.submits,
			concurrency: opts.concurrency,
			submitPerSecond: Math.round(submitted.perSecond),
			barePerSecond: Math.round(bare.perSecond),
			ratio: Math.round((submitted.perSecond / bare.perSecond) * 100) / 100,
			submitMs: { p50: submitted.p50, p99: submitted.p99 },
			bareMs: { p50: bare.p50, p99: bare.p99 }
		};
		log(`  ${dialect}: submitAnswerSet ${submit.submitPerSecond}/s, bare insert ${submit.barePerSecond}/s (ratio ${submit.ratio})`);
		return { rows, submit };
	} finally {
		await db.destroy();
		await pg?.drop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			sizes: { type: 'string', default: '1000,10000,100000' },
			estates: { type: 'string', default: '40' },
			submits: { type: 'string', default: '2000' },
			concurrency: { type: 'string', default: '20' },
			seed: { type: 'string', default: '1' },
			'sqlite-only': { type: 'boolean', default: false }
		}
	});
	const sizes = values.sizes!.split(',').map((s) => Number(s.replace(/_/g, '')));
	if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000) || sizes.some((n, i) => i > 0 && n <= sizes[i - 1]))
		throw new Error('--sizes: growing whole numbers, e.g. 1000,10000,100000');
	const opts = { sizes, estates: Number(values.estates), submits: Number(values.submits), concurrency: Number(values.concurrency), seed: Number(values.seed) };
	const log = (s: string) => console.log(s);
	const load = loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');
	console.log(`Survey bench: ${cpus().length} cores, load average ${load}`);
	const dialects: Array<'sqlite' | 'postgres'> = ['sqlite'];
	const pgVersion = values['sqlite-only'] ? null : await postgresVersion();
	if (pgVersion) dialects.push('postgres');
	else console.log('  (PostgreSQL not reachable or --sqlite-only: SQLite only)');
	const results = [];
	for (const d of dialects) results.push(await benchSurveyDialect(d, opts, log));

	console.log(`\nsurveyResults (median of 5, warm), ${opts.estates} estates`);
	console.log('dialect    answer sets   answer rows   surveyResults ms   page load ms');
	for (const r of results.flatMap((x) => x.rows))
		console.log(
			`${r.dialect.padEnd(10)} ${r.answerSets.toLocaleString('en').padStart(11)}   ${r.answerRows.toLocaleString('en').padStart(11)}   ${String(r.resultsMs).padStart(16)}   ${String(r.pageMs).padStart(12)}`
		);
	console.log(`\nsubmitting in process (${opts.submits} sets, ${opts.concurrency} at a time)`);
	console.log('dialect    submitAnswerSet/s   bare insert/s   ratio');
	for (const s of results.map((x) => x.submit))
		console.log(`${s.dialect.padEnd(10)} ${String(s.submitPerSecond).padStart(17)}   ${String(s.barePerSecond).padStart(13)}   ${String(s.ratio).padStart(5)}`);
	console.log(
		`load average after: ${loadavg()
			.map((x) => x.toFixed(2))
			.join(' ')}`
	);
	mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
	const file = join(import.meta.dirname, 'results', `surveys-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	writeFileSync(
		file,
		JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, loadBefore: load, postgres: pgVersion, options: opts, results }, null, '\t')
	);
	console.log(`written to ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/surveys.ts')) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
