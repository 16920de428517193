// What a page that runs in the browser gets of the translations (src/core/i18n/client.ts reads it): whole namespaces
// and single keys (the menu's labels from other namespaces) in the reader's language, and the few texts shown in the
// resident's language in every language. Written into the page as JSON that no "</script>" can end early.
import { catalogues, LOCALES, type Locale } from './index';

/** `namespaces` whole and `keys` in the reader's language; `everyLanguageKeys` in every language. */
export type PageMessagesSpec = { namespaces: string[]; keys?: string[]; everyLanguageKeys?: string[] };

export function pageMessages(locale: Locale, spec: PageMessagesSpec): Partial<Record<Locale, Record<string, Record<string, string>>>> {
	const out: Partial<Record<Locale, Record<string, Record<string, string>>>> = {};
	const put = (l: Locale, ns: string, entries: Record<string, string>) => ((out[l] ??= {})[ns] = { ...(out[l]?.[ns] ?? {}), ...entries });
	const putKey = (l: Locale, key: string) => {
		const dot = key.indexOf('.');
		const value = catalogues[l][key.slice(0, dot)]?.[key.slice(dot + 1)];
		if (value !== undefined) put(l, key.slice(0, dot), { [key.slice(dot + 1)]: value });
	};
	for (const ns of spec.namespaces) put(locale, ns, catalogues[locale][ns] ?? {});
	for (const key of spec.keys ?? []) putKey(locale, key);
	for (const l of LOCALES) for (const key of spec.everyLanguageKeys ?? []) putKey(l, key);
	return out;
}

/** The JSON script element's text: `<` escaped, so nothing in a message closes the element. */
export const messagesScript = (messages: object): string =>
	`<script type="application/json" id="leefbaar-messages">${JSON.stringify(messages).replace(/</g, '\\u003c')}</script>`;
