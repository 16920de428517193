// The translations in a browser. The one page that runs in the browser (the survey tablet) would otherwise carry every
// catalogue of every language (about 350 KB); the client build takes this module in place of ./index.ts (see
// vite.config.ts), and the server writes the messages the page needs into it (pageMessages in ./page-messages.ts, a
// JSON script element #leefbaar-messages). Same functions as ./index.ts; a key that was not sent shows as the key.
import { translations } from './format';
import type { Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, isLocale, negotiateLocale, htmlLang, type Locale } from './locales';
export type { Params, Translator } from './format';

type Sent = Partial<Record<Locale, Record<string, Record<string, string>>>>;

let sent: Sent | null = null;

function messages(): Sent {
	if (sent) return sent;
	const element = typeof document === 'undefined' ? null : document.getElementById('leefbaar-messages');
	try {
		sent = element?.textContent ? (JSON.parse(element.textContent) as Sent) : {};
	} catch {
		sent = {};
	}
	return sent;
}

function lookup(locale: Locale, key: string): string | undefined {
	const dot = key.indexOf('.');
	return messages()[locale]?.[key.slice(0, dot)]?.[key.slice(dot + 1)];
}

export const { translate, has, translator, plural } = translations(lookup);
