// The text of a PDF that pdfkit wrote (the code letters): every Flate-compressed stream inflated, the hex strings of
// its TJ operators read as WinAnsi bytes. Enough to find what a letter prints; not a general PDF reader.
import { unzlibSync } from 'fflate';

export function pdfStreamsText(bytes: Uint8Array): string[] {
	const raw = Buffer.from(bytes).toString('latin1');
	const texts: string[] = [];
	// A stream's bytes are read by its /Length: compressed bytes may hold anything, "endstream" included.
	for (const m of raw.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
		const start = m.index! + m[0].length;
		let content: string;
		try {
			content = Buffer.from(unzlibSync(Buffer.from(raw.slice(start, start + Number(m[1])), 'latin1'))).toString('latin1');
		} catch {
			continue;
		}
		const words = [...content.matchAll(/\[(.*?)\] TJ/g)].map((tj) =>
			[...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join('')
		);
		if (words.length) texts.push(words.join('\n'));
	}
	return texts;
}
