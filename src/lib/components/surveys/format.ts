// How survey figures read: shares as whole percentages, means with one decimal, in the reader's language; and the
// figures shape the charts take (staff figures, or public ones where a count may be hidden as "fewer than 5").
import { htmlLang, type Locale } from '$core/i18n';

export type ChartOption = { key: string; label: string; count: number | null; share: number | null };
export type ChartFigures = { answered: number; options: ChartOption[]; mean: number | null; median: number | null; min?: number | null; max?: number | null };

export function percent(locale: Locale, share: number | null): string {
	return share === null ? '–' : new Intl.NumberFormat(htmlLang(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function decimal(locale: Locale, x: number | null, digits = 1): string {
	return x === null ? '–' : new Intl.NumberFormat(htmlLang(locale), { maximumFractionDigits: digits }).format(x);
}

/** A day in Brussels time, as people there write it. */
export function day(locale: Locale, iso: string | null): string {
	return iso
		? new Intl.DateTimeFormat(htmlLang(locale), { timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso))
		: '–';
}

/** The question kinds whose figures are a distribution over options (a chart); text questions only count. */
export const CHARTED = new Set(['single_choice', 'multiple_choice', 'yes_no', 'scale', 'needs_block']);

/**
 * The change from one wave's figure to the next: a mean in points (one decimal), a share in percentage points (whole).
 * Null when either side is missing.
 */
export function difference(before: number | null, after: number | null, asShare: boolean): number | null {
	if (before === null || after === null) return null;
	return asShare ? Math.round((after - before) * 100) : Math.round((after - before) * 10) / 10;
}
