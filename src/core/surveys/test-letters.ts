// Code letters made up for tests and benches: many households with distinct codes and addresses.
import type { CodeLetter } from './letters';

export function manyLetters(count: number): CodeLetter[] {
	return Array.from({ length: count }, (_, i) => {
		const code = (i * 7919 + 104729).toString(36).toUpperCase().padStart(8, 'Q').slice(-8);
		return {
			code,
			url: `https://leefbaar.wevelgem.be/e/${code}`,
			addressLabel: `Bewoner\nKapelstraat ${i + 1}\n8560 Wevelgem`,
			estateName: i % 2 ? 'Vlashaard' : 'Gullegem-Centrum'
		};
	});
}
