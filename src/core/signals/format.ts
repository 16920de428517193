// Deadlines in mails, in the reader's language and Brussels time ("vrijdag 4 december 2026").
import { htmlLang, isLocale, DEFAULT_LOCALE } from '../i18n';

export function formatDeadline(iso: string, locale: string): string {
	const l = isLocale(locale) ? locale : DEFAULT_LOCALE;
	return new Date(iso).toLocaleDateString(htmlLang(l), { timeZone: 'Europe/Brussels', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
