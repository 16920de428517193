// Learning a model from texts people categorised, with its confidences calibrated (a temperature fitted on texts held
// back from learning).
import { DEFAULT_SMOOTHING, MODEL_VERSION, type CategoryModel, type LabelledText, type TrainOptions } from './model';
import { compile, evidenceFor } from './scoring';
import { tokenize, wordFeatures } from './text';

/** Above this many examples, features seen in only one signal are pruned: they rarely help and bloat the model. */
const PRUNE_ABOVE_EXAMPLES = 1000;
/** The most frequent features kept at most: a stored model stays under ~2 MB (the demo's 10,000 texts need 13,000). */
const MAX_FEATURES = 50_000;
/** Below this many examples the calibration fold is too small to trust: a cautious fixed temperature instead. */
const CALIBRATE_FROM = 200;
const CALIBRATION_SAMPLE = 5000;
/**
 * Fitted temperatures on the demo texts: 0.4–0.6 at 200–300 examples, 0.25–0.4 from 500 on. Below CALIBRATE_FROM a
 * higher one keeps the model quiet: with 100 examples, one text in ten gets a suggestion, 85% of them right.
 */
const CAUTIOUS_TEMPERATURE = 0.8;
/**
 * Learns a model from categorised texts. Each feature counts once per text (short texts: presence is what matters).
 * From CALIBRATE_FROM examples on, a fifth of (at most CALIBRATION_SAMPLE of) them is held back once to fit the
 * temperature, then all of them are learned from.
 */
export function train(examples: readonly LabelledText[], options: TrainOptions = {}): CategoryModel {
	const now = options.now ?? new Date();
	const tokenised = examples.map(({ text, category }) => ({ words: tokenize(text), category }));
	if (examples.length < CALIBRATE_FROM) return learn(tokenised, options, CAUTIOUS_TEMPERATURE, now);
	// The fitted temperature hardly moves from 500 examples on (0.25–0.4 on the demo texts), so a bounded sample
	// keeps the calibration's cost constant as the data grows.
	const fitOn = tokenised.slice(0, CALIBRATION_SAMPLE).filter((_, i) => i % 5 !== 4);
	const heldBack = examples.slice(0, CALIBRATION_SAMPLE).filter((_, i) => i % 5 === 4);
	const temperature = fitTemperature(learn(fitOn, options, 1, now), heldBack);
	return learn(tokenised, options, temperature, now);
}

function learn(examples: readonly { words: string[]; category: string }[], options: TrainOptions, temperature: number, now: Date): CategoryModel {
	const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
	const minFeatureCount = options.minFeatureCount ?? (examples.length > PRUNE_ABOVE_EXAMPLES ? 2 : 1);
	const classIndex = new Map<string, number>();
	for (const { category } of examples) if (!classIndex.has(category)) classIndex.set(category, classIndex.size);
	const k = classIndex.size;
	const classExamples = new Array<number>(k).fill(0);
	// Words repeat far more than texts do: their feature ids are worked out once. Then the counts go in one flat array,
	// feature × class, and `lastText` makes a feature count once per text.
	const featureIds = new Map<string, number>();
	const idsOfWord = new Map<string, number[]>();
	const idOf = (feature: string) => {
		let id = featureIds.get(feature);
		if (id === undefined) featureIds.set(feature, (id = featureIds.size));
		return id;
	};
	const idsOfText = examples.map(({ words }) =>
		words.map((word) => {
			let ids = idsOfWord.get(word);
			if (!ids) idsOfWord.set(word, (ids = wordFeatures(word).map(idOf)));
			return ids;
		})
	);
	const counts = new Int32Array(featureIds.size * k);
	const lastText = new Int32Array(featureIds.size).fill(-1);
	examples.forEach(({ category }, t) => {
		const c = classIndex.get(category)!;
		classExamples[c]++;
		for (const ids of idsOfText[t]) {
			for (const id of ids) {
				if (lastText[id] === t) continue;
				lastText[id] = t;
				counts[id * k + c]++;
			}
		}
	});
	const candidates: { feature: string; id: number; total: number }[] = [];
	for (const [feature, id] of featureIds) {
		let total = 0;
		for (let c = 0; c < k; c++) total += counts[id * k + c];
		if (total >= minFeatureCount) candidates.push({ feature, id, total });
	}
	const kept = mostFrequent(candidates, MAX_FEATURES);
	const vocabulary: string[] = [];
	const sparseCounts: number[][] = [];
	const featureTotal = new Array<number>(k).fill(0);
	for (const { feature, id } of kept) {
		const sparse: number[] = [];
		for (let c = 0; c < k; c++) {
			const n = counts[id * k + c];
			if (n === 0) continue;
			sparse.push(c, n);
			featureTotal[c] += n;
		}
		vocabulary.push(feature);
		sparseCounts.push(sparse);
	}
	return {
		version: MODEL_VERSION,
		trainedAt: now.toISOString(),
		exampleCount: examples.length,
		vocabularySize: vocabulary.length,
		smoothing,
		temperature,
		classes: [...classIndex.keys()].map((category, c) => ({ category, examples: classExamples[c], featureTotal: featureTotal[c] })),
		vocabulary,
		counts: sparseCounts
	};
}

/** The `max` items with the highest totals, in their original order; linear, as there can be 100,000s of them. */
function mostFrequent<T extends { total: number }>(items: T[], max: number): T[] {
	if (items.length <= max) return items;
	const perTotal = new Map<number, number>();
	for (const { total } of items) perTotal.set(total, (perTotal.get(total) ?? 0) + 1);
	// The lowest total that still fits, and how many items with exactly that total fit.
	let room = max;
	let cutoff = 0;
	for (const total of [...perTotal.keys()].sort((a, b) => b - a)) {
		cutoff = total;
		const n = perTotal.get(total)!;
		if (n >= room) break;
		room -= n;
	}
	return items.filter((item) => item.total > cutoff || (item.total === cutoff && room-- > 0));
}

/**
 * The temperature that makes the confidences honest on examples the model did not learn from: the least log-loss.
 * The log-loss is convex in 1/temperature (a log-sum-exp of lines), so a golden-section search finds it.
 */
function fitTemperature(model: CategoryModel, heldBack: readonly LabelledText[]): number {
	const { logPrior } = compile(model);
	const k = model.classes.length;
	const cases: { evidence: Float64Array; truth: number }[] = [];
	for (const { text, category } of heldBack) {
		const truth = model.classes.findIndex((cl) => cl.category === category);
		const evidence = truth === -1 ? null : evidenceFor(model, text);
		if (evidence) cases.push({ evidence, truth });
	}
	if (cases.length === 0) return CAUTIOUS_TEMPERATURE;
	const logLoss = (sharpness: number) => {
		let loss = 0;
		for (const { evidence, truth } of cases) {
			let max = -Infinity;
			for (let c = 0; c < k; c++) max = Math.max(max, logPrior[c] + sharpness * evidence[c]);
			let sum = 0;
			for (let c = 0; c < k; c++) sum += Math.exp(logPrior[c] + sharpness * evidence[c] - max);
			loss += max + Math.log(sum) - (logPrior[truth] + sharpness * evidence[truth]);
		}
		return loss;
	};
	const ratio = (Math.sqrt(5) - 1) / 2;
	let [lo, hi] = [0, 50];
	for (let step = 0; step < 30; step++) {
		const a = hi - ratio * (hi - lo);
		const b = lo + ratio * (hi - lo);
		if (logLoss(a) < logLoss(b)) hi = b;
		else lo = a;
	}
	// Sharpness near 0 means the evidence predicts nothing (say, categories set at random): the prior alone is left.
	return 1 / Math.max((lo + hi) / 2, 0.01);
}
