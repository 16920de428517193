// Stories of the category suggestion: a tenant describes a problem in their own words, the model trained on signals
// workers already categorised suggests a category (or keeps quiet), and a person confirms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CATEGORY_KEYS, demoSignalTexts } from '../demo/signal-texts';
import { DEFAULT_THRESHOLD, evaluate, needsRetraining, NO_SUGGESTION, suggest, tokenize, train, type CategoryModel } from './index';

const categorised = demoSignalTexts(2000, 1);
const model = train(categorised, { now: new Date('2026-03-01T09:00:00Z') });

describe('suggesting a category for a new signal', () => {
	it('suggests water damage when a tenant writes that water comes through the bathroom ceiling', () => {
		const suggestion = suggest(model, 'er komt water door het plafond van de badkamer');
		expect(suggestion?.category).toBe('leak_damp');
		expect(suggestion!.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
		// The worker can pick another: up to three alternatives, less likely than the suggestion, none of them repeated.
		expect(suggestion!.alternatives.length).toBeLessThanOrEqual(3);
		expect(suggestion!.alternatives.map((a) => a.category)).not.toContain('leak_damp');
		for (const a of suggestion!.alternatives) expect(a.confidence).toBeLessThanOrEqual(suggestion!.confidence);
	});

	it('understands a French-speaking tenant whose heating stopped', () => {
		expect(suggest(model, 'le chauffage ne marche plus depuis lundi')?.category).toBe('heating');
	});

	it('copes with phone spelling: no accents, typos, compounds', () => {
		expect(suggest(model, 'VERWARMNIG doet het nie meer, ijskoud!!')?.category).toBe('heating');
		expect(suggest(model, 'sluikstort naast de glasbak, matras en zetels')?.category).toBe('dumping');
		expect(suggest(model, 'de lift zit weer vast op het 4de verdiep')?.category).toBe('lift');
	});

	it('suggests nothing for a greeting, an empty message or gibberish', () => {
		for (const text of ['hallo', '', '   ', '!!!', 'asdfjkl qwxz', 'zzzz kkkk', '12345']) expect(suggest(model, text), text).toBeNull();
	});

	it('suggests nothing when only ten signals have been categorised yet', () => {
		const tiny = train(categorised.slice(0, 10));
		expect(tiny.exampleCount).toBe(10);
		expect(suggest(tiny, 'er komt water door het plafond van de badkamer', { threshold: 0 })).toBeNull();
	});

	it('never suggests a category seen fewer than three times, though it learns from it', () => {
		const examples = [...categorised.slice(0, 200), { text: 'de glijbaan is gesmolten door de hittegolf', category: 'heatwave' }];
		const m = train(examples);
		expect(m.classes.map((c) => c.category)).toContain('heatwave');
		expect(suggest(m, 'de glijbaan is gesmolten door de hittegolf', { threshold: 0 })?.category).not.toBe('heatwave');
		for (const text of ['de glijbaan is kapot', 'de lift staat stil']) {
			expect(suggest(m, text, { threshold: 0 })?.alternatives.map((a) => a.category)).not.toContain('heatwave');
		}
	});
});

describe('the stored model', () => {
	it('survives being stored as JSON and read back, with identical suggestions', () => {
		const reloaded = JSON.parse(JSON.stringify(model)) as CategoryModel;
		expect(reloaded).toMatchObject({ version: 1, trainedAt: '2026-03-01T09:00:00.000Z', exampleCount: 2000 });
		expect(reloaded.vocabularySize).toBe(reloaded.vocabulary.length);
		expect(new Set(reloaded.classes.map((c) => c.category))).toEqual(new Set(DEMO_CATEGORY_KEYS.map((c) => c.key)));
		for (const { text } of demoSignalTexts(200, 3)) expect(suggest(reloaded, text)).toEqual(suggest(model, text));
	});

	it('stays bounded: rare features are pruned above 1,000 examples, and at most 50,000 are kept', () => {
		const unpruned = train(categorised, { minFeatureCount: 1 });
		expect(model.vocabularySize).toBeLessThan(unpruned.vocabularySize * 0.8);
		expect(JSON.stringify(train(demoSignalTexts(10000, 1))).length).toBeLessThan(1_000_000);
		// Texts full of one-off words (codes, names) cannot grow the model past its cap.
		const oneOffs = Array.from({ length: 800 }, (_, i) => ({
			text: Array.from({ length: 5 }, (_, j) => `x${(Math.imul(i * 5 + j, 2654435761) >>> 0).toString(36)}`).join(' '),
			category: DEMO_CATEGORY_KEYS[i % DEMO_CATEGORY_KEYS.length].key
		}));
		expect(train(oneOffs, { minFeatureCount: 1 }).vocabularySize).toBe(50_000);
	});

	it('is retrained when the categorised signals grow by a tenth, or when there is none yet', () => {
		expect(needsRetraining(null, 5)).toBe(false);
		expect(needsRetraining(null, 25)).toBe(true);
		expect(needsRetraining(model, 2100)).toBe(false);
		expect(needsRetraining(model, 2200)).toBe(true);
	});
	// Speed is measured in bench/classify.ts (npx tsx bench/classify.ts), never asserted here.
});

describe('measured on signals the model has never seen', () => {
	// Measured at the default threshold (train 2,000 of seed 1, test 1,000 of seed 2): accuracy 95.3%, coverage 86.9%,
	// overall 82.8%. The bounds sit a few points below, so a real regression fails and a harmless tweak does not.
	const heldOut = demoSignalTexts(1000, 2);
	const result = evaluate(categorised, heldOut, DEFAULT_THRESHOLD);

	it('is right for at least 92% of the suggestions it makes and makes one for at least 82% of the signals', () => {
		expect(result.accuracy).toBeGreaterThanOrEqual(0.92);
		expect(result.coverage).toBeGreaterThanOrEqual(0.82);
		expect(result.overallAccuracy).toBeCloseTo(result.accuracy * result.coverage, 10);
	});

	it('reports per category and a confusion table that adds up to the held-out signals', () => {
		expect(result.perCategory.map((p) => p.category).sort()).toEqual(DEMO_CATEGORY_KEYS.map((c) => c.key).sort());
		expect(result.perCategory.reduce((sum, p) => sum + p.support, 0)).toBe(1000);
		for (const p of result.perCategory) expect(p.precision, p.category).toBeGreaterThan(0.8);
		const cells = Object.values(result.confusion).flatMap((row) => Object.values(row));
		expect(cells.reduce((a, b) => a + b, 0)).toBe(1000);
		const unsuggested = Object.values(result.confusion).reduce((sum, row) => sum + (row[NO_SUGGESTION] ?? 0), 0);
		expect(unsuggested / 1000).toBeCloseTo(1 - result.coverage, 10);
	});

	it('does not get worse as more signals are categorised and the model is retrained', () => {
		const fewer = evaluate(categorised.slice(0, 500), heldOut);
		const more = evaluate(demoSignalTexts(5000, 1), heldOut);
		expect(result.overallAccuracy).toBeGreaterThan(fewer.overallAccuracy);
		expect(more.overallAccuracy).toBeGreaterThanOrEqual(result.overallAccuracy - 0.02);
	});

	it('keeps quiet rather than guess when the categories it learned from were set at random', () => {
		const keys = DEMO_CATEGORY_KEYS.map((c) => c.key);
		const careless = categorised.map((s, i) => ({ text: s.text, category: keys[(i * 7919) % keys.length] }));
		expect(evaluate(careless, heldOut).coverage).toBeLessThan(0.02);
	});

	it('is not flattered by copies: held-out signals are new combinations, not training texts again', () => {
		const seen = new Set(categorised.map((s) => tokenize(s.text).join(' ')));
		const copies = heldOut.filter((s) => seen.has(tokenize(s.text).join(' ')));
		expect(copies.length / heldOut.length).toBeLessThan(0.03);
	});
});

describe('robustness', () => {
	it('never throws on any text and keeps every confidence between 0 and 1', () => {
		expect(() =>
			fc.assert(
				fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
					const s = suggest(model, text, { threshold: 0 });
					if (s === null) return;
					for (const c of [s.confidence, ...s.alternatives.map((a) => a.confidence)]) {
						expect(c).toBeGreaterThanOrEqual(0);
						expect(c).toBeLessThanOrEqual(1);
					}
				}),
				{ numRuns: 500 }
			)
		).not.toThrow();
	});

	it('tokenises Dutch, French and English alike: lowercase, no diacritics, no stop words', () => {
		expect(tokenize('Le CHAUFFAGE ne marche plus à l’étage')).toEqual(['chauffage', 'marche', 'etage']);
		expect(tokenize('De verwarming is kapot in de keuken')).toEqual(['verwarming', 'kapot', 'keuken']);
		expect(tokenize('The lift is broken again')).toEqual(['lift', 'broken']);
	});
});

describe('the demo signal texts', () => {
	it('are the same for the same seed and mostly Dutch, some French and English', () => {
		expect(demoSignalTexts(50, 7)).toEqual(demoSignalTexts(50, 7));
		const share = (language: string) => categorised.filter((s) => s.language === language).length / categorised.length;
		expect(share('nl')).toBeCloseTo(0.75, 1);
		expect(share('fr')).toBeCloseTo(0.15, 1);
		expect(share('en')).toBeCloseTo(0.1, 1);
		expect(new Set(categorised.map((s) => s.category)).size).toBe(DEMO_CATEGORY_KEYS.length);
	});
});
