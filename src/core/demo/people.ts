// Invented households and residents for the demo: a mix of names and languages as found on Flemish estates.
// Deterministic (a seeded generator), so every demo start looks the same.

const SURNAMES = [
	'Peeters',
	'Janssens',
	'Maes',
	'Declercq',
	'Vandenberghe',
	'El Idrissi',
	'Benali',
	'Yilmaz',
	'Kaya',
	'Nowak',
	'Kowalski',
	'Diallo',
	'Mukendi',
	'Popescu',
	'Hakimi',
	'Desmet',
	'Vermeersch',
	'Lambrecht',
	'Ahmadi',
	'Haidari',
	'Claes',
	'Goossens',
	'Wouters',
	'De Smet',
	'Mertens',
	'Willems',
	'Dubois',
	'Lemaire',
	'Amrani',
	'Bakkali',
	'Demir',
	'Öztürk',
	'Wiśniewski',
	'Mbala',
	'Nkosi',
	'Rahimi',
	'Verhaeghe',
	'Vanneste',
	'Coppens',
	'Bouzid'
];
const FIRST = {
	nl: ['Marie', 'Jan', 'Lotte', 'Pieter', 'Els', 'Wim', 'Noor', 'Tom', 'Ines', 'Bart'],
	fr: ['Sophie', 'Luc', 'Amélie', 'Jean', 'Chloé'],
	ar: ['Fatima', 'Mohamed', 'Yasmina', 'Youssef', 'Samira', 'Karim'],
	tr: ['Elif', 'Mehmet', 'Ayşe', 'Emre'],
	pl: ['Anna', 'Piotr', 'Kasia', 'Tomasz'],
	en: ['Grace', 'Daniel', 'Aisha']
} as const;
const LANGUAGE_OF_SURNAME: Record<string, keyof typeof FIRST> = {
	'El Idrissi': 'ar',
	Benali: 'ar',
	Hakimi: 'ar',
	Amrani: 'ar',
	Bakkali: 'ar',
	Bouzid: 'ar',
	Yilmaz: 'tr',
	Kaya: 'tr',
	Demir: 'tr',
	Öztürk: 'tr',
	Nowak: 'pl',
	Kowalski: 'pl',
	Wiśniewski: 'pl',
	Diallo: 'fr',
	Mukendi: 'fr',
	Mbala: 'fr',
	Dubois: 'fr',
	Lemaire: 'fr',
	Popescu: 'en',
	Ahmadi: 'en',
	Haidari: 'en',
	Nkosi: 'en',
	Rahimi: 'en'
};

export type DemoResident = {
	firstName: string;
	lastName: string;
	birthYear: number;
	language: string;
	contactChannel: 'email' | 'phone' | 'letter' | 'visit';
	email: string | null;
	phone: string | null;
};
export type DemoHousehold = { name: string; moveInDate: string; residents: DemoResident[] };

function generator(seed: number) {
	// Mix the seed (Knuth's multiplicative hash) so neighbouring seeds give unrelated sequences.
	let s = Math.imul(seed + 0x9e3779b9, 2654435761) >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/**
 * Households for `count` dwellings of one building; `seed` keeps buildings different from each other and `usedNames`
 * (shared over the whole demo) keeps full names unique, so lists of residents read like a real estate. Ages and
 * move-in dates count back from `now` (the day the demo is loaded): a new estate's tenants moved in the last two years.
 */
export function demoHouseholds(count: number, seed: number, newEstate: boolean, usedNames: Set<string> = new Set(), now = new Date()): DemoHousehold[] {
	const rnd = generator(seed);
	const thisYear = now.getUTCFullYear();
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
	const out: DemoHousehold[] = [];
	for (let i = 0; i < count; i++) {
		let lastName = pick(SURNAMES);
		for (let tries = 0; tries < 10 && [...usedNames].some((n) => n.endsWith(` ${lastName}`)); tries++) lastName = pick(SURNAMES);
		const language = LANGUAGE_OF_SURNAME[lastName] ?? (rnd() < 0.85 ? 'nl' : 'fr');
		const size = 1 + Math.floor(rnd() * 4);
		const residents: DemoResident[] = [];
		const names = new Set<string>();
		for (let r = 0; r < size; r++) {
			let firstName = pick(FIRST[language]);
			if (names.has(firstName) || usedNames.has(`${firstName} ${lastName}`)) firstName = pick(FIRST.nl);
			if (names.has(firstName) || usedNames.has(`${firstName} ${lastName}`)) continue;
			names.add(firstName);
			usedNames.add(`${firstName} ${lastName}`);
			const adult = r < 2;
			const channel = adult ? pick(['email', 'phone', 'phone', 'letter', 'visit'] as const) : 'visit';
			const slug = `${firstName}.${lastName}`
				.toLowerCase()
				.normalize('NFD')
				.replace(/[^a-z.]/g, '');
			residents.push({
				firstName,
				lastName,
				birthYear: adult ? thisYear - 26 - Math.floor(rnd() * 50) : thisYear - 18 + Math.floor(rnd() * 16),
				language: language === 'ar' || language === 'tr' || language === 'pl' ? (rnd() < 0.5 ? language : 'nl') : language,
				contactChannel: channel,
				email: channel === 'email' ? `${slug}@example.be` : null,
				phone: channel === 'phone' ? `+32 470 ${String(100000 + Math.floor(rnd() * 899999)).replace(/(\d{2})(\d{2})(\d{2})/, '$1 $2 $3')}` : null
			});
		}
		const yearsAgo = newEstate ? Math.floor(rnd() * 2) : 1 + Math.floor(rnd() * 30);
		// A month that has begun: this year's move-ins are in the past.
		const month = 1 + Math.floor(rnd() * (yearsAgo === 0 ? now.getUTCMonth() + 1 : 12));
		const year = thisYear - yearsAgo;
		out.push({ name: `Gezin ${lastName}`, moveInDate: `${year}-${String(month).padStart(2, '0')}-01`, residents });
	}
	return out;
}
