// A community worker prints the code letters of a survey: one page per household, the address where the envelope's
// window shows it, the text in the household's language with its accents, the code in groups, and a QR code that
// opens the household's own address. The PDF is read back with a small reader below (no PDF library is installed).
import { unzlibSync } from 'fflate';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors';
import { groupCode, printable, renderCodeLetters, shownAddress, type CodeLetter, type CodeLettersInput } from './letters';
import { manyLetters } from './test-letters';

const households: CodeLetter[] = [
	{
		code: 'K7M2Q9XR',
		url: 'https://leefbaar.wevelgem.be/e/K7M2Q9XR',
		addressLabel: 'Familie Vandeputte-Çelik\nKapelstraat 12 bus 3\n8560 Wevelgem',
		estateName: 'Vlashaard'
	},
	{
		code: 'H3PZ8WNA',
		url: 'https://leefbaar.wevelgem.be/e/H3PZ8WNA',
		addressLabel: 'Łukasz Şahin\nRue de l’Église 4\n8560 Gullegem',
		estateName: 'Gullegem-Centrum'
	},
	{
		code: 'TTRE4E9C',
		url: 'https://leefbaar.wevelgem.be/e/TTRE4E9C?bron=brief',
		addressLabel: 'Zoë Noël\nBoulevard Léopold 1\n8560 Moorsele',
		estateName: 'Moorsele'
	}
];

const base: CodeLettersInput = {
	surveyTitle: 'Tevredenheid huurders 2026',
	senders: ['De Vlashaard', 'Buurtwerk Wevelgem'],
	contact: 'Bel Sara op 056 43 21 00 of mail buurtwerk@wevelgem.be',
	deadline: '2026-05-31',
	letters: households
};

describe('household code letters', () => {
	it('give each of three households its own A4 page with its address, code, short address and QR code', async () => {
		const pdf = readPdf(await renderCodeLetters(base));
		expect(pdf.header).toMatch(/^%PDF-1\.\d/);
		expect(pdf.pages).toHaveLength(3);
		for (const [i, page] of pdf.pages.entries()) {
			const household = households[i];
			expect(page.mediaBox).toEqual([0, 0, 595.28, 841.89]);
			// The address lines, each on its own line, in the window of a DL envelope (50-85 mm from the top, 25 mm in).
			const address = inWindow(page);
			expect(address.map((l) => l.text)).toEqual(household.addressLabel.split('\n').map(printable));
			for (const l of address) expect(l.x / MM).toBeCloseTo(25, 0);
			expect(page.text).toContain(groupCode(household.code));
			expect(page.text).toContain(shownAddress(household.url));
			expect(page.text).toContain(`Woonwijk ${household.estateName}`);
			expect(page.text).toContain(`wonen in ${household.estateName}`);
			// The QR code drawn is, module for module, qrcode's matrix of this household's own URL.
			expect(page.qr.matrix).toEqual(qrMatrix(household.url));
			expect(page.qr.moduleMm).toBeGreaterThan(0.9);
		}
		expect(groupCode('K7M2Q9XR')).toBe('K7M2 Q9XR');
		expect(shownAddress(households[2].url)).toBe('leefbaar.wevelgem.be/e/TTRE4E9C?bron=brief');
	});

	it('say why we ask, how long it takes, that it is anonymous and the three ways to answer, in plain Dutch by default', async () => {
		const text = readPdf(await renderCodeLetters(base)).pages[0].text;
		for (const part of [
			'Doe mee: Tevredenheid huurders 2026',
			'Wij zijn De Vlashaard, Buurtwerk Wevelgem.',
			'Meedoen duurt ongeveer 10 minuten.',
			'De code laat alleen zien dát jouw gezin heeft geantwoord, niet wát je hebt geantwoord.',
			'Elk gezin krijgt één code.',
			'Antwoord graag ten laatste op zondag 31 mei 2026.',
			'Scan de QR-code met de camera van je telefoon.',
			'Vraag een papieren formulier aan de buurtwerker.',
			'Vragen? Bel Sara op 056 43 21 00 of mail buurtwerk@wevelgem.be',
			'K7M2 Q9XR'
		])
			expect(text).toContain(part);
	});

	it('write French and English with their accents, and leave the deadline out when there is none', async () => {
		const fr = readPdf(await renderCodeLetters({ ...base, locale: 'fr' })).pages[1].text;
		for (const part of [
			'Chère habitante, cher habitant,',
			'Chaque ménage reçoit un code.',
			'Grâce à vos réponses',
			'le dimanche 31 mai 2026',
			'Vous préférez le papier ? Demandez',
			'Rue de l’Église 4',
			'Lukasz Sahin'
		])
			expect(fr).toContain(part);
		const en = readPdf(await renderCodeLetters({ ...base, locale: 'en', deadline: null })).pages[2].text;
		for (const part of [
			'Dear resident,',
			'Your answers are anonymous. The code only shows that your household answered, not what you answered.',
			'Zoë Noël',
			'Boulevard Léopold 1'
		])
			expect(en).toContain(part);
		expect(en).not.toContain('Please answer by');
	});

	it('keep every letter on one page, even with long titles, four senders, a long contact line and a seven-line address', async () => {
		const long = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ';
		const pdf = readPdf(
			await renderCodeLetters({
				locale: 'fr',
				surveyTitle: long.slice(0, 160),
				senders: ['Société wallonne et flamande du logement', 'Centre public d’action sociale de Wevelgem', 'Travail de quartier', 'Ville de Wevelgem'],
				contact: `${long}${long}`.slice(0, 300),
				deadline: new Date('2026-05-31T21:30:00Z'),
				letters: [
					{ ...households[0], addressLabel: 'a\nb\nc\nd\ne\nf\ng', url: `https://leefbaar.wevelgem.be/enquete/tevredenheid-huurders-2026/${'x'.repeat(200)}` }
				]
			})
		);
		expect(pdf.pages).toHaveLength(1);
		// Six address lines at most: a seventh would run past the window.
		expect(inWindow(pdf.pages[0]).map((l) => l.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect(pdf.pages[0].lines.map((l) => l.text)).not.toContain('g');
		// A moment is shown as its day in Brussels: 23:30 there on 31 May.
		expect(pdf.pages[0].text).toContain('dimanche 31 mai 2026');
		expect(Math.max(...pdf.pages[0].lines.map((l) => l.top)) / MM).toBeLessThan(285);
	});

	it('refuse letters without households, an address that is not a web address, or an empty code', async () => {
		await expect(renderCodeLetters({ ...base, letters: [] })).rejects.toBeInstanceOf(Invalid);
		await expect(renderCodeLetters({ ...base, letters: [{ ...households[0], url: 'javascript:alert(1)' }] })).rejects.toBeInstanceOf(Invalid);
		await expect(renderCodeLetters({ ...base, letters: [{ ...households[0], code: '  ' }] })).rejects.toBeInstanceOf(Invalid);
	});

	it('show names in any Latin script, without the marks the standard fonts lack', () => {
		expect(printable('Zoë Noël, François, Ørsted, Straße, Œuvre €5')).toBe('Zoë Noël, François, Ørsted, Straße, Œuvre €5');
		expect(printable('Łukasz Şahin, Dvořák, Ğülşen')).toBe('Lukasz Sahin, Dvorák, Gülsen');
		expect(printable('Cafe\u0301 é\u0301')).toBe('Café é');
		expect(printable('محمد 🏠\ttab')).toBe('????\u00a0? tab');
		expect(printable('Des questions ? Oui !')).toBe('Des questions\u00a0? Oui\u00a0!');
		expect(groupCode('ABC-DEF-GHJ')).toBe('ABC DEF GHJ');
		expect(groupCode('k7m2 q9xr 44')).toBe('k7m2 q9xr 44');
	});

	it('print 2,000 letters in one document (its memory and time are measured in bench/memory.ts, not asserted)', async () => {
		const letters = manyLetters(2000);
		const bytes = await renderCodeLetters({ ...base, letters });
		const pdf = readPdf(bytes);
		expect(pdf.pages).toHaveLength(2000);
		expect(pdf.pages[1999].text).toContain(groupCode(letters[1999].code));
		expect(bytes.length).toBeLessThan(2000 * 4000);
	}, 60_000);
});

// --- a small PDF reader for what pdfkit writes: objects, page tree, Flate content streams, TJ text in WinAnsi ---

const MM = 72 / 25.4;
/** The lines a DL envelope's left window shows whichever way the folded letter sits: 50-85 mm from the top (baselines). */
const inWindow = (page: Page) => page.lines.filter((l) => l.top > 50 * MM && l.top < 85 * MM);
/** WinAnsiEncoding's 0x80-0x9F; the rest of its bytes are Latin-1. */
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (byte: number) => (byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte));

type Line = { text: string; x: number; top: number };
type Page = { mediaBox: number[]; lines: Line[]; text: string; qr: { matrix: boolean[][]; moduleMm: number } };

function readPdf(bytes: Uint8Array): { header: string; pages: Page[] } {
	const raw = Buffer.from(bytes).toString('latin1');
	const objects = new Map<number, string>();
	for (const m of raw.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]);
	const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o))!;
	const kids = (id: number): number[] => {
		const node = objects.get(id)!;
		if (/\/Type \/Page\b(?!s)/.test(node)) return [id];
		return [...node.match(/\/Kids \[([^\]]*)\]/)![1].matchAll(/(\d+) 0 R/g)].flatMap((k) => kids(Number(k[1])));
	};
	const pages = kids(Number(catalog.match(/\/Pages (\d+) 0 R/)![1])).map((id) => {
		const page = objects.get(id)!;
		// Every font the letters use must be a standard font read as WinAnsi, or é and ç would not show.
		const resources = objects.get(Number(page.match(/\/Resources (\d+) 0 R/)![1]))!;
		for (const f of resources.matchAll(/\/F\d+ (\d+) 0 R/g)) expect(objects.get(Number(f[1]))).toMatch(/\/Encoding \/WinAnsiEncoding/);
		const stream = objects.get(Number(page.match(/\/Contents (\d+) 0 R/)![1]))!;
		const body = stream.slice(stream.indexOf('stream\n') + 7, stream.lastIndexOf('\nendstream'));
		const content = Buffer.from(unzlibSync(Buffer.from(body, 'latin1'))).toString('latin1');
		return {
			mediaBox: page
				.match(/\/MediaBox \[([^\]]*)\]/)![1]
				.split(' ')
				.map(Number),
			...readContent(content)
		};
	});
	return { header: raw.slice(0, 8), pages };
}

function readContent(content: string): Omit<Page, 'mediaBox'> {
	const height = 841.89;
	const lines: Line[] = [];
	for (const block of content.matchAll(/\nBT\n([\s\S]*?)\nET\n/g)) {
		const m = block[1].match(/1 0 0 1 ([\d.-]+) ([\d.-]+) Tm/)!;
		const arrays = [...block[1].matchAll(/\[(.*)\] TJ/g)].map((a) => a[1]).join('');
		const text = [...arrays.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').reduce((s, b) => s + winAnsi(b), '')).join('');
		// pdfkit flips the page (y down); a Tm's y counts from the bottom in that flipped space, so top = height - y.
		lines.push({ text, x: Number(m[1]), top: height - Number(m[2]) });
	}
	const text = lines.map((l) => l.text.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
	// Paragraphs wrap, so sentences are looked for in the text with its line ends as spaces, and line by line.
	const flowing = `${text}\n${text.replace(/\n/g, ' ')}`;
	const qr = content.match(/\n([\d.]+) 0 0 \1 0 0 cm\n((?:\d+ \d+ \d+ 1 re\n)+)/)!;
	const runs = [...qr[2].matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((r) => r.slice(1).map(Number));
	const size = Math.max(...runs.map(([col, , width]) => col + width));
	const matrix = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
	for (const [col, row, width] of runs) for (let c = col; c < col + width; c++) matrix[row][c] = true;
	return { lines, text: flowing, qr: { matrix, moduleMm: Number(qr[1]) / MM } };
}

function qrMatrix(url: string): boolean[][] {
	const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
	return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, col) => !!modules.get(row, col)));
}
