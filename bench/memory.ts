// Memory and time of the work that could take a server down by size rather than by rate: printing the code letters
// of a big estate in one PDF, refusing an image bomb from its header, shrinking a 12 MP phone photo. Measured in
// process against a budget, reported (never asserted in a test). Part of `npm run bench`, alone with `--only memory`.
import { readImage } from '../src/core/files/images';
import { hugePng, phonePhoto } from '../src/core/files/test-images';
import { renderCodeLetters } from '../src/core/surveys/letters';
import { manyLetters } from '../src/core/surveys/test-letters';

export type MemoryRow = {
	scenario: string;
	ms: number;
	/** The highest resident set size seen while it ran, above the size before it, in MB. */
	peakGrowthMb: number;
	budget: { ms: number; peakGrowthMb: number };
	withinBudget: boolean;
	note: string;
};

/** Runs `work` while sampling the process's memory every 5 ms (the letter renderer yields every 50 pages). */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakGrowthMb: number }> {
	globalThis.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const started = performance.now();
	try {
		const result = await work();
		const ms = performance.now() - started;
		peak = Math.max(peak, process.memoryUsage().rss);
		return { result, ms, peakGrowthMb: (peak - before) / 1e6 };
	} finally {
		clearInterval(sampler);
	}
}

function row(scenario: string, measured: { ms: number; peakGrowthMb: number }, budget: MemoryRow['budget'], note: string): MemoryRow {
	const withinBudget = measured.ms <= budget.ms && measured.peakGrowthMb <= budget.peakGrowthMb;
	return { scenario, ms: Math.round(measured.ms), peakGrowthMb: Math.round(measured.peakGrowthMb), budget, withinBudget, note };
}

export async function benchMemory(log: (line: string) => void): Promise<MemoryRow[]> {
	log('\n[memory] code letters, image bomb, phone photo …');
	const rows: MemoryRow[] = [];

	const letters = manyLetters(2000);
	const pdf = await measure(() =>
		renderCodeLetters({
			surveyTitle: 'Tevredenheid huurders 2026',
			senders: ['De Vlashaard', 'Buurtwerk Wevelgem'],
			contact: 'Bel Sara op 056 43 21 00',
			deadline: '2026-05-31',
			letters
		})
	);
	rows.push(row('code letters, 2,000 households in one PDF', pdf, { ms: 60_000, peakGrowthMb: 400 }, `${(pdf.result.length / 1e6).toFixed(1)} MB PDF`));

	const bomb = hugePng(20_000, 20_000);
	const refused = await measure(() =>
		readImage(bomb).then(
			() => 'read',
			(e: unknown) => (e instanceof Error ? e.name : 'refused')
		)
	);
	rows.push(
		row(
			'image bomb 20000 × 20000 PNG refused from its header',
			refused,
			{ ms: 1_000, peakGrowthMb: 100 },
			`${(bomb.length / 1e3).toFixed(0)} kB file; outcome: ${refused.result}`
		)
	);

	const photo = await phonePhoto(4032, 3024);
	const shrunk = await measure(() => readImage(photo));
	rows.push(
		row(
			'12 MP phone photo to 2048 px + thumbnail',
			shrunk,
			{ ms: 3_000, peakGrowthMb: 300 },
			`${(photo.length / 1e6).toFixed(1)} MB → ${(shrunk.result.bytes / 1e3).toFixed(0)} kB + ${(shrunk.result.thumbnail.length / 1e3).toFixed(0)} kB`
		)
	);

	for (const r of rows)
		log(
			`  ${r.scenario}: ${r.ms} ms, peak +${r.peakGrowthMb} MB (budget ${r.budget.ms} ms, ${r.budget.peakGrowthMb} MB)${r.withinBudget ? '' : ': OVER BUDGET'}; ${r.note}`
		);
	return rows;
}
