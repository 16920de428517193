// The classifier module's public entry: the suggested category for a resident's signal. A complement naive Bayes text
// classifier, learned from signals that people already categorised, with its confidence calibrated on signals it did
// not learn from. Pure: signals stores the model (plain JSON), retrains it as categorised signals grow, and a person
// always confirms a suggestion. Why hand-written: docs/decisions/0003. model.ts is the second entry, for the browser.
export { evaluate, evaluateModel } from './evaluate';
export { DEFAULT_SMOOTHING, DEFAULT_THRESHOLD, MIN_CATEGORY_EXAMPLES, MIN_EXAMPLES, MODEL_VERSION, needsRetraining, NO_SUGGESTION } from './model';
export type { CategoryModel, CategoryScore, Evaluation, LabelledText, Suggestion, TrainOptions } from './model';
export { suggest } from './scoring';
export { tokenize } from './text';
export { train } from './train';
