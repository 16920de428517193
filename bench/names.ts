// Invented names for the bench dataset: the mix of origins and languages of a Flemish social housing estate, and
// place and street names that sound Flemish without being real places. No real person is in here.
import type { ContactChannel } from '../src/core/db/schema';
import type { Random } from './random';

type Origin = { weight: number; languages: readonly (readonly [string, number])[]; first: readonly string[]; last: readonly string[] };

const ORIGINS: readonly Origin[] = [
	{
		weight: 52,
		languages: [['nl', 1]],
		first: [
			'Jan',
			'Marc',
			'Lien',
			'Els',
			'Koen',
			'Sofie',
			'Wim',
			'An',
			'Pieter',
			'Griet',
			'Bart',
			'Nele',
			'Tom',
			'Hilde',
			'Jef',
			'Mieke',
			'Lotte',
			'Arne',
			'Fien',
			'Lucas',
			'Noor',
			'Warre',
			'Rita',
			'Roger',
			'Godelieve',
			'Seppe'
		],
		last: [
			'Peeters',
			'Janssens',
			'Maes',
			'Claes',
			'Wouters',
			'Vermeulen',
			'Desmet',
			'De Smedt',
			'Van den Broeck',
			'Goossens',
			'Vandenberghe',
			'Willems',
			'Mertens',
			'Verstraete',
			'Dewulf',
			'Vanhoutte',
			'De Clercq',
			'Lambrecht',
			'Decock',
			'Coppens'
		]
	},
	{
		weight: 14,
		languages: [
			['ar', 3],
			['nl', 2],
			['fr', 1]
		],
		first: [
			'Mohamed',
			'Fatima',
			'Youssef',
			'Khadija',
			'Bilal',
			'Salma',
			'Hamza',
			'Imane',
			'Ayoub',
			'Nadia',
			'Karim',
			'Houda',
			'Rachid',
			'Samira',
			'Adam',
			'Yasmina'
		],
		last: ['El Amrani', 'Benali', 'El Idrissi', 'Bouzid', 'Azzouzi', 'El Khattabi', 'Ouali', 'Boukhari', 'Tahiri', 'Amrani', 'Chaouki', 'Zerouali']
	},
	{
		weight: 9,
		languages: [
			['tr', 3],
			['nl', 1]
		],
		first: ['Mehmet', 'Ayşe', 'Emre', 'Elif', 'Hakan', 'Zeynep', 'Murat', 'Fatma', 'Kerem', 'Esra', 'Burak', 'Selin'],
		last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Öztürk', 'Arslan', 'Doğan', 'Kılıç']
	},
	{
		weight: 6,
		languages: [
			['pl', 3],
			['nl', 1]
		],
		first: ['Katarzyna', 'Piotr', 'Agnieszka', 'Tomasz', 'Magdalena', 'Krzysztof', 'Joanna', 'Paweł', 'Ewa', 'Michał'],
		last: ['Kowalski', 'Nowak', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zielińska', 'Szymański']
	},
	{
		weight: 5,
		languages: [
			['ro', 3],
			['nl', 1]
		],
		first: ['Andrei', 'Elena', 'Ionuț', 'Maria', 'Florin', 'Ioana', 'Mihai', 'Alina'],
		last: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Constantin', 'Munteanu']
	},
	{
		weight: 5,
		languages: [
			['fr', 2],
			['ln', 1],
			['nl', 1]
		],
		first: ['Grâce', 'Patrick', 'Divine', 'Jonathan', 'Merveille', 'Christian', 'Esther', 'Glody'],
		last: ['Mbuyi', 'Kabongo', 'Tshibanda', 'Ilunga', 'Mukendi', 'Kalonji', 'Lukusa']
	},
	{
		weight: 6,
		languages: [
			['ar', 2],
			['fa', 2],
			['ps', 1],
			['nl', 1]
		],
		first: ['Ahmad', 'Mariam', 'Omar', 'Zahra', 'Ali', 'Fatemeh', 'Hassan', 'Layla', 'Mustafa', 'Shirin'],
		last: ['Al-Hassan', 'Haidari', 'Rahimi', 'Al-Khalil', 'Ahmadi', 'Sultani', 'Karimi', 'Hosseini']
	},
	{
		weight: 3,
		languages: [
			['so', 2],
			['en', 1]
		],
		first: ['Abdi', 'Hodan', 'Faarax', 'Sahra', 'Cabdi', 'Ifrah'],
		last: ['Warsame', 'Farah', 'Hirsi', 'Jama', 'Abdullahi']
	}
];

const ORIGIN_WEIGHTS = ORIGINS.map((o, i) => [i, o.weight] as const);

export type Family = { origin: number; lastName: string };

export function familyFor(random: Random): Family {
	const origin = random.weighted(ORIGIN_WEIGHTS);
	return { origin, lastName: random.pick(ORIGINS[origin].last) };
}

export type Person = { firstName: string; lastName: string; language: string };

/** A member of the family: mostly the family name, sometimes their own (a partner, a new family). */
export function personIn(family: Family, random: Random): Person {
	const origin = ORIGINS[family.origin];
	return {
		firstName: random.pick(origin.first),
		lastName: random.chance(0.8) ? family.lastName : random.pick(origin.last),
		language: random.weighted(origin.languages)
	};
}

export const CONTACT_CHANNELS: readonly (readonly [ContactChannel, number])[] = [
	['phone', 50],
	['visit', 25],
	['email', 15],
	['letter', 10]
];

const TOWN_HEADS = [
	'Ooster',
	'Wester',
	'Noord',
	'Zuid',
	'Hoog',
	'Laag',
	'Vlas',
	'Linde',
	'Beuke',
	'Eike',
	'Wille',
	'Heide',
	'Berk',
	'Molen',
	'Brug',
	'Meer',
	'Zand',
	'Klei',
	'Ter',
	'Sint-Ame',
	'Sint-Jori',
	'Ravel',
	'Dender',
	'Leie',
	'Schelde',
	'Durme',
	'Nete',
	'Kempe',
	'Haspe',
	'Veurne'
];
const TOWN_TAILS = [
	'gem',
	'kerke',
	'zele',
	'hem',
	'hout',
	'dijk',
	'rode',
	'beke',
	'lo',
	'donk',
	'ingen',
	'dorp',
	'hove',
	'velde',
	'broek',
	'linde',
	'zate',
	'kapelle',
	'wijk',
	'stede'
];
const HOOD_HEADS = [
	'Bloemen',
	'Kouter',
	'Molen',
	'Heide',
	'Linden',
	'Sporen',
	'Vogel',
	'Vlas',
	'Rozen',
	'Kapel',
	'Brug',
	'Water',
	'Park',
	'Kasteel',
	'Beken',
	'Akker',
	'Meersen',
	'Schelde',
	'Zon',
	'Ster',
	'Hof',
	'Berken',
	'Eiken',
	'Wilgen',
	'Populieren',
	'Tuin',
	'Kerk',
	'Station',
	'Dok',
	'Haven'
];
const HOOD_TAILS = ['wijk', 'hoek', 'veld', 'kant', 'dries', 'hof', 'buurt', 'kouter', 'meers', 'berg', 'dal', 'straat', 'plein', 'park'];
const ESTATE_FORMS = ['Hof ter {x}', 'Residentie {x}', '{x}hof', 'Tuinwijk {x}', 'Blokken {x}', 'De {x}', '{x}toren'];
const ESTATE_WORDS = [
	'Linde',
	'Vlasbloem',
	'Leeuwerik',
	'Zwaluw',
	'Kastanje',
	'Meidoorn',
	'Zonnebloem',
	'Beuk',
	'Wilg',
	'Eglantier',
	'Klaproos',
	'Korenbloem',
	'Merel',
	'Reiger',
	'Ooievaar'
];
const STREETS = [
	'Kerkstraat',
	'Molenstraat',
	'Stationsstraat',
	'Nieuwstraat',
	'Schoolstraat',
	'Dorpsstraat',
	'Kapelstraat',
	'Rozenlaan',
	'Lindelaan',
	'Leliestraat',
	'Vlasstraat',
	'Kouterstraat',
	'Heidestraat',
	'Beekstraat',
	'Sportlaan',
	'Parkstraat',
	'Tuinwijk',
	'Meersstraat',
	'Pastorijstraat',
	'Brugstraat',
	'Zandstraat',
	'Vijverstraat',
	'Populierenlaan',
	'Berkenlaan',
	'Eikenlaan'
];

/** Unique invented municipality names, as many as asked: every head with every tail, then numbered. */
export function municipalityNames(count: number, random: Random): string[] {
	const all: string[] = [];
	for (const h of TOWN_HEADS) for (const t of TOWN_TAILS) all.push(h + t);
	shuffle(all, random);
	const names = all.slice(0, count);
	for (let i = names.length; i < count; i++) names.push(`${all[i % all.length]} ${Math.floor(i / all.length) + 1}`);
	return names;
}

export function neighbourhoodName(random: Random): string {
	return random.pick(HOOD_HEADS) + random.pick(HOOD_TAILS);
}

export function estateName(random: Random): string {
	return random.pick(ESTATE_FORMS).replace('{x}', random.pick(ESTATE_WORDS));
}

export function streetName(random: Random): string {
	return random.pick(STREETS);
}

export function slugify(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function shuffle<T>(items: T[], random: Random): void {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(random.next() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
}
