// Scoring a text against a model: the compiled weights (complement naive Bayes), the evidence of the text's features,
// the calibrated probabilities, and the suggestion made from them.
import { DEFAULT_THRESHOLD, MIN_CATEGORY_EXAMPLES, MIN_EXAMPLES, MODEL_VERSION, type CategoryModel, type CategoryScore, type Suggestion } from './model';
import { featuresOf } from './text';

/** Known features must add up to at least one word's worth, so "hallo" or gibberish gets no suggestion. */
const MIN_EVIDENCE = 1;
/**
 * The model ready for scoring, built once per model object. Complement naive Bayes (Rennie et al., 2003): a feature's
 * weight for a class comes from how rarely it occurs in all *other* classes, estimated on much more data than the class
 * itself has, which keeps small categories from winning short texts on thin counts. Measured on the demo texts, its
 * best guess is right for 79% / 90% of held-out texts after 500 / 2,000 examples, against 69% / 86% for multinomial.
 */
type Compiled = { index: Map<string, number>; weight: Float64Array; logPrior: Float64Array; suggestable: boolean[]; choices: number };
const compiledModels = new WeakMap<CategoryModel, Compiled>();

export function compile(model: CategoryModel): Compiled {
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
export function evidenceFor(model: CategoryModel, text: string): Float64Array | null {
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
