// Household code letters for a survey: one A4 page per household, folded into a DL window envelope. The resident reads
// why we ask, that it takes about 10 minutes and stays anonymous, and how to answer: scan the QR code, type the short
// address and the code, or ask for paper. Standard PDF fonts (nothing embedded, nothing fetched); every text comes
// from the `letters` i18n namespace.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { z } from 'zod';
import { htmlLang, LOCALES, translator, type Locale, type Translator } from '../i18n';
import { parseInput } from '../validation';

const line = (max: number) => z.string().trim().min(1).max(max);

export const codeLetterSchema = z.object({
	code: line(40),
	url: z.url({ protocol: /^https?$/ }).max(300),
	addressLabel: line(500),
	estateName: line(120)
});

/** At most 10,000 letters in one document: a large estate mailing is a few thousand (2,000 take ~1 s, see the test). */
export const codeLettersSchema = z.object({
	locale: z.enum(LOCALES).default('nl'),
	surveyTitle: line(160),
	senders: z.array(line(120)).min(1).max(4),
	contact: line(300),
	/** A calendar day ('2026-05-31') or a moment, shown as a day in Brussels. */
	deadline: z.union([z.iso.date(), z.date()]).nullish(),
	letters: z.array(codeLetterSchema).min(1).max(10_000)
});

/** What a letters PDF says besides the letters, checked before codes are made: a run is never left without letters. */
export const checkLetterSheet = (sheet: Omit<CodeLettersInput, 'letters'>) => parseInput(codeLettersSchema.omit({ letters: true }), sheet);

export type CodeLetter = z.input<typeof codeLetterSchema>;
export type CodeLettersInput = z.input<typeof codeLettersSchema>;

const MM = 72 / 25.4;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#111111';
const MUTED = '#555555';
const PANEL = '#f1f1ee';
const LEFT = 20 * MM;
const WIDTH = 170 * MM;
/** Lowest a text may reach: 12 mm above the bottom edge, inside every printer's margin. */
const BOTTOM = 285 * MM;
/**
 * A DL window envelope (110 x 220 mm) has its window of 90 x 45 mm 20 mm from the left and 15 mm from the bottom
 * (DIN 5008 form B, what bpost and Belgian envelope makers sell). Folded at 105 and 210 mm the letter can slide a few
 * millimetres either way; 50-85 mm from the top and 25 mm in from the left stays in the window whichever way it sits.
 */
const ADDRESS = { x: 25 * MM, y: 50 * MM, width: 78 * MM, lines: 6 };
const FOLDS = [105 * MM, 210 * MM];
const BODY_TOP = 95 * MM;
/** The white square behind the QR code, quiet zone included (four modules wide on every side, as ISO 18004 asks). */
const QR_PLATE = 46 * MM;
const QR_QUIET_MODULES = 4;

/** Renders one PDF with a page per household, in the order given. */
export async function renderCodeLetters(input: CodeLettersInput): Promise<Uint8Array> {
	const data = parseInput(codeLettersSchema, input);
	const t = translator(data.locale);
	const senders = printable(data.senders.join(', '));
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		autoFirstPage: false,
		lang: htmlLang(data.locale),
		displayTitle: true,
		info: { Title: t('letters.document_title', { title: data.surveyTitle }), Author: data.senders.join(', '), Producer: 'Leefbaar' }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});
	const common = {
		t,
		title: printable(data.surveyTitle),
		senders,
		contact: printable(data.contact),
		deadline: data.deadline ? formatDay(data.deadline, data.locale) : null,
		heights: new Map<string, number>()
	};
	for (const [i, letter] of data.letters.entries()) {
		drawLetter(doc, common, letter);
		// Drawing is synchronous: give the server's other requests a turn every few dozen pages.
		if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
	}
	doc.end();
	await ended;
	return Buffer.concat(chunks);
}

/** The code in groups of four (or three when that splits it evenly), for typing it over without losing one's place. */
export function groupCode(code: string): string {
	const plain = code.replace(/[\s-]+/g, '');
	const size = plain.length % 4 !== 0 && plain.length % 3 === 0 ? 3 : 4;
	return (plain.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ');
}

/** The address as a resident types it: browsers add https:// themselves. */
export function shownAddress(url: string): string {
	return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const isWinAnsi = (ch: string): boolean => {
	const c = ch.codePointAt(0)!;
	return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};
/** Letters that lose no meaning when written without their mark and do not decompose in Unicode. */
const FOLDED: Record<string, string> = {
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D',
	ı: 'i',
	ħ: 'h',
	Ħ: 'H',
	ŀ: 'l',
	Ŀ: 'L',
	ŧ: 't',
	Ŧ: 'T',
	'‐': '-',
	'‑': '-',
	'−': '-',
	'′': "'"
};

/**
 * Text the standard PDF fonts can show. They cover Western European letters (é, è, ë, ç, ß, ø, œ, €); a name such as
 * "Łukasz Şahin" keeps its letters without the marks those fonts lack, and what has no Latin form becomes "?".
 * A space before French : ; ? ! » and after « becomes a no-break space, so the sign never starts a line alone.
 */
export function printable(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) {
		if (isWinAnsi(ch)) out += ch;
		else if (/\s/u.test(ch)) out += ' ';
		else if (/\p{M}/u.test(ch))
			continue; // a mark left over after composing: the letter it sat on stays
		else {
			const folded = FOLDED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
			out += folded && [...folded].every(isWinAnsi) ? folded : '?';
		}
	}
	return out.replace(/ ([:;?!»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** `heights` keeps measured paragraphs: most repeat on every letter, and measuring is half the layout work. */
type Common = { t: Translator; title: string; senders: string; contact: string; deadline: string | null; heights: Map<string, number> };
type Doc = PDFKit.PDFDocument;
type Paragraph = { text: string; font: string; size: number; gap: number };

function drawLetter(doc: Doc, common: Common, letter: z.output<typeof codeLetterSchema>): void {
	const { t } = common;
	const estate = printable(letter.estateName);
	doc.addPage({ size: 'A4', margin: 0 });

	// Letterhead: who writes, and for which estate.
	doc
		.font(BOLD)
		.fontSize(12)
		.fillColor(INK)
		.text(common.senders, LEFT, 15 * MM, { width: 112 * MM, height: 30, ellipsis: true });
	doc.font(FONT).fontSize(10).fillColor(MUTED);
	const estateLine = fitLine(doc, t('letters.estate', { estate }), 50 * MM);
	doc.text(estateLine, LEFT + WIDTH - doc.widthOfString(estateLine), 15.6 * MM, { lineBreak: false });
	for (const y of FOLDS)
		doc
			.moveTo(4 * MM, y)
			.lineTo(8 * MM, y)
			.lineWidth(0.4)
			.strokeColor(MUTED)
			.stroke();

	// The address, where the envelope's window shows it.
	doc.font(FONT).fontSize(11).fillColor(INK);
	const address = letter.addressLabel
		.split(/\r?\n/)
		.map((l) => printable(l).trim())
		.filter(Boolean)
		.slice(0, ADDRESS.lines);
	address.forEach((l, i) => doc.text(fitLine(doc, l, ADDRESS.width), ADDRESS.x, ADDRESS.y + i * 13.5, { lineBreak: false }));

	// The letter: the largest type that keeps it on one page (long titles and French run longer).
	const display = printable(shownAddress(letter.url));
	for (const scale of [1, 0.95, 0.9, 0.85, 0.8, 0.75]) {
		const top = paragraphs(common, estate, scale, 'before');
		const bottom = paragraphs(common, estate, scale, 'after');
		const box = measureBox(doc, common, display, scale);
		const height = measure(doc, common, top, WIDTH) + box + 5 * MM + measure(doc, common, bottom, WIDTH);
		if (BODY_TOP + height <= BOTTOM || scale === 0.75) {
			let y = draw(doc, top, BODY_TOP);
			y = drawBox(doc, t, letter.url, display, groupCode(printable(letter.code)), y, box, scale);
			draw(doc, bottom, y + 5 * MM);
			return;
		}
	}
}

function paragraphs(common: Common, estate: string, scale: number, part: 'before' | 'after'): Paragraph[] {
	const { t } = common;
	const text = (key: string, params?: Record<string, string>) => printable(t(key, params));
	const body = 12 * scale;
	const gap = 2.4 * MM * scale;
	if (part === 'before') {
		return [
			{ text: text('letters.heading', { title: common.title }), font: BOLD, size: 17 * scale, gap: 4 * MM * scale },
			{ text: text('letters.greeting'), font: FONT, size: body, gap },
			{ text: text('letters.why', { senders: common.senders, estate }), font: FONT, size: body, gap },
			{ text: `${text('letters.time')} ${text('letters.anonymous')}`, font: FONT, size: body, gap },
			{ text: text('letters.one_per_household'), font: FONT, size: body, gap },
			...(common.deadline ? [{ text: text('letters.deadline', { date: common.deadline }), font: BOLD, size: body, gap }] : [])
		];
	}
	return [
		{ text: text('letters.paper'), font: FONT, size: body, gap: 1.2 * MM * scale },
		{ text: text('letters.questions', { contact: common.contact }), font: FONT, size: body, gap: 4 * MM * scale },
		{ text: text('letters.thanks'), font: BOLD, size: body, gap: 1 * MM * scale },
		{ text: common.senders, font: FONT, size: body, gap: 0 }
	];
}

const LINE_GAP = 1.5;

function measure(doc: Doc, common: Common, list: Paragraph[], width: number): number {
	let sum = 0;
	for (const p of list) {
		const key = `${p.font}|${p.size}|${width}|${p.text}`;
		let height = common.heights.get(key);
		if (height === undefined) common.heights.set(key, (height = doc.font(p.font).fontSize(p.size).heightOfString(p.text, { width, lineGap: LINE_GAP })));
		sum += height + p.gap;
	}
	return sum;
}

function draw(doc: Doc, list: Paragraph[], y: number): number {
	for (const p of list) {
		doc.font(p.font).fontSize(p.size).fillColor(INK).text(p.text, LEFT, y, { width: WIDTH, lineGap: LINE_GAP });
		y = doc.y + p.gap;
	}
	return y;
}

const BOX_PAD = 6 * MM;
const COLUMN_X = LEFT + BOX_PAD + QR_PLATE + BOX_PAD;
const COLUMN_WIDTH = LEFT + WIDTH - BOX_PAD - COLUMN_X;
const CODE_SIZE = 26;

/** The "how to take part" panel: its title, then the QR code beside the steps, the address and the code. */
function boxLines(t: Translator, display: string, scale: number) {
	const body = 12 * scale;
	return [
		{ text: printable(t('letters.how_scan')), font: FONT, size: body, gap: 2 * MM * scale },
		{ text: printable(t('letters.how_type')), font: FONT, size: body, gap: 0.8 * MM * scale },
		{ text: display, font: BOLD, size: 13 * scale, gap: 3.5 * MM * scale },
		{ text: printable(t('letters.code_label')), font: FONT, size: body, gap: 1 * MM * scale }
	];
}

const boxTitleHeight = (scale: number) => 12 * MM * scale;

function measureBox(doc: Doc, common: Common, display: string, scale: number): number {
	const column = measure(doc, common, boxLines(common.t, display, scale), COLUMN_WIDTH);
	return boxTitleHeight(scale) + Math.max(QR_PLATE, column + CODE_SIZE * 1.2) + BOX_PAD;
}

function drawBox(doc: Doc, t: Translator, url: string, display: string, code: string, top: number, height: number, scale: number): number {
	doc.roundedRect(LEFT, top, WIDTH, height, 3 * MM).fill(PANEL);
	doc
		.font(BOLD)
		.fontSize(13.5 * scale)
		.fillColor(INK)
		.text(printable(t('letters.how_title')), LEFT + BOX_PAD, top + 5 * MM * scale, { lineBreak: false });
	const inner = top + boxTitleHeight(scale);
	doc.rect(LEFT + BOX_PAD, inner, QR_PLATE, QR_PLATE).fill('#ffffff');
	drawQr(doc, url, LEFT + BOX_PAD, inner, QR_PLATE);
	let y = inner;
	for (const p of boxLines(t, display, scale)) {
		doc.font(p.font).fontSize(p.size).fillColor(INK).text(p.text, COLUMN_X, y, { width: COLUMN_WIDTH, lineGap: LINE_GAP });
		y = doc.y + p.gap;
	}
	doc.font(BOLD).fontSize(CODE_SIZE).fillColor(INK).text(code, COLUMN_X, y, { lineBreak: false, characterSpacing: 2.5 });
	return top + height;
}

/**
 * The QR code as vector squares (sharp at any printer resolution, ~3 KB a page): one path of horizontal runs of dark
 * modules, filled once so no hairline seams show between them. Medium error correction survives a creased letter.
 */
function drawQr(doc: Doc, url: string, x: number, y: number, plate: number): void {
	const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
	const n = modules.size;
	const cell = plate / (n + 2 * QR_QUIET_MODULES);
	doc
		.save()
		.translate(x + QR_QUIET_MODULES * cell, y + QR_QUIET_MODULES * cell)
		.scale(cell);
	for (let row = 0; row < n; row++) {
		for (let col = 0; col < n;) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			let end = col;
			while (end < n && modules.get(row, end)) end++;
			doc.rect(col, row, end - col, 1);
			col = end;
		}
	}
	doc.fill('#000000').restore();
}

/** A line cut with "…" where it would run past `width` at the current font. */
function fitLine(doc: Doc, text: string, width: number): string {
	if (doc.widthOfString(text) <= width) return text;
	let cut = text;
	while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

function formatDay(value: string | Date, locale: Locale): string {
	// A calendar day ('2026-05-31') is read in UTC so no time zone moves it; a moment is shown as its day in Brussels.
	const [day, timeZone] = typeof value === 'string' ? [new Date(`${value}T00:00:00Z`), 'UTC'] : [value, 'Europe/Brussels'];
	return day.toLocaleDateString(htmlLang(locale), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
