// Times are stored in UTC and shown in Europe/Brussels, in the reader's language.
import { htmlLang, type Locale } from '$core/i18n';

const ZONE = 'Europe/Brussels';

export const formatDate = (iso: string, locale: Locale): string => new Date(iso).toLocaleDateString(htmlLang(locale), { timeZone: ZONE, dateStyle: 'medium' });

export const formatDateTime = (iso: string, locale: Locale, withSeconds = false): string =>
	new Date(iso).toLocaleString(htmlLang(locale), { timeZone: ZONE, dateStyle: 'short', timeStyle: withSeconds ? 'medium' : 'short' });
