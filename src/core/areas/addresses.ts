// Addresses as people and apps type them ("Wallaysplein 1, Wevelgem", "Vlasbloemstr. 3 bus 2, 8560 Wevelgem",
// "12 rue de la Gare, 7700 Mouscron") read into street, house number, box, postcode and place, and the keys stored
// beside dwellings and buildings so that a typed address finds them through an index. Pure.
// The migration 202612071620_address_and_place_keys holds a frozen copy of streetKey (placeKey) and numberKey:
// changing either one needs a new migration that rewrites the stored keys.

/**
 * Abbreviations read as the word they stand for, as whole words ("str." → straat, "av." → avenue) and, for the
 * Dutch ones, at the end of a compound ("Vlasbloemstr." → vlasbloemstraat). Saint and sint are one ("st"), so
 * "Sint-Jansstraat", "St.-Jansstr." and "Saint-Jean" keep their own name but lose the spelling of the saint.
 */
const WHOLE: Record<string, string> = {
	str: 'straat',
	stwg: 'steenweg',
	stw: 'steenweg',
	ln: 'laan',
	pln: 'plein',
	r: 'rue',
	av: 'avenue',
	ave: 'avenue',
	bd: 'boulevard',
	bld: 'boulevard',
	boul: 'boulevard',
	chee: 'chaussee',
	sint: 'st',
	saint: 'st',
	sainte: 'ste',
	sinte: 'ste'
};
const COMPOUND_ENDINGS: Array<[RegExp, string]> = [
	[/str$/, 'straat'],
	[/stwg$/, 'steenweg'],
	[/pln$/, 'plein']
];

/** Lower case, no accents or ligatures, apostrophes gone, every other mark a space, spaces collapsed. */
export function foldText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe')
		.replace(/['’`´]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function word(token: string): string {
	if (WHOLE[token]) return WHOLE[token];
	for (const [ending, full] of COMPOUND_ENDINGS) if (token.length > 4 && ending.test(token)) return token.replace(ending, full);
	return token;
}

/**
 * The key a street name is stored and looked up by: "Vlasbloemstraat", "Vlasbloem straat", "VLASBLOEMSTR." and
 * "vlasbloemstraat " all give "vlasbloemstraat"; "Rue de la Gare" gives "ruedelagare". Null for a name without letters
 * or digits.
 */
export function streetKey(street: string | null | undefined): string | null {
	if (!street) return null;
	const key = foldText(street).split(' ').filter(Boolean).map(word).join('');
	return key ? key.slice(0, 200) : null;
}

/** A place name (municipality, village, neighbourhood) as a key, in the same way: "Sint-Lenaarts" → "stlenaarts". */
export const placeKey = streetKey;

/** The keys to store with an area's Dutch and French names: only for the fields given. */
export function areaNameKeys(values: { name?: string | null; name_fr?: string | null }): { name_key?: string | null; name_fr_key?: string | null } {
	const keys: { name_key?: string | null; name_fr_key?: string | null } = {};
	if (values.name !== undefined) keys.name_key = placeKey(values.name);
	if (values.name_fr !== undefined) keys.name_fr_key = placeKey(values.name_fr);
	return keys;
}

const NUMBER = /^(\d{1,5})\s*([a-z](?![a-z]))?/;

/**
 * The key of a house number: its digits and letter, without a box ("12", "12A", "12 a", "12 bus 3", "12/3" give "12",
 * "12a", "12a", "12", "12"). A number that does not start with digits ("zn") is kept folded.
 */
export function numberKey(houseNumber: string | null | undefined): string | null {
	if (!houseNumber) return null;
	const folded = foldText(houseNumber);
	if (!folded) return null;
	const m = NUMBER.exec(folded.replace(/^0+(?=\d)/, ''));
	if (!m) return folded.replace(/ /g, '').slice(0, 20);
	// "12b3" and "12 b 3" are number 12, box 3: a letter only counts when no box number follows it.
	const letter = m[2] && !/^\s*\d/.test(folded.slice(m[0].length)) ? m[2] : '';
	return `${m[1]}${letter}`;
}

/** The keys to store with a dwelling's or building's street and house number: only for the fields given. */
export function addressKeys(values: { street?: string | null; house_number?: string | null }): { street_key?: string | null; number_key?: string | null } {
	const keys: { street_key?: string | null; number_key?: string | null } = {};
	if (values.street !== undefined) keys.street_key = streetKey(values.street);
	if (values.house_number !== undefined) keys.number_key = numberKey(values.house_number);
	return keys;
}

export type ParsedAddress = {
	/** The street as typed (trimmed), and its key. */
	street: string | null;
	streetKey: string | null;
	/** numberKey of the house number: "12a". */
	number: string | null;
	box: string | null;
	/** A Belgian postcode, four digits. */
	postcode: string | null;
	/** The municipality or village as typed, and its key. */
	place: string | null;
	placeKey: string | null;
};

const COUNTRY = new Set(['belgie', 'belgium', 'belgique', 'belgien', 'be', 'b']);
const BOX_WORDS = new Set(['bus', 'bte', 'boite', 'box', 'b', 'bt', 'app', 'apt']);
const POSTCODE = /^(?:b|be)?-?(\d{4})$/;
const HOUSE_NUMBER = /^(\d{1,5})([a-z])?(?:(?:\/|-|b)(\w{1,6}))?$/;
const hasLetter = (token: string) => /\p{L}/u.test(token);

type Token = { text: string; folded: string; comma: boolean };

/**
 * Reads a typed address. Street first ("Wallaysplein 1 bus 3, 8560 Wevelgem", "Wallaysplein 1 8560 Wevelgem") or,
 * as in French, number first ("12 rue de la Gare, Mouscron"); the place after the number, with or without a postcode
 * before or after it, or after a comma when there is no number ("Wallaysplein, Wevelgem"). A text without a comma and
 * without a number is a place ("Wevelgem", "8560 Wevelgem"). Null when nothing in it names a street or a place.
 */
export function parseAddress(input: string): ParsedAddress | null {
	const text = input
		.normalize('NFKC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.slice(0, 300);
	const tokens: Token[] = [];
	for (const raw of text.replace(/([,;])/g, ' $1 ').split(/\s+/)) {
		if (!raw) continue;
		if (raw === ',' || raw === ';') {
			if (tokens.length) tokens[tokens.length - 1].comma = true;
			continue;
		}
		const cleaned = raw.replace(/^[("']+|[)"'.:]+$/g, '');
		if (cleaned) tokens.push({ text: cleaned, folded: cleaned.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(), comma: false });
	}
	// "…, Belgium" / "… België": the country says nothing here.
	while (tokens.length > 1 && COUNTRY.has(tokens[tokens.length - 1].folded) && (tokens[tokens.length - 2].comma || tokens[tokens.length - 1].folded.length > 2))
		tokens.pop();
	if (tokens.length === 0) return null;

	const out: ParsedAddress = { street: null, streetKey: null, number: null, box: null, postcode: null, place: null, placeKey: null };
	let rest: Token[] = [];
	// The house number: the first number after words of its own segment; four digits at the very end are a postcode.
	const at = tokens.findIndex(
		(t, i) => i > 0 && HOUSE_NUMBER.test(t.folded) && segmentHasWordsBefore(tokens, i) && !(i === tokens.length - 1 && POSTCODE.test(t.folded))
	);
	if (at > 0) {
		// Street first: the words of the number's segment before it.
		let start = at - 1;
		while (start > 0 && !tokens[start - 1].comma) start--;
		out.street = tokens
			.slice(start, at)
			.map((t) => t.text)
			.join(' ');
		rest = readNumber(tokens, at, out);
	} else if (/^\d{1,3}[a-z]?$/.test(tokens[0].folded) && tokens.length > 1 && hasLetter(tokens[1].text) && !tokens[0].comma) {
		// Number first (French): "12 rue de la Gare, 7700 Mouscron".
		out.number = numberKey(tokens[0].folded);
		let end = 1;
		while (end < tokens.length && hasLetter(tokens[end].text) && !tokens[end - 1].comma) end++;
		out.street = tokens
			.slice(1, end)
			.map((t) => t.text)
			.join(' ');
		rest = tokens.slice(end);
	} else if (tokens.slice(0, -1).some((t) => t.comma)) {
		// No number, but a comma: the first segment is the street unless it holds a postcode.
		const firstEnd = tokens.findIndex((t) => t.comma);
		const first = tokens.slice(0, firstEnd + 1);
		if (first.some((t) => POSTCODE.test(t.folded))) rest = tokens;
		else {
			out.street = first.map((t) => t.text).join(' ');
			rest = tokens.slice(firstEnd + 1);
		}
	} else {
		rest = tokens;
	}
	readPlace(rest, out);
	out.streetKey = hasLetterOrNull(out.street) ? streetKey(out.street) : null;
	if (!out.streetKey) out.street = null;
	if (!out.streetKey && !out.placeKey && !out.postcode) return null;
	return out;
}

function hasLetterOrNull(text: string | null): boolean {
	return !!text && hasLetter(text);
}

/** Is there a word (a token with a letter) before token i, in the same comma segment? */
function segmentHasWordsBefore(tokens: Token[], i: number): boolean {
	for (let j = i - 1; j >= 0; j--) {
		if (tokens[j].comma) return false;
		if (hasLetter(tokens[j].text)) return true;
	}
	return false;
}

/** The house number at `at`, its letter and box; returns the tokens after them. */
function readNumber(tokens: Token[], at: number, out: ParsedAddress): Token[] {
	const m = HOUSE_NUMBER.exec(tokens[at].folded)!;
	out.number = numberKey(`${m[1]}${m[2] ?? ''}`);
	if (m[3]) out.box = m[3];
	let i = at + 1;
	if (tokens[at].comma) return tokens.slice(i);
	// A letter written apart: "12 A" (but "12 b 3" is box 3).
	const next = tokens[i];
	if (
		!out.box &&
		next &&
		/^[a-z]$/.test(next.folded) &&
		!(BOX_WORDS.has(next.folded) && tokens[i + 1] && /^\w{1,6}$/.test(tokens[i + 1].folded) && !POSTCODE.test(tokens[i + 1].folded))
	) {
		out.number = `${out.number}${next.folded}`;
		if (next.comma) return tokens.slice(i + 1);
		i++;
	}
	// A box: "bus 3", "bte 3", "boîte 3", "box 3", "/3".
	const marker = tokens[i];
	if (!out.box && marker && (BOX_WORDS.has(marker.folded) || marker.text === '/') && tokens[i + 1] && /^\w{1,6}$/.test(tokens[i + 1].folded) && !marker.comma) {
		out.box = tokens[i + 1].text;
		i += 2;
	} else if (!out.box && marker && /^\/\w{1,6}$/.test(marker.text)) {
		out.box = marker.text.slice(1);
		i++;
	}
	return tokens.slice(i);
}

/** The postcode and the place in what follows the street: the last segment with words names the place. */
function readPlace(rest: Token[], out: ParsedAddress): void {
	let words: string[] = [];
	let segment: string[] = [];
	for (const t of rest) {
		const postcode = POSTCODE.exec(t.folded);
		if (postcode && !out.postcode) out.postcode = postcode[1];
		else if (hasLetter(t.text)) segment.push(t.text);
		if (t.comma) {
			if (segment.length) words = segment;
			segment = [];
		}
	}
	if (segment.length) words = segment;
	if (words.length) {
		out.place = words.join(' ');
		out.placeKey = placeKey(out.place);
	}
}

/** How a matched address reads back: "Wallaysplein 1, 8560 Wevelgem" (never a box: that would point at one home). */
export function formatAddress(street: string, houseNumber: string | null, postcode: string | null, place: string | null): string {
	const first = [street, houseNumber].filter(Boolean).join(' ');
	const second = [postcode, place].filter(Boolean).join(' ');
	return [first, second].filter(Boolean).join(', ');
}
