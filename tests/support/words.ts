// "Words a person understands" (issue 12, point 8): what a person sees or hears on a page or in a mail holds no raw
// code — no message key, no enum value, no ISO date. This file takes the visible words out of a page and finds
// the raw code in them; tests/http/words.test.ts walks the pages and the mails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server';

/**
 * One piece of what a person perceives: a run of text, or an attribute read out (where says which), with the
 * language it is marked as (the nearest lang attribute: a survey's English wording on a Dutch page is English).
 */
export type Perceived = { where: string; text: string; lang?: string };

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	shy: '',
	hellip: '…',
	ndash: '–',
	mdash: '—',
	rsquo: '’',
	lsquo: '‘',
	ldquo: '“',
	rdquo: '”',
	euro: '€',
	middot: '·',
	times: '×'
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/** Attributes a screen reader reads out or the eye sees (a submit button's value is its label). */
const READ_ATTRIBUTES = ['alt', 'title', 'aria-label', 'aria-description', 'placeholder'];
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'reset']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Text marked as code is shown as code on purpose: the columns a file must have, a key a person chose. */
const CODE_ELEMENTS = new Set(['code', 'kbd', 'samp', 'pre']);

/**
 * The text nodes outside <script>, <style> and <template> (text hidden by CSS still counts: a screen reader may read
 * it), and the read-out attributes. A small tokenizer, enough for the well-formed HTML SvelteKit writes: comments
 * dropped (Svelte's hydration markers split text runs), raw-text elements skipped, quoted attributes parsed, open
 * elements kept on a stack for their language and for code.
 */
export function perceivedText(html: string): Perceived[] {
	const pieces: Perceived[] = [];
	const src = html.replace(/<!--[\s\S]*?-->/g, '');
	const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
	const open: Array<{ name: string; lang?: string }> = [];
	const langNow = () => [...open].reverse().find((e) => e.lang !== undefined)?.lang;
	const inCode = () => open.some((e) => CODE_ELEMENTS.has(e.name));
	const push = (where: string, raw: string) => {
		const text = raw.replace(/\s+/g, ' ').trim();
		if (!text) return;
		const lang = langNow();
		pieces.push(lang === undefined ? { where, text } : { where, text, lang });
	};
	let textStart = 0;
	let match: RegExpExecArray | null;
	while ((match = tag.exec(src))) {
		if (!inCode()) push('text', decodeEntities(src.slice(textStart, match.index)));
		const [, closing, rawName, rawAttributes, selfClosing] = match;
		const name = rawName.toLowerCase();
		textStart = tag.lastIndex;
		if (closing) {
			const at = open.map((e) => e.name).lastIndexOf(name);
			if (at >= 0) open.length = at;
			continue;
		}
		const attributes = parseAttributes(rawAttributes);
		const lang = attributes.lang === undefined ? undefined : attributes.lang.slice(0, 2).toLowerCase();
		const element = lang === undefined ? { name } : { name, lang };
		open.push(element);
		for (const a of READ_ATTRIBUTES) if (attributes[a]) push(`<${name} ${a}>`, attributes[a]);
		if (name === 'input' && BUTTON_INPUT_TYPES.has((attributes.type ?? '').toLowerCase()) && attributes.value)
			push(`<input type=${attributes.type} value>`, attributes.value);
		if (VOID_ELEMENTS.has(name) || selfClosing) open.pop();
		if (name === 'script' || name === 'style' || name === 'template') {
			const end = src.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
			tag.lastIndex = textStart = end < 0 ? src.length : end;
		}
	}
	push('text', decodeEntities(src.slice(textStart)));
	return pieces;
}

function parseAttributes(raw: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const m of raw.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
		attributes[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return attributes;
}

/** Every key of the message catalogues as `namespace.key`, read from the files (all languages). */
export function catalogueKeys(): Set<string> {
	const dir = join(ROOT, 'src', 'core', 'i18n', 'messages');
	const keys = new Set<string>();
	for (const locale of readdirSync(dir)) {
		for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.json'))) {
			const namespace = file.replace(/\.json$/, '');
			for (const key of Object.keys(JSON.parse(readFileSync(join(dir, locale, file), 'utf8')))) keys.add(`${namespace}.${key}`);
		}
	}
	return keys;
}

/** The string-literal unions of the database type (roles, statuses, kinds, channels …): the app's enum values. */
export function schemaEnumValues(): Set<string> {
	const schema = readFileSync(join(ROOT, 'src', 'core', 'db', 'schema.ts'), 'utf8');
	const values = new Set<string>();
	for (const union of schema.matchAll(/'[a-z0-9_]+'(?:\s*\|\s*'[a-z0-9_]+')+/g)) for (const v of union[0].matchAll(/'([a-z0-9_]+)'/g)) values.add(v[1]);
	return values;
}

/**
 * One-word enum values that are also ordinary words in a language, so finding them in text says nothing. Every
 * one-word value is an English word (or a name, Open311), so English text — and text in a language not listed, such
 * as a survey's Turkish wording — is checked for the snake_case ones only.
 */
const ORDINARY_WORDS: Record<string, Set<string> | 'all'> = {
	nl: new Set(['admin', 'open', 'help', 'web', 'map', 'code', 'tablet', 'letter', 'partner', 'urgent', 'none', 'email', 'staff']),
	fr: new Set(['admin', 'code', 'village', 'nuisance', 'normal', 'urgent', 'email', 'web', 'association', 'invitation', 'partner', 'none']),
	en: 'all'
};

export type Finding = { kind: 'message key' | 'enum value' | 'ISO date'; token: string; context: string };

/** `lang`: the language the text is in (the page's, or the lang attribute around it). */
export type WordsChecker = (text: string, lang: string) => Finding[];

/**
 * Finds raw code in a piece of visible text. What a person must read or type on purpose is taken out first: web
 * addresses and e-mail addresses (mails carry links; a person writes to an address as it is).
 */
export function wordsChecker(keys = catalogueKeys(), enumValues = schemaEnumValues()): WordsChecker {
	const oneWordEnums = [...enumValues].filter((v) => /^[a-z]+$/.test(v) && !/^\d/.test(v));
	return (text, lang) => {
		const findings: Finding[] = [];
		const context = (index: number, length: number) => {
			const from = Math.max(0, index - 50);
			const to = Math.min(text.length, index + length + 50);
			return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
		};
		// Blank out (same length, so positions hold) what is an address, not words.
		const words = text.replace(/\b(?:https?:\/\/|mailto:|tel:)[^\s<>"')]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?:^|(?<=\s))\/[\w\-./?=&%#[\]]*/g, (m) =>
			' '.repeat(m.length)
		);
		// One finding per stretch of text: "signals.mail_x" is a message key, not also an enum value.
		const taken: Array<[number, number]> = [];
		const add = (kind: Finding['kind'], index: number, token: string) => {
			if (taken.some(([from, to]) => index < to && index + token.length > from)) return;
			taken.push([index, index + token.length]);
			findings.push({ kind, token, context: context(index, token.length) });
		};
		for (const m of words.matchAll(/\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\b/g)) {
			if (keys.has(m[0]) || m[0].includes('_')) add('message key', m.index, m[0]);
		}
		for (const m of words.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g)) add('enum value', m.index, m[0]);
		for (const m of words.matchAll(/\b[a-z]+:[a-z_]+\b/g)) add('enum value', m.index, m[0]);
		// A one-word value counts where it stands as a value: alone, or between separators ("Status: accepted", "· open ·"),
		// not inside a sentence, where it may be a resident's own words in another language.
		const ordinary = ORDINARY_WORDS[lang] ?? 'all';
		if (ordinary !== 'all') {
			for (const value of oneWordEnums.filter((v) => !ordinary.has(v))) {
				for (const m of words.matchAll(new RegExp(`(?:^|[:(·|—–,/]\\s*)(${value})(?=\\s*(?:$|[)·|—–,/]))`, 'g')))
					add('enum value', m.index + m[0].length - value.length, value);
			}
		}
		for (const m of words.matchAll(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g)) add('ISO date', m.index, m[0]);
		// A date printed as JavaScript prints a Date ("Sat Nov 01 2014 00:00:00 GMT+0100"): what a date from PostgreSQL
		// becomes when nothing formats it.
		for (const m of words.matchAll(
			/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4}(?: \d{2}:\d{2}:\d{2} GMT[+-]\d{4}[^)]*\)?)?/g
		))
			add('ISO date', m.index, m[0]);
		return findings;
	};
}
