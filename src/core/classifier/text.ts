// What the classifier reads in a text: its words, lower-cased and without diacritics or stop words (Dutch, French,
// English), and each word's character n-grams.

const NGRAM_MIN = 3;
const NGRAM_MAX = 5;

const STOP_WORDS = new Set(
	[
		// Dutch, with phone spellings of "niet"
		'de het een en van in op te is dat die er ik mijn me mij we wij ons onze je jij u uw ze zij hij haar zijn was al ook nog met voor aan bij naar om dan maar of als wat dit deze daar hier heb hebben heeft wordt worden kan zal zou nu niet nie ni meer geen weer wel zo heel s',
		// French
		'le la les un une des du de et est en au aux ce cet cette ces je tu il elle nous vous ils elles mon ma mes son sa ses pas ne que qui pour par sur avec dans chez ai suis on ca plus tout tres encore',
		// English
		'the a an and is are was of to in on at for with my me we our you your he she it its they them this that there have has be been not can will do does from im no dont again all very'
	]
		.join(' ')
		.split(' ')
);

/** Lowercase, without diacritics (NFD), split on anything that is not a letter or digit. */
function normalisedWords(text: string): string[] {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.split(/[^\p{L}\p{N}]+/u);
}

/** The content words of a short text in Dutch, French or English: no stop words, no numbers, no single letters. */
export function tokenize(text: string): string[] {
	return normalisedWords(text).filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\p{N}+$/u.test(w));
}

/**
 * The features of a text with their weight: each word as itself plus its character 3–5-grams (with word boundary
 * marks), which copes with compounds ("waterlek" / "lekkage") and typos ("verwarmnig"). A word's features share one
 * unit of weight, so a long word does not shout down a short one, and the correlated n-grams do not make naive Bayes
 * absurdly sure of itself.
 */
export function featuresOf(text: string): Map<string, number> {
	const weights = new Map<string, number>();
	for (const word of tokenize(text)) {
		const own = wordFeatures(word);
		const share = 1 / own.length;
		for (const f of own) weights.set(f, (weights.get(f) ?? 0) + share);
	}
	return weights;
}

export function wordFeatures(word: string): string[] {
	const out = [`w:${word}`];
	const padded = `<${word}>`;
	for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++) {
		for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
	}
	return out;
}
