// The suggested category for a resident's signal: a complement naive Bayes text classifier, learned from signals that
// people already categorised, with its confidence calibrated on signals it did not learn from. Pure: the service
// stores the model (plain JSON), retrains it as categorised signals grow, and a person always confirms a suggestion.

/** Bumped when the model's shape or features change: a stored model of another version must be retrained. */
export const MODEL_VERSION = 1;
/**
 * Chosen from bench/classify.ts (2,000 held-out demo texts of another seed). Confidences are calibrated (`temperature`),
 * if anything a little modest: of the suggestions with a confidence between 0.7 and 0.8, 81–89% were right (500 to
 * 5,000 examples), between 0.6 and 0.7 75–83%. At 0.7 the suggestions made are right 92% of the time with 500 examples
 * (coverage 68%), 95% with 2,000 (88%), 96% with 10,000 (90%); 0.6 would add 2–5 points of coverage for about 1 point
 * more wrong suggestions. The suggestion is pre-filled and people confirm in a hurry: a wrong one that slips through
 * misroutes a signal, which costs the tenant days, while no suggestion costs a worker one pick from the list. At 0.7 a
 * suggestion is made when being right is more than twice as likely as being wrong.
 */
export const DEFAULT_THRESHOLD = 0.7;
/** Too few categorised signals make a guess, not a suggestion. */
export const MIN_EXAMPLES = 20;
/** A category seen fewer times than this is learned from but never suggested. */
export const MIN_CATEGORY_EXAMPLES = 3;
/** Known features must add up to at least one word's worth, so "hallo" or gibberish gets no suggestion. */
const MIN_EVIDENCE = 1;
/** Above this many examples, features seen in only one signal are pruned: they rarely help and bloat the model. */
const PRUNE_ABOVE_EXAMPLES = 1000;
/** The most frequent features kept at most: a stored model stays under ~2 MB (the demo's 10,000 texts need 13,000). */
const MAX_FEATURES = 50_000;
/** Add-alpha (Laplace) smoothing of the feature counts. */
export const DEFAULT_SMOOTHING = 0.5;
/** Below this many examples the calibration fold is too small to trust: a cautious fixed temperature instead. */
const CALIBRATE_FROM = 200;
const CALIBRATION_SAMPLE = 5000;
/**
 * Fitted temperatures on the demo texts: 0.4–0.6 at 200–300 examples, 0.25–0.4 from 500 on. Below CALIBRATE_FROM a
 * higher one keeps the model quiet: with 100 examples, one text in ten gets a suggestion, 85% of them right.
 */
const CAUTIOUS_TEMPERATURE = 0.8;
const NGRAM_MIN = 3;
const NGRAM_MAX = 5;

export type LabelledText = { text: string; category: string };

/** Plain JSON, so it can be stored in the database and reloaded. Counts are document frequencies per class. */
export type CategoryModel = {
	version: typeof MODEL_VERSION;
	trainedAt: string;
	exampleCount: number;
	vocabularySize: number;
	smoothing: number;
	/** Divides the evidence before the softmax; fitted on a fifth of the examples held back, so confidences are honest. */
	temperature: number;
	classes: { category: string; examples: number; featureTotal: number }[];
	/** The features, in the same order as `counts`. */
	vocabulary: string[];
	/** Sparse per feature: [classIndex, count, classIndex, count, …]. */
	counts: number[][];
};

export type TrainOptions = {
	/** Add-alpha smoothing (1 is classic Laplace); DEFAULT_SMOOTHING when left out. */
	smoothing?: number;
	/** Drop features seen in fewer signals than this; defaults to 2 above 1,000 examples, else 1. */
	minFeatureCount?: number;
	/** The model's `trainedAt`. */
	now?: Date;
};

export type CategoryScore = { category: string; confidence: number };
export type Suggestion = CategoryScore & { alternatives: CategoryScore[] };

const STOP_WORDS = new Set(
	[
		// Dutch, with phone spellings of "niet"
		'de het een en van in op te is dat die er ik mijn me mij we wij ons onze je jij u uw ze zij hij haar zijn was al ook nog met voor aan bij naar om dan maar of als wat dit deze daar hier heb hebben heeft wordt worden kan zal zou nu niet nie ni meer geen weer wel zo heel s',
		// French
		'le la les un une des du de et est en au aux ce cet cette ces je tu il elle nous vous ils elles mon ma mes son sa ses pas ne que qui pour par sur avec dans chez ai suis on ca plus tout tres encore',
		// English
		'the a an and is are was of to in on at for with my me we our you your he she it its they them this that there have has be been not can will do does from im no dont again all very'
	]
		.join(' ')
		.split(' ')
);

/** Lowercase, without diacritics (NFD), split on anything that is not a letter or digit. */
function normalisedWords(text: string): string[] {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.split(/[^\p{L}\p{N}]+/u);
}

/** The content words of a short text in Dutch, French or English: no stop words, no numbers, no single letters. */
export function tokenize(text: string): string[] {
	return normalisedWords(text).filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\p{N}+$/u.test(w));
}

/**
 * The features of a text with their weight: each word as itself plus its character 3–5-grams (with word boundary
 * marks), which copes with compounds ("waterlek" / "lekkage") and typos ("verwarmnig"). A word's features share one
 * unit of weight, so a long word does not shout down a short one, and the correlated n-grams do not make naive Bayes
 * absurdly sure of itself.
 */
function featuresOf(text: string): Map<string, number> {
	const weights = new Map<string, number>();
	for (const word of tokenize(text)) {
		const own = wordFeatures(word);
		const share = 1 / own.length;
		for (const f of own) weights.set(f, (weights.get(f) ?? 0) + share);
	}
	return weights;
}

function wordFeatures(word: string): string[] {
	const out = [`w:${word}`];
	const padded = `<${word}>`;
	for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++) {
		for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
	}
	return out;
}

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
 * The model ready for scoring, built once per model object. Complement naive Bayes (Rennie et al., 2003): a feature's
 * weight for a class comes from how rarely it occurs in all *other* classes, estimated on much more data than the class
 * itself has, which keeps small categories from winning short texts on thin counts. Measured on the demo texts, its
 * best guess is right for 79% / 90% of held-out texts after 500 / 2,000 examples, against 69% / 86% for multinomial.
 */
type Compiled = { index: Map<string, number>; weight: Float64Array; logPrior: Float64Array; suggestable: boolean[]; choices: number };
const compiledModels = new WeakMap<CategoryModel, Compiled>();

function compile(model: CategoryModel): Compiled {
	const cached = compiledModels.get(model);
	if (cached) return cached;
	const k = model.classes.length;
	const v = model.vocabulary.length;
	const alpha = model.smoothing;
	const grandTotal = model.classes.reduce((sum, cl) => sum + cl.featureTotal, 0);
	const complementLogTotal = model.classes.map((cl) => Math.log(grandTotal - cl.featureTotal + alpha * v));
	const weight = new Float64Array(v * k);
	const index = new Map<string, number>();
	const own = new Float64Array(k);
	for (let f = 0; f < v; f++) {
		index.set(model.vocabulary[f], f);
		own.fill(0);
		let total = 0;
		const sparse = model.counts[f];
		for (let i = 0; i < sparse.length; i += 2) {
			own[sparse[i]] = sparse[i + 1];
			total += sparse[i + 1];
		}
		// −log P(feature | not this class): large when the other classes hardly have it.
		for (let c = 0; c < k; c++) weight[f * k + c] = complementLogTotal[c] - Math.log(total - own[c] + alpha);
	}
	const logPrior = Float64Array.from(model.classes, (cl) => Math.log(cl.examples / model.exampleCount));
	const suggestable = model.classes.map((cl) => cl.examples >= MIN_CATEGORY_EXAMPLES);
	const compiled = { index, weight, logPrior, suggestable, choices: suggestable.filter(Boolean).length };
	compiledModels.set(model, compiled);
	return compiled;
}

/** The evidence per class of the features of a text the model knows; null when they add up to less than a word. */
function evidenceFor(model: CategoryModel, text: string): Float64Array | null {
	const { index, weight } = compile(model);
	const k = model.classes.length;
	const evidence = new Float64Array(k);
	let known = 0;
	for (const [f, w] of featuresOf(text)) {
		const i = index.get(f);
		if (i === undefined) continue;
		known += w;
		for (let c = 0; c < k; c++) evidence[c] += w * weight[i * k + c];
	}
	return known < MIN_EVIDENCE ? null : evidence;
}

/** Softmax of prior + evidence / temperature, computed stably: the largest logit is subtracted before exponentiating. */
function softmax(logPrior: Float64Array, evidence: Float64Array, temperature: number): Float64Array {
	const p = logPrior.map((prior, c) => prior + evidence[c] / temperature);
	const max = Math.max(...p);
	let sum = 0;
	for (let c = 0; c < p.length; c++) sum += p[c] = Math.exp(p[c] - max);
	return p.map((e) => e / sum);
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

/** Every class index with its posterior probability, most likely first; empty when the text holds too little we know. */
function posteriors(model: CategoryModel, text: string): { c: number; p: number }[] {
	if (model.version !== MODEL_VERSION || model.classes.length === 0) return [];
	const evidence = evidenceFor(model, text);
	if (!evidence) return [];
	return Array.from(softmax(compile(model).logPrior, evidence, model.temperature), (p, c) => ({ c, p })).sort((a, b) => b.p - a.p);
}

/**
 * The category to suggest for a text, with up to three other suggestable categories after it; null when the model has
 * seen too few signals or categories, the best category is too rare to suggest, or the model is not sure enough.
 */
export function suggest(model: CategoryModel, text: string, options: { threshold?: number } = {}): Suggestion | null {
	const threshold = options.threshold ?? DEFAULT_THRESHOLD;
	if (model.exampleCount < MIN_EXAMPLES) return null;
	const ranked = posteriors(model, text);
	if (ranked.length === 0) return null;
	const { suggestable, choices } = compile(model);
	const [best, ...rest] = ranked;
	if (choices < 2 || !suggestable[best.c] || best.p < threshold) return null;
	const score = ({ c, p }: { c: number; p: number }): CategoryScore => ({ category: model.classes[c].category, confidence: p });
	return {
		...score(best),
		alternatives: rest
			.filter((r) => suggestable[r.c])
			.slice(0, 3)
			.map(score)
	};
}

/** Whether the stored model should be retrained: none yet, an older version, or 10% more categorised signals since. */
export function needsRetraining(model: CategoryModel | null, categorisedSignals: number): boolean {
	if (!model || model.version !== MODEL_VERSION) return categorisedSignals >= MIN_EXAMPLES;
	return categorisedSignals - model.exampleCount >= Math.max(10, model.exampleCount * 0.1);
}

/** The column of the confusion table for texts that got no suggestion. */
export const NO_SUGGESTION = '(none)';

export type Evaluation = {
	/** Share of the suggestions made that were right. */
	accuracy: number;
	/** Share of the held-out texts that got a suggestion. */
	coverage: number;
	/** Right suggestions over all held-out texts. */
	overallAccuracy: number;
	perCategory: { category: string; precision: number; recall: number; support: number }[];
	/** actual category → suggested category (or NO_SUGGESTION) → count. */
	confusion: Record<string, Record<string, number>>;
};

/** Trains on one set and measures the suggestions on texts the model has never seen. */
export function evaluate(trainingSet: readonly LabelledText[], heldOut: readonly LabelledText[], threshold = DEFAULT_THRESHOLD): Evaluation {
	return evaluateModel(train(trainingSet), heldOut, threshold);
}

export function evaluateModel(model: CategoryModel, heldOut: readonly LabelledText[], threshold = DEFAULT_THRESHOLD): Evaluation {
	// Maps, not objects, while counting: a category key like "constructor" must not meet Object.prototype.
	const confusion = new Map<string, Map<string, number>>();
	const tally = new Map<string, { suggested: number; right: number; support: number }>();
	const of = (category: string) => {
		let t = tally.get(category);
		if (!t) tally.set(category, (t = { suggested: 0, right: 0, support: 0 }));
		return t;
	};
	let made = 0;
	let right = 0;
	for (const { text, category } of heldOut) {
		const suggested = suggest(model, text, { threshold })?.category ?? NO_SUGGESTION;
		const row = confusion.get(category) ?? new Map<string, number>();
		confusion.set(category, row.set(suggested, (row.get(suggested) ?? 0) + 1));
		of(category).support++;
		if (suggested === NO_SUGGESTION) continue;
		made++;
		of(suggested).suggested++;
		if (suggested === category) {
			right++;
			of(category).right++;
		}
	}
	const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
	return {
		accuracy: ratio(right, made),
		coverage: ratio(made, heldOut.length),
		overallAccuracy: ratio(right, heldOut.length),
		perCategory: [...tally]
			.map(([category, t]) => ({ category, precision: ratio(t.right, t.suggested), recall: ratio(t.right, t.support), support: t.support }))
			.sort((a, b) => a.category.localeCompare(b.category)),
		confusion: Object.fromEntries([...confusion].map(([actual, row]) => [actual, Object.fromEntries(row)]))
	};
}
