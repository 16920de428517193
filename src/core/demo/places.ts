// The real places of the demo (PRODUCT.md): focus areas and estates named in the seeds, around approximate centre
// points inside their municipality's boundary. Streets and estate layouts are invented.
import type { AreaKind } from '../db';

export type DemoEstate = {
	name: string;
	housingCompany: string | null;
	description: string;
	centre: [number, number];
	/** Buildings: street, first house number, number of dwellings. */
	buildings: Array<{ street: string; houseNumber: string; postalCode: string; dwellings: number }>;
};

export type DemoArea = {
	name: string;
	municipalityCode: string;
	kind: Extract<AreaKind, 'neighbourhood' | 'focus_area' | 'village'>;
	description: string;
	centre: [number, number];
	/** Half the side of the square boundary, in degrees of latitude (longitude is scaled). */
	halfSize: number;
	estates: DemoEstate[];
};

/** A square boundary around a centre point, corrected for longitude shrinking with latitude. */
export function squareAround([lon, lat]: [number, number], halfSize: number): { type: 'Polygon'; coordinates: number[][][] } {
	const dLon = halfSize / Math.cos((lat * Math.PI) / 180);
	const r = (n: number) => Math.round(n * 1e6) / 1e6;
	return {
		type: 'Polygon',
		coordinates: [
			[
				[r(lon - dLon), r(lat - halfSize)],
				[r(lon + dLon), r(lat - halfSize)],
				[r(lon + dLon), r(lat + halfSize)],
				[r(lon - dLon), r(lat + halfSize)],
				[r(lon - dLon), r(lat - halfSize)]
			]
		]
	};
}

export const DEMO_AREAS: DemoArea[] = [
	{
		name: 'Wallaysplein',
		municipalityCode: '34041',
		kind: 'focus_area',
		description: 'Sociale woonwijk rond het Wallaysplein in Wevelgem, met een buurtwerking die bewoners samenbrengt.',
		centre: [3.1745, 50.8093],
		halfSize: 0.0025,
		estates: [
			{
				name: 'Wallaysplein',
				housingCompany: 'De Vlashaard',
				description: 'Appartementen en rijwoningen rond het plein, met een buurthuis.',
				centre: [3.1745, 50.8093],
				buildings: [
					{ street: 'Wallaysplein', houseNumber: '1', postalCode: '8560', dwellings: 6 },
					{ street: 'Wallaysplein', houseNumber: '12', postalCode: '8560', dwellings: 6 },
					{ street: 'Vlasbloemstraat', houseNumber: '3', postalCode: '8560', dwellings: 4 }
				]
			}
		]
	},
	{
		name: 'Nieuwe woonwijken Wevelgem',
		municipalityCode: '34041',
		kind: 'neighbourhood',
		description: 'Drie nieuwe sociale woonwijken van De Vlashaard. De huurders leren elkaar nog kennen.',
		centre: [3.1905, 50.8065],
		halfSize: 0.004,
		estates: [
			{
				name: 'Vlashof',
				housingCompany: 'De Vlashaard',
				description: 'Nieuwbouw, in gebruik sinds dit jaar.',
				centre: [3.1885, 50.8055],
				buildings: [{ street: 'Vlashofstraat', houseNumber: '2', postalCode: '8560', dwellings: 5 }]
			},
			{
				name: 'Leiemeersen',
				housingCompany: 'De Vlashaard',
				description: 'Rijwoningen voor gezinnen.',
				centre: [3.1925, 50.8072],
				buildings: [{ street: 'Leiemeers', houseNumber: '10', postalCode: '8560', dwellings: 4 }]
			},
			{
				name: 'Lindenhof',
				housingCompany: 'De Vlashaard',
				description: 'Kleine woonwijk met appartementen voor senioren.',
				centre: [3.191, 50.808],
				buildings: [{ street: 'Lindenhof', houseNumber: '1', postalCode: '8560', dwellings: 4 }]
			}
		]
	},
	{
		name: 'Sint-Lenaarts',
		municipalityCode: '11009',
		kind: 'village',
		description: 'Dorp in Brecht met de nieuwe sociale woonwijk Kapelakker (sinds mei 2021).',
		centre: [4.69, 51.348],
		halfSize: 0.005,
		estates: [
			{
				name: 'Kapelakker',
				housingCompany: 'De Voorkempen',
				description: 'Nieuwe sociale woonwijk van De Voorkempen. Alle bewoners zijn nieuw; er is een buurtcomité.',
				centre: [4.69, 51.348],
				buildings: [
					{ street: 'Kapelakker', houseNumber: '1', postalCode: '2960', dwellings: 6 },
					{ street: 'Kapelakker', houseNumber: '20', postalCode: '2960', dwellings: 5 }
				]
			}
		]
	},
	{
		name: 'Nieuwe Stad',
		municipalityCode: '35013',
		kind: 'focus_area',
		description: 'Aandachtsgebied in Oostende, met veel jonge gezinnen en een actief buurtnetwerk.',
		centre: [2.929, 51.2195],
		halfSize: 0.004,
		estates: [
			{
				name: 'Nieuwe Stad',
				housingCompany: null,
				description: 'Sociale appartementen in de Nieuwe Stad.',
				centre: [2.929, 51.2195],
				buildings: [{ street: 'Stuiverstraat', houseNumber: '40', postalCode: '8400', dwellings: 5 }]
			}
		]
	},
	{
		name: 'De Barakken',
		municipalityCode: '34027',
		kind: 'neighbourhood',
		description: 'Wijk in Menen dicht bij de grens, met een sterke buurtwerking.',
		centre: [3.127, 50.795],
		halfSize: 0.003,
		estates: [
			{
				name: 'De Barakken',
				housingCompany: null,
				description: 'Rijwoningen en appartementen.',
				centre: [3.127, 50.795],
				buildings: [{ street: 'Barakkenstraat', houseNumber: '5', postalCode: '8930', dwellings: 4 }]
			}
		]
	},
	{
		name: 'Centrumwijk',
		municipalityCode: '34013',
		kind: 'focus_area',
		description: 'Centrumwijk van Harelbeke, waar bewoners samen werken aan een groenere buurt.',
		centre: [3.3095, 50.8545],
		halfSize: 0.003,
		estates: [
			{
				name: 'Centrumwijk',
				housingCompany: null,
				description: 'Appartementen in het centrum.',
				centre: [3.3095, 50.8545],
				buildings: [{ street: 'Marktstraat', houseNumber: '15', postalCode: '8530', dwellings: 4 }]
			}
		]
	},
	{
		name: 'Dierdonk-Zwartegevel',
		municipalityCode: '37015',
		kind: 'neighbourhood',
		description: 'Wijk in Tielt met sociale woningen en een speelplein.',
		centre: [3.336, 50.996],
		halfSize: 0.003,
		estates: [
			{
				name: 'Dierdonk-Zwartegevel',
				housingCompany: null,
				description: 'Rijwoningen rond een binnenplein.',
				centre: [3.336, 50.996],
				buildings: [{ street: 'Zwartegevelstraat', houseNumber: '8', postalCode: '8700', dwellings: 4 }]
			}
		]
	}
];
