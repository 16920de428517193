// Times are stored in UTC and shown in Europe/Brussels, in the reader's language.
import { htmlLang, type Locale } from '$core/i18n';

const ZONE = 'Europe/Brussels';

export const formatDate = (iso: string, locale: Locale): string => new Date(iso).toLocaleDateString(htmlLang(locale), { timeZone: ZONE, dateStyle: 'medium' });

export const formatDateTime = (iso: string, locale: Locale, withSeconds = false): string =>
	new Date(iso).toLocaleString(htmlLang(locale), { timeZone: ZONE, dateStyle: 'short', timeStyle: withSeconds ? 'medium' : 'short' });

/** A calendar day ("2014-11-01": a move-in date, the last day of a period), shown as that day wherever the reader is. */
export const formatDay = (day: string, locale: Locale): string =>
	new Date(`${day.slice(0, 10)}T12:00:00Z`).toLocaleDateString(htmlLang(locale), { timeZone: 'UTC', dateStyle: 'medium' });
