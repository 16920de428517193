// Invented households and residents for the demo: a mix of names and languages as found on Flemish estates.
// Deterministic (a seeded generator), so every demo start looks the same.

const SURNAMES = ['Peeters', 'Janssens', 'Maes', 'Declercq', 'Vandenberghe', 'El Idrissi', 'Benali', 'Yilmaz', 'Kaya', 'Nowak', 'Kowalski', 'Diallo', 'Mukendi', 'Popescu', 'Hakimi', 'Desmet', 'Vermeersch', 'Lambrecht', 'Ahmadi', 'Haidari'];
const FIRST = {
	nl: ['Marie', 'Jan', 'Lotte', 'Pieter', 'Els', 'Wim', 'Noor', 'Tom', 'Ines', 'Bart'],
	fr: ['Sophie', 'Luc', 'Amélie', 'Jean', 'Chloé'],
	ar: ['Fatima', 'Mohamed', 'Yasmina', 'Youssef', 'Samira', 'Karim'],
	tr: ['Elif', 'Mehmet', 'Ayşe', 'Emre'],
	pl: ['Anna', 'Piotr', 'Kasia', 'Tomasz'],
	en: ['Grace', 'Daniel', 'Aisha']
} as const;
const LANGUAGE_OF_SURNAME: Record<string, keyof typeof FIRST> = {
	'El Idrissi': 'ar', Benali: 'ar', Hakimi: 'ar', Yilmaz: 'tr', Kaya: 'tr', Nowak: 'pl', Kowalski: 'pl', Diallo: 'fr', Mukendi: 'fr', Popescu: 'en', Ahmadi: 'en', Haidari: 'en'
};

export type DemoResident = { firstName: string; lastName: string; birthYear: number; language: string; contactChannel: 'email' | 'phone' | 'letter' | 'visit'; email: string | null; phone: string | null };
export type DemoHousehold = { name: string; moveInDate: string; residents: DemoResident[] };

function generator(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/** Households for `count` dwellings of one estate; `seed` keeps estates different from each other. */
export function demoHouseholds(count: number, seed: number, newEstate: boolean): DemoHousehold[] {
	const rnd = generator(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
	const out: DemoHousehold[] = [];
	for (let i = 0; i < count; i++) {
		const lastName = pick(SURNAMES);
		const language = LANGUAGE_OF_SURNAME[lastName] ?? (rnd() < 0.85 ? 'nl' : 'fr');
		const size = 1 + Math.floor(rnd() * 4);
		const residents: DemoResident[] = [];
		const names = new Set<string>();
		for (let r = 0; r < size; r++) {
			let firstName = pick(FIRST[language]);
			if (names.has(firstName)) firstName = pick(FIRST.nl);
			if (names.has(firstName)) continue;
			names.add(firstName);
			const adult = r < 2;
			const channel = adult ? pick(['email', 'phone', 'phone', 'letter', 'visit'] as const) : 'visit';
			const slug = `${firstName}.${lastName}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
			residents.push({
				firstName,
				lastName,
				birthYear: adult ? 1950 + Math.floor(rnd() * 50) : 2008 + Math.floor(rnd() * 16),
				language: language === 'ar' || language === 'tr' || language === 'pl' ? (rnd() < 0.5 ? language : 'nl') : language,
				contactChannel: channel,
				email: channel === 'email' ? `${slug}@example.be` : null,
				phone: channel === 'phone' ? `+32 470 ${String(100000 + Math.floor(rnd() * 899999)).replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}` : null
			});
		}
		const year = newEstate ? 2025 + Math.floor(rnd() * 2) : 1995 + Math.floor(rnd() * 30);
		const month = 1 + Math.floor(rnd() * 12);
		out.push({ name: `Gezin ${lastName}`, moveInDate: `${year}-${String(month).padStart(2, '0')}-01`, residents });
	}
	return out;
}
