// The category classifier's types and settings, and the pure rule for when a stored model is due for retraining.
// Browser-safe: no database, no node: modules.

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
/** Add-alpha (Laplace) smoothing of the feature counts. */
export const DEFAULT_SMOOTHING = 0.5;

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
