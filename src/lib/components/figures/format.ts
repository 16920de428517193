// How figures read: hours under two days as hours, longer as days; working days as deadlines count them; shares as
// whole percentages.
import { htmlLang, type Locale } from '$core/i18n';
import type { Translator } from '$core/i18n';

export function duration(t: Translator, locale: Locale, hours: number | null): string {
	if (hours === null) return '–';
	const n = (v: number) => new Intl.NumberFormat(htmlLang(locale), { maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
	return hours < 48 ? t('figures.hours', { n: n(hours) }) : t('figures.days', { n: n(hours / 24) });
}

/** Belgian working days (deadlines.ts), as the deadlines are counted: none, one, or several. */
export function workingDays(t: Translator, days: number): string {
	return days === 0 ? t('figures.working_days_none') : days === 1 ? t('figures.working_days_one') : t('figures.working_days_many', { n: days });
}

export function percent(locale: Locale, share: number | null): string {
	return share === null ? '–' : new Intl.NumberFormat(htmlLang(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
