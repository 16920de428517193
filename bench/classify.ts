// How good and how fast the category suggestion is as the categorised signals grow: `npx tsx bench/classify.ts`.
// Trains on demo texts of one seed, measures on 2,000 texts of another seed that the model has never seen.
import { demoSignalTexts } from '../src/core/demo/signal-texts';
import { DEFAULT_THRESHOLD, evaluateModel, suggest, train } from '../src/core/classifier';

const SIZES = [100, 500, 1000, 2000, 5000, 10000];
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];
const heldOut = demoSignalTexts(2000, 2);
const pool = demoSignalTexts(Math.max(...SIZES), 1);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function median(xs: number[]): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

console.log(`Category suggestion at threshold ${DEFAULT_THRESHOLD}: trained on demo texts (seed 1), measured on ${heldOut.length} held-out texts (seed 2)\n`);
// Training time as wall time and as process CPU time (both the median of five runs), and suggestions per CPU second:
// on a shared machine the CPU figures are the ones that reproduce.
console.log('| examples | train ms | train CPU ms | vocabulary | model KB | accuracy | coverage | overall | suggest/s CPU |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const byThreshold: string[] = [];
for (const size of SIZES) {
	const examples = pool.slice(0, size);
	const times: number[] = [];
	const cpuTimes: number[] = [];
	let model = train(examples);
	for (let run = 0; run < 5; run++) {
		const cpu = process.cpuUsage();
		const start = performance.now();
		model = train(examples);
		times.push(performance.now() - start);
		const used = process.cpuUsage(cpu);
		cpuTimes.push((used.user + used.system) / 1000);
	}
	const result = evaluateModel(model, heldOut);
	// Throughput on the held-out texts themselves (short phone messages) per second of CPU, the best of three passes
	// after a warm-up.
	for (const { text } of heldOut) suggest(model, text);
	let perSecond = 0;
	for (let pass = 0; pass < 3; pass++) {
		const cpu = process.cpuUsage();
		for (const { text } of heldOut) suggest(model, text);
		const used = process.cpuUsage(cpu);
		perSecond = Math.max(perSecond, heldOut.length / ((used.user + used.system) / 1e6));
	}
	const kb = JSON.stringify(model).length / 1024;
	console.log(
		`| ${size} | ${median(times).toFixed(1)} | ${median(cpuTimes).toFixed(1)} | ${model.vocabularySize} | ${kb.toFixed(0)} | ${pct(result.accuracy)} | ${pct(result.coverage)} | ${pct(result.overallAccuracy)} | ${Math.round(perSecond).toLocaleString('en')} |`
	);
	byThreshold.push(
		`| ${size} | ${THRESHOLDS.map((t) => {
			const r = evaluateModel(model, heldOut, t);
			return `${pct(r.accuracy)} / ${pct(r.coverage)}`;
		}).join(' | ')} |`
	);
}
console.log('\naccuracy of suggestions made / coverage, by threshold\n');
console.log(`| examples | ${THRESHOLDS.join(' | ')} |`);
console.log(`|---:|${THRESHOLDS.map(() => '---:').join('|')}|`);
for (const row of byThreshold) console.log(row);
