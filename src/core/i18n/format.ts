// The translating functions over a way to look a key up: every catalogue on the server (./index.ts), what the page
// was sent in the browser (./client.ts). A message missing in a language falls back to Dutch, then to the key.
import { DEFAULT_LOCALE, type Locale } from './locales';

export type Params = Record<string, string | number>;
export type Translator = (key: string, params?: Params) => string;

export function translations(lookup: (locale: Locale, key: string) => string | undefined) {
	function translate(locale: Locale, key: string, params?: Params): string {
		const message = lookup(locale, key) ?? lookup(DEFAULT_LOCALE, key) ?? key;
		if (!params) return message;
		return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
	}
	const has = (locale: Locale, key: string): boolean => lookup(locale, key) !== undefined;
	const translator = (locale: Locale): Translator => (key, params) => translate(locale, key, params);
	return { translate, has, translator };
}
