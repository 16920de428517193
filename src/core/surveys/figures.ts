// Pure: from grouped counts (what the database's GROUP BY gives: per estate, question, option and number, how many
// rows) to figures per question — answered, counts and shares per option, mean, median, lowest and highest — overall
// and per estate; and the small-group rule of the public page. Tested without a database.
import { translate, type Locale } from '../i18n';
import { NEEDS_PARTS, OTHER, PUBLIC_MIN_GROUP, SCALE_MAX, SCALE_MIN, type Question, type Wording } from './model';
import { wordingFor } from './answers';

/** One group of survey_answers rows: `n` rows of this estate with this question, option and number. */
export type AnswerGroup = { estateId: string | null; questionKey: string; optionKey: string; numberValue: number | null; n: number };
/** One group of survey_open_answers rows. */
export type TextGroup = { estateId: string | null; questionKey: string; part: string; n: number };

export type OptionFigure = { key: string; label: string; count: number; share: number | null };
export type QuestionFigures = {
	/** Answer sets that answered the question. */
	answered: number;
	/** Choices, yes/no, the five scale values, "other", a needs block's parts (with texts written). */
	options: OptionFigure[];
	/** Scale and number (and how many options were ticked, for a multiple choice). */
	mean: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
};

export const EMPTY_FIGURES: QuestionFigures = { answered: 0, options: [], mean: null, median: null, min: null, max: null };

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The options a question's figures list, with labels in the locale, in the question's order. */
export function optionsOf(q: Question, locale: Locale, extra: readonly string[] = []): Array<{ key: string; label: string }> {
	switch (q.kind) {
		case 'single_choice':
		case 'multiple_choice': {
			const listed = q.options.map((o) => ({ key: o.key, label: wordingFor(o.label, locale) }));
			const other = q.allowOther || extra.includes(OTHER) ? [{ key: OTHER, label: translate(locale, 'surveys.option_other') }] : [];
			// Options of an older version that the current one dropped still count.
			const older = extra.filter((k) => k !== OTHER && !q.options.some((o) => o.key === k)).map((k) => ({ key: k, label: k }));
			return [...listed, ...older, ...other];
		}
		case 'yes_no':
			return [
				{ key: 'yes', label: translate(locale, 'surveys.answer_yes') },
				{ key: 'no', label: translate(locale, 'surveys.answer_no') }
			];
		case 'scale':
			return Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => ({
				key: String(SCALE_MIN + i),
				label: translate(locale, `surveys.scale_${SCALE_MIN + i}`)
			}));
		case 'needs_block':
			return NEEDS_PARTS.map((p) => ({ key: p, label: wordingFor(q[`${p}Label`] as Wording | undefined, locale) || translate(locale, `surveys.${p}_label`) }));
		default:
			return [];
	}
}

function numberFigures(values: Array<{ v: number; n: number }>): Pick<QuestionFigures, 'mean' | 'median' | 'min' | 'max'> & { count: number } {
	const sorted = values.filter((x) => x.n > 0).sort((a, b) => a.v - b.v);
	const count = sorted.reduce((s, x) => s + x.n, 0);
	if (count === 0) return { count, mean: null, median: null, min: null, max: null };
	const sum = sorted.reduce((s, x) => s + x.v * x.n, 0);
	const at = (i: number) => {
		let seen = 0;
		for (const x of sorted) {
			seen += x.n;
			if (i < seen) return x.v;
		}
		return sorted[sorted.length - 1].v;
	};
	return {
		count,
		mean: round(sum / count),
		median: (at(Math.floor((count - 1) / 2)) + at(Math.floor(count / 2))) / 2,
		min: sorted[0].v,
		max: sorted[sorted.length - 1].v
	};
}

/**
 * The figures of one question in one group (all estates, or one) from its answer rows and open-text counts. A
 * multiple choice is answered by as many sets as have its '' row; any other non-text question by the sum of its rows;
 * a text question by its texts (a needs block: by its most-written part, a lower bound when parts are left empty).
 */
export function questionFigures(q: Question, locale: Locale, rows: readonly AnswerGroup[], texts: readonly TextGroup[]): QuestionFigures {
	const byOption = new Map<string, number>();
	for (const r of rows) if (r.optionKey !== '') byOption.set(r.optionKey, (byOption.get(r.optionKey) ?? 0) + r.n);
	const numbers = rows.filter((r) => r.optionKey === '' && r.numberValue !== null).map((r) => ({ v: r.numberValue as number, n: r.n }));
	const textCount = new Map<string, number>();
	for (const t of texts) textCount.set(t.part, (textCount.get(t.part) ?? 0) + t.n);
	const options = (counts: Map<string, number>, answered: number) =>
		optionsOf(q, locale, [...counts.keys()]).map((o) => {
			const count = counts.get(o.key) ?? 0;
			return { key: o.key, label: o.label, count, share: answered > 0 ? round(count / answered) : null };
		});
	switch (q.kind) {
		case 'single_choice':
		case 'yes_no': {
			const answered = [...byOption.values()].reduce((s, n) => s + n, 0);
			return { ...EMPTY_FIGURES, answered, options: options(byOption, answered) };
		}
		case 'multiple_choice': {
			const ticked = numberFigures(numbers);
			return { answered: ticked.count, options: options(byOption, ticked.count), mean: ticked.mean, median: ticked.median, min: ticked.min, max: ticked.max };
		}
		case 'scale': {
			const f = numberFigures(numbers);
			const counts = new Map(numbers.map((x) => [String(x.v), 0]));
			for (const x of numbers) counts.set(String(x.v), (counts.get(String(x.v)) ?? 0) + x.n);
			return { answered: f.count, options: options(counts, f.count), mean: f.mean, median: f.median, min: f.min, max: f.max };
		}
		case 'number': {
			const f = numberFigures(numbers);
			return { answered: f.count, options: [], mean: f.mean, median: f.median, min: f.min, max: f.max };
		}
		case 'needs_block': {
			const answered = Math.max(0, ...NEEDS_PARTS.map((p) => textCount.get(p) ?? 0));
			return { ...EMPTY_FIGURES, answered, options: options(textCount, answered) };
		}
		default:
			return { ...EMPTY_FIGURES, answered: textCount.get('') ?? 0 };
	}
}

/** Kinds whose option counts add up to the answered count: one hidden count could be worked out from the others. */
const EXCLUSIVE = new Set(['single_choice', 'yes_no', 'scale']);
const small = (n: number) => n > 0 && n < PUBLIC_MIN_GROUP;

/**
 * The public page's rule for one group (all estates, or one): no cell rests on fewer than 5 answer sets. A group
 * answered by fewer is left out (null); in a group shown, an option chosen by 1 to 4 sets shows no count ("fewer
 * than 5"), nor do the options in `alsoHide`. Where the counts add up to the group's total and only one was hidden,
 * the next smallest is hidden too, so the hidden one cannot be worked out. The mean and median show only when no
 * count is hidden (with the counts shown they could give a hidden one back); `keepMean: false` hides them anyway.
 */
export function publicFigures(
	kind: Question['kind'],
	f: QuestionFigures,
	alsoHide: ReadonlySet<string> = new Set(),
	keepMean = true
): PublicQuestionFigures | null {
	if (f.answered < PUBLIC_MIN_GROUP) return null;
	const hidden = new Set(f.options.filter((o) => small(o.count) || (alsoHide.has(o.key) && o.count > 0)).map((o) => o.key));
	if (hidden.size === 1 && EXCLUSIVE.has(kind)) {
		const next = f.options.filter((o) => !hidden.has(o.key) && o.count > 0).sort((a, b) => a.count - b.count)[0];
		if (next) hidden.add(next.key);
	}
	const averages = keepMean && hidden.size === 0;
	return {
		answered: f.answered,
		options: f.options.map((o) => (hidden.has(o.key) ? { key: o.key, label: o.label, count: null, share: null } : o)),
		mean: averages ? f.mean : null,
		median: averages ? f.median : null
	};
}
export type PublicOptionFigure = { key: string; label: string; count: number | null; share: number | null };
export type PublicQuestionFigures = { answered: number; options: PublicOptionFigure[]; mean: number | null; median: number | null };

type PublicTable = { total: PublicQuestionFigures | null; estates: Array<PublicQuestionFigures | null> };

/**
 * A question's public table: the total and a column per estate, each by `publicFigures`, and then the total checked
 * against the columns, since what the estates hide is the total minus what they show. Two ways to keep every hidden
 * cell hidden: hide the total's count of an option whose hidden cells come from one estate alone or add up to 1 to 4
 * answer sets; or first hide that option in the estate that shows it with the smallest count too, so the total can
 * stay. The table that hides fewer of the total's counts wins (the total is what residents read first; the first way
 * on a tie). The total's mean and median go when the estates whose mean is not shown are just one, or hold 1 to 4
 * answer sets together. So no hidden cell comes back by subtraction.
 */
export function publicBreakdown(kind: Question['kind'], total: QuestionFigures, estates: readonly QuestionFigures[]): PublicTable {
	const plain = checkedTotal(
		kind,
		total,
		estates,
		estates.map((e) => publicFigures(kind, e))
	);
	const hiddenTotal = (t: PublicTable) => (t.total === null ? Infinity : t.total.options.filter((o) => o.count === null).length);
	if (hiddenTotal(plain) === 0) return plain;
	const spread = checkedTotal(kind, total, estates, hideInEstates(kind, total, estates));
	return hiddenTotal(spread) < hiddenTotal(plain) ? spread : plain;
}

const leftOver = (hidden: number[]) => hidden.length === 1 || small(hidden.reduce((a, b) => a + b, 0));
const countOf = (f: QuestionFigures, key: string) => f.options.find((x) => x.key === key)?.count ?? 0;
const shownIn = (column: PublicQuestionFigures | null, key: string) => {
	const c = column?.options.find((x) => x.key === key)?.count;
	return c !== null && c !== undefined;
};
/** The actual counts behind the estates' hidden cells of this option (none where the column shows it). */
const hiddenCounts = (estates: readonly QuestionFigures[], columns: ReadonlyArray<PublicQuestionFigures | null>, key: string) =>
	estates.flatMap((e, i) => (countOf(e, key) > 0 && !shownIn(columns[i], key) ? [countOf(e, key)] : []));

/** The estate columns with, for each option whose hidden cells would show through the total, more cells hidden. */
function hideInEstates(kind: Question['kind'], total: QuestionFigures, estates: readonly QuestionFigures[]): Array<PublicQuestionFigures | null> {
	const extra = estates.map(() => new Set<string>());
	const columns = estates.map((e) => publicFigures(kind, e));
	// Every pass hides at least one more cell, so this ends.
	for (let changed = true; changed;) {
		changed = false;
		for (const o of total.options) {
			const hidden = hiddenCounts(estates, columns, o.key);
			if (hidden.length === 0 || !leftOver(hidden)) continue;
			const next = estates
				.map((e, i) => ({ i, count: countOf(e, o.key) }))
				.filter((c) => c.count > 0 && shownIn(columns[c.i], o.key))
				.sort((a, b) => a.count - b.count)[0];
			if (!next) continue;
			extra[next.i].add(o.key);
			columns[next.i] = publicFigures(kind, estates[next.i], extra[next.i]);
			changed = true;
		}
	}
	return columns;
}

/** The total, with what the columns hide checked against it. */
function checkedTotal(
	kind: Question['kind'],
	total: QuestionFigures,
	estates: readonly QuestionFigures[],
	columns: Array<PublicQuestionFigures | null>
): PublicTable {
	const alsoHide = new Set(
		total.options
			.filter((o) => {
				const hidden = hiddenCounts(estates, columns, o.key);
				return hidden.length > 0 && leftOver(hidden);
			})
			.map((o) => o.key)
	);
	const meanHidden = estates.flatMap((e, i) => (e.answered > 0 && (columns[i] === null || columns[i]!.mean === null) ? [e.answered] : []));
	return { total: publicFigures(kind, total, alsoHide, !(meanHidden.length > 0 && leftOver(meanHidden))), estates: columns };
}

/** The same rule for a list of group sizes that add up to a total shown (answer sets per estate). */
export function publicCounts<T extends { count: number }>(groups: readonly T[]): Array<T & { hidden: boolean }> {
	const hidden = new Set(groups.map((g, i) => (g.count > 0 && g.count < PUBLIC_MIN_GROUP ? i : -1)).filter((i) => i >= 0));
	if (hidden.size === 1) {
		const next = groups
			.map((g, i) => ({ g, i }))
			.filter(({ g, i }) => !hidden.has(i) && g.count > 0)
			.sort((a, b) => a.g.count - b.g.count)[0];
		if (next) hidden.add(next.i);
	}
	return groups.map((g, i) => ({ ...g, hidden: hidden.has(i) }));
}
