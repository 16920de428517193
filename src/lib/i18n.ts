// Translation inside components: the root layout puts a translator for the request's language in the context.
import { getContext, setContext } from 'svelte';
import { translate, type Locale, type Translator } from '$core/i18n';

const KEY = Symbol('t');

/** `locale` is read at every call, so the translator follows the layout's data when a navigation changes it. */
export function provideTranslator(locale: () => Locale): Translator {
	const t: Translator = (key, params) => translate(locale(), key, params);
	setContext(KEY, t);
	return t;
}

export function useT(): Translator {
	return getContext<Translator>(KEY);
}
