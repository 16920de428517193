// The small-group rule of the public "what you told us" page, without a database: no cell shown rests on fewer than
// 5 answer sets, and a hidden count can never be worked out from the ones shown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicBreakdown, publicCounts, publicFigures, questionFigures, type QuestionFigures } from './figures';
import { structure } from './model';
import { TENANT_SURVEY } from './factories';

const figures = (counts: Record<string, number>): QuestionFigures => {
	const answered = Object.values(counts).reduce((s, n) => s + n, 0);
	return {
		answered,
		options: Object.entries(counts).map(([key, count]) => ({ key, label: key, count, share: answered ? count / answered : null })),
		mean: null,
		median: null,
		min: null,
		max: null
	};
};

describe('the public page leaves out small groups', () => {
	it('leaves out a group answered by fewer than 5, and a count of 1 to 4 in a group shown', () => {
		expect(publicFigures('single_choice', figures({ a: 2, b: 2 }))).toBeNull();
		expect(publicFigures('multiple_choice', figures({ a: 30, b: 3, c: 0 }))!.options.map((o) => o.count)).toEqual([30, null, 0]);
	});

	it('hides a second count when one hidden count could be worked out from the total', () => {
		// 40 answered: 30 + 7 + 3. Showing 30 and 7 would give away the 3; the 7 is hidden with it.
		expect(publicFigures('single_choice', figures({ a: 30, b: 7, c: 3 }))!.options.map((o) => o.count)).toEqual([30, null, null]);
		// Two hidden already: only their sum can be known.
		expect(publicFigures('scale', figures({ 1: 2, 2: 1, 3: 10, 4: 20, 5: 9 }))!.options.map((o) => o.count)).toEqual([null, null, 10, 20, 9]);
		// Counts of a multiple choice do not add up to the total: one hidden count gives nothing away.
		expect(publicFigures('multiple_choice', figures({ a: 30, b: 7, c: 3 }))!.options.map((o) => o.count)).toEqual([30, 7, null]);
	});

	it('never shows a count under 5, nor a single hidden cell in a distribution that adds up', () => {
		expect(() =>
			fc.assert(
				fc.property(
					fc.array(fc.nat({ max: 40 }), { minLength: 2, maxLength: 6 }),
					fc.constantFrom('single_choice', 'yes_no', 'scale', 'multiple_choice') as fc.Arbitrary<'single_choice' | 'yes_no' | 'scale' | 'multiple_choice'>,
					(counts, kind) => {
						const f = figures(Object.fromEntries(counts.map((n, i) => [`o${i}`, n])));
						const shown = publicFigures(kind, f);
						if (f.answered < 5) return shown === null;
						const visible = shown!.options.filter((o) => o.count !== null);
						if (visible.some((o) => o.count! > 0 && o.count! < 5)) return false;
						const hiddenNonZero = shown!.options.filter((o, i) => o.count === null && f.options[i].count > 0).length;
						return kind === 'multiple_choice' || hiddenNonZero !== 1;
					}
				)
			)
		).not.toThrow();
	});

	it('shows a mean only where no count is hidden: with the counts shown it would give the hidden ones back', () => {
		// 24 answered: 8 twos, 6 threes, 6 fours shown, and a mean of 2.9167 would tell there are 2 ones and 2 fives.
		const f = { ...figures({ 1: 2, 2: 8, 3: 6, 4: 6, 5: 2 }), mean: 2.9167, median: 3 };
		expect(publicFigures('scale', f)).toMatchObject({ mean: null, median: null });
		expect(publicFigures('scale', { ...figures({ 1: 5, 2: 8, 3: 6, 4: 6, 5: 5 }), mean: 3, median: 3 })).toMatchObject({ mean: 3, median: 3 });
	});

	it('hides a total that would give a hidden estate back by subtraction', () => {
		// Estate A (20 answers) shows all; estate B (3 answers) is hidden: the total minus A would be B.
		const a = figures({ yes: 12, no: 8 });
		const b = figures({ yes: 3, no: 0 });
		const table = publicBreakdown('yes_no', figures({ yes: 15, no: 8 }), [a, b]);
		expect(table.estates[1]).toBeNull();
		expect(table.total!.options.map((o) => o.count)).toEqual([null, null]);
		// With two hidden estates of 5 answers together, only their sum could be known: the total shows.
		const c = figures({ yes: 2, no: 0 });
		expect(publicBreakdown('yes_no', figures({ yes: 17, no: 8 }), [a, b, c]).total!.options.map((o) => o.count)).toEqual([17, 8]);
	});

	it('rather hides a cell in another estate than the total, when that keeps the total', () => {
		// "Every week": 5 in A, 1 in small B (hidden). Hiding A's 5 too leaves 6 hidden over two estates: the total's 6 shows.
		const a = figures({ weekly: 5, monthly: 9, never: 6 });
		const b = figures({ weekly: 1, monthly: 1, never: 0 });
		const c = figures({ weekly: 7, monthly: 8, never: 9 });
		const table = publicBreakdown('single_choice', figures({ weekly: 13, monthly: 18, never: 15 }), [a, b, c]);
		expect(table.total!.options.map((o) => o.count)).toEqual([13, 18, 15]);
		expect(table.estates[1]).toBeNull();
		expect(table.estates[0]!.options.filter((o) => o.count === null).length).toBeGreaterThan(0);
	});

	it('never lets a hidden estate cell be worked out from the total and the cells shown', () => {
		const distribution = fc.array(fc.nat({ max: 12 }), { minLength: 3, maxLength: 3 });
		expect(() =>
			fc.assert(
				fc.property(fc.array(distribution, { minLength: 1, maxLength: 5 }), (estates) => {
					const columns = estates.map((counts) => figures({ a: counts[0], b: counts[1], c: counts[2] }));
					const total = figures({
						a: estates.reduce((s, e) => s + e[0], 0),
						b: estates.reduce((s, e) => s + e[1], 0),
						c: estates.reduce((s, e) => s + e[2], 0)
					});
					const table = publicBreakdown('single_choice', total, columns);
					if (!table.total) return true;
					return table.total.options.every((o, k) => {
						if (o.count === null) return true;
						const hidden = columns.flatMap((col, i) =>
							col.options[k].count > 0 && (table.estates[i]?.options[k].count ?? null) === null ? [col.options[k].count] : []
						);
						return hidden.length !== 1 && !(hidden.reduce((s, n) => s + n, 0) > 0 && hidden.reduce((s, n) => s + n, 0) < 5);
					});
				})
			)
		).not.toThrow();
	});

	it('does the same for answer sets per estate', () => {
		expect(publicCounts([{ count: 12 }, { count: 3 }, { count: 40 }]).map((g) => g.hidden)).toEqual([true, true, false]);
		expect(publicCounts([{ count: 12 }, { count: 3 }, { count: 2 }]).map((g) => g.hidden)).toEqual([false, true, true]);
		expect(publicCounts([{ count: 12 }, { count: 0 }]).map((g) => g.hidden)).toEqual([false, false]);
	});
});

describe('figures from grouped rows', () => {
	const s = structure.parse(TENANT_SURVEY);
	const question = (key: string) => s.sections.flatMap((x) => x.questions).find((q) => q.key === key)!;

	it('takes the median of a scale from its counts, the mean of the two middle values when even', () => {
		const rows = [
			{ estateId: null, questionKey: 'home_happy', optionKey: '', numberValue: 1, n: 1 },
			{ estateId: null, questionKey: 'home_happy', optionKey: '', numberValue: 4, n: 1 },
			{ estateId: 'e', questionKey: 'home_happy', optionKey: '', numberValue: 5, n: 2 }
		];
		expect(questionFigures(question('home_happy'), 'nl', rows, [])).toMatchObject({ answered: 4, mean: 3.75, median: 4.5, min: 1, max: 5 });
		expect(questionFigures(question('home_happy'), 'nl', [], [])).toMatchObject({ answered: 0, mean: null, median: null });
		expect(questionFigures(question('home_happy'), 'nl', [], []).options.map((o) => o.share)).toEqual([null, null, null, null, null]);
	});

	it('keeps counting an option an older version had and the current one dropped', () => {
		const rows = [
			{ estateId: null, questionKey: 'contact', optionKey: 'weekly', numberValue: null, n: 3 },
			{ estateId: null, questionKey: 'contact', optionKey: 'daily', numberValue: null, n: 1 }
		];
		expect(questionFigures(question('contact'), 'en', rows, []).options.map((o) => [o.key, o.label, o.count])).toEqual([
			['weekly', 'Every week', 3],
			['monthly', 'Every month', 0],
			['never', 'Never', 0],
			['daily', 'daily', 1],
			['other', 'Something else', 0]
		]);
	});
});
