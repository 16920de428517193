// Translation inside components: the root layout puts a translator for the request's language in the context.
import { getContext, setContext } from 'svelte';
import { translator, type Locale, type Translator } from '$core/i18n';

const KEY = Symbol('t');

export function provideTranslator(locale: Locale): Translator {
	const t = translator(locale);
	setContext(KEY, t);
	return t;
}

export function useT(): Translator {
	return getContext<Translator>(KEY);
}
