// Measuring suggestions on texts a model has never seen: accuracy, coverage, per-category precision and recall, and the
// confusion table (bench/classify.ts and the tests).
import { DEFAULT_THRESHOLD, NO_SUGGESTION, type CategoryModel, type Evaluation, type LabelledText } from './model';
import { suggest } from './scoring';
import { train } from './train';

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
