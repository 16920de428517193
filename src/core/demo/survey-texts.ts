// The demo's tenant satisfaction survey (seed: "In twee sociale woonwijken werken we met een bewonersbevraging om van
// de sociale huurders te horen hoe men denkt over dienstverlening van SHM De Vlashaard enerzijds en inzet van
// buurtwerking anderzijds"): its questions in Dutch (with easy read), French and English, and what tenants wrote.
import type { StructureInput } from '../surveys/model';

export const DEMO_SURVEY_TITLE = {
	nl: 'Hoe woont u? Uw mening over De Vlashaard en het buurtwerk',
	fr: 'Comment vivez-vous ici ? Votre avis sur De Vlashaard et le travail de quartier',
	en: 'How do you live here? Your view of De Vlashaard and neighbourhood work'
};
export const DEMO_SURVEY_INTRO = {
	nl: {
		text: 'De Vlashaard en het buurtwerk willen weten hoe u woont en wat beter kan. Het duurt ongeveer 10 minuten.',
		easy: 'Wij willen weten hoe u woont. Wat is goed? Wat kan beter? Het duurt 10 minuten.'
	},
	fr: 'De Vlashaard et le travail de quartier veulent savoir comment vous vivez et ce qui peut être amélioré. Cela prend environ 10 minutes.',
	en: 'De Vlashaard and neighbourhood work want to know how you live and what could be better. It takes about 10 minutes.'
};
export const DEMO_SURVEY_CONSENT = {
	nl: {
		text: 'Uw antwoorden zijn anoniem: we weten niet wie wat antwoordde. Met een code uit uw brief zien we alleen dat uw gezin antwoordde. We tonen nooit cijfers van minder dan 5 gezinnen.',
		easy: 'Niemand weet wat u antwoordt. Uw naam staat er niet bij.'
	},
	fr: 'Vos réponses sont anonymes : nous ne savons pas qui a répondu quoi. Avec le code de votre lettre, nous voyons seulement que votre ménage a répondu. Nous ne montrons jamais de chiffres de moins de 5 ménages.',
	en: 'Your answers are anonymous: we do not know who answered what. With the code from your letter we only see that your household answered. We never show figures of fewer than 5 households.'
};

const o = (key: string, nl: string, fr: string, en: string) => ({ key, label: { nl, fr, en } });

export const DEMO_SURVEY_STRUCTURE: StructureInput = {
	sections: [
		{
			key: 'woning',
			title: { nl: 'Uw woning en De Vlashaard', fr: 'Votre logement et De Vlashaard', en: 'Your home and De Vlashaard' },
			questions: [
				{
					key: 'woning_tevreden',
					kind: 'scale',
					required: true,
					label: {
						nl: { text: 'Hoe tevreden bent u over uw woning?', easy: 'Bent u blij met uw huis?' },
						fr: 'Êtes-vous satisfait de votre logement ?',
						en: 'How happy are you with your home?'
					}
				},
				{
					key: 'herstelling_gevraagd',
					kind: 'yes_no',
					required: true,
					label: {
						nl: { text: 'Vroeg u het voorbije jaar een herstelling aan bij De Vlashaard?', easy: 'Vroeg u dit jaar iets te maken?' },
						fr: 'Avez-vous demandé une réparation à De Vlashaard cette année ?',
						en: 'Did you ask De Vlashaard for a repair this year?'
					}
				},
				{
					key: 'herstelling_snel',
					kind: 'scale',
					required: true,
					condition: { question: 'herstelling_gevraagd', is: 'yes' },
					label: {
						nl: { text: 'Hoe tevreden bent u over hoe snel de herstelling gebeurde?', easy: 'Werd het snel gemaakt?' },
						fr: 'Êtes-vous satisfait de la rapidité de la réparation ?',
						en: 'How happy are you with how quickly the repair was done?'
					}
				},
				{
					key: 'contact_vlashaard',
					kind: 'single_choice',
					allowOther: true,
					label: {
						nl: 'Hoe neemt u meestal contact op met De Vlashaard?',
						fr: 'Comment contactez-vous De Vlashaard le plus souvent ?',
						en: 'How do you usually contact De Vlashaard?'
					},
					options: [
						o('telefoon', 'Ik bel', 'Par téléphone', 'I phone'),
						o('loket', 'Aan het loket', 'Au guichet', 'At the desk'),
						o('mail', 'Met een mail of het webformulier', 'Par mail ou le formulaire web', 'By email or the web form'),
						o('buurtwerk', 'Via de opbouwwerker', 'Via le travailleur de quartier', 'Through the community worker'),
						o('nooit', 'Ik neem nooit contact op', 'Je ne les contacte jamais', 'I never contact them')
					]
				},
				{
					key: 'vlashaard_luistert',
					kind: 'scale',
					label: {
						nl: { text: 'Voelt u zich gehoord door De Vlashaard?', easy: 'Luistert De Vlashaard naar u?' },
						fr: 'Vous sentez-vous écouté par De Vlashaard ?',
						en: 'Do you feel heard by De Vlashaard?'
					}
				}
			]
		},
		{
			key: 'buurt',
			title: { nl: 'Uw buurt en het buurtwerk', fr: 'Votre quartier et le travail de quartier', en: 'Your neighbourhood and neighbourhood work' },
			questions: [
				{
					key: 'buurt_tevreden',
					kind: 'scale',
					required: true,
					label: {
						nl: { text: 'Hoe graag woont u in uw buurt?', easy: 'Woont u hier graag?' },
						fr: 'Aimez-vous vivre dans votre quartier ?',
						en: 'How much do you like living in your neighbourhood?'
					}
				},
				{
					key: 'buurtwerk_kent',
					kind: 'yes_no',
					required: true,
					label: {
						nl: { text: 'Kent u het buurtwerk (de opbouwwerker, het buurthuis)?', easy: 'Kent u de opbouwwerker of het buurthuis?' },
						fr: 'Connaissez-vous le travail de quartier (le travailleur de quartier, la maison de quartier) ?',
						en: 'Do you know the neighbourhood work (the community worker, the community centre)?'
					}
				},
				{
					key: 'activiteiten',
					kind: 'multiple_choice',
					allowOther: true,
					condition: { question: 'buurtwerk_kent', is: 'yes' },
					label: { nl: 'Aan welke activiteiten nam u deel?', fr: 'À quelles activités avez-vous participé ?', en: 'Which activities did you take part in?' },
					options: [
						o('buurtdrink', 'De buurtdrink op Dag van de Buren', 'Le verre de la Fête des voisins', "The neighbours' day drink"),
						o('plantenruil', 'De plantenruil', "L'échange de plantes", 'The plant swap'),
						o('kennismaking', 'De kennismaking met nieuwe huurders', "L'accueil des nouveaux locataires", 'Meeting the new tenants'),
						o('vergadering', 'Een bewonersvergadering', 'Une réunion des habitants', "A residents' meeting"),
						o('huiswerk', 'De huiswerkklas', "L'école des devoirs", 'The homework club')
					]
				},
				{
					key: 'buurtwerk_tevreden',
					kind: 'scale',
					condition: { question: 'buurtwerk_kent', is: 'yes' },
					label: {
						nl: 'Hoe tevreden bent u over het buurtwerk?',
						fr: 'Êtes-vous satisfait du travail de quartier ?',
						en: 'How happy are you with the neighbourhood work?'
					}
				},
				{
					key: 'jaren',
					kind: 'number',
					min: 0,
					max: 70,
					label: {
						nl: 'Hoeveel jaar woont u al in deze wijk?',
						fr: 'Depuis combien d’années habitez-vous ce quartier ?',
						en: 'How many years have you lived on this estate?'
					},
					unit: { nl: 'jaar', fr: 'ans', en: 'years' }
				}
			]
		},
		{
			key: 'ideeen',
			title: { nl: 'Uw ideeën', fr: 'Vos idées', en: 'Your ideas' },
			questions: [
				{
					key: 'noden',
					kind: 'needs_block',
					label: {
						nl: { text: 'Wat heeft u nodig, wat verwacht u, en welke ideeën heeft u voor de wijk?', easy: 'Wat wilt u? Wat is uw idee?' },
						fr: 'De quoi avez-vous besoin, qu’attendez-vous, quelles idées avez-vous pour le quartier ?',
						en: 'What do you need, what do you expect, and what ideas do you have for the estate?'
					}
				},
				{
					key: 'opmerking',
					kind: 'long_text',
					label: { nl: 'Wilt u nog iets zeggen?', fr: 'Voulez-vous encore dire quelque chose ?', en: 'Anything else you want to say?' }
				}
			]
		}
	]
};

/** Themes a worker made while reading the open answers, and the words that put an answer under one. */
export const DEMO_THEMES: Array<{ name: string; words: RegExp }> = [
	{ name: 'Vocht en schimmel', words: /vocht|schimmel|humidit|damp|mould/i },
	{ name: 'Herstellingen duren lang', words: /herstel|lang wachten|duurt|réparation|repair/i },
	{ name: 'Netheid en afval', words: /afval|vuil|poets|propre|rubbish|sluikstort/i },
	{ name: 'Spelen en jongeren', words: /speel|kinderen|jongeren|enfants|children/i },
	{ name: 'Samen in de buurt', words: /buren|buurthuis|samen|activiteit|voisins|neighbours/i },
	{ name: 'Contact met De Vlashaard', words: /vlashaard|loket|telefoon|bellen|mail/i }
];

/** What tenants wrote, per estate: Wallaysplein (older flats, damp) and Vlashof (new, tenants still getting to know each other). */
export const DEMO_REMARKS = {
	Wallaysplein: [
		'Er zit al twee jaar schimmel in de badkamer. Ze komen kijken maar er gebeurt niets.',
		'De lift is vaak kapot. Voor mijn moeder is dat heel moeilijk.',
		'Het buurthuis is fijn, daar leer je de buren kennen.',
		'In de trappenhal ligt vaak afval. Kan er meer gepoetst worden?',
		'Herstellingen duren te lang, je moet drie keer bellen.',
		'Meer speelruimte voor de kinderen op het plein alstublieft.',
		'Sara van het buurtwerk helpt mij altijd met de brieven.',
		'Het vocht in de slaapkamer maakt mijn zoon ziek.',
		'Il y a de l’humidité dans la chambre et personne ne vient.',
		'Ik woon hier graag, de buren zijn vriendelijk.',
		'Het loket van De Vlashaard is te ver, een spreekuur in het buurthuis zou helpen.',
		'Jongeren hangen ’s avonds rond de garages, dat geeft lawaai.'
	],
	Vlashof: [
		'Mooie nieuwe woning, maar we kennen de buren nog niet.',
		'Een buurtfeest om elkaar te leren kennen zou fijn zijn.',
		'De fietsenberging is te klein voor alle fietsen.',
		'Er is nog geen speeltuin voor de kinderen.',
		'Ik weet niet bij wie ik moet zijn voor een herstelling.',
		'The new flat is great, but the heating is hard to understand.',
		'Graag afspraken over het poetsen van de gemeenschappelijke ruimtes.',
		'Het afval wordt niet goed gesorteerd in de containers.'
	]
};

export const DEMO_NEEDS = {
	needs: [
		'Een spreekuur van De Vlashaard in het buurthuis',
		'Meer licht op de parking',
		'Hulp bij het invullen van papieren',
		'Een bank en wat groen op het plein',
		'Een veilige plek om te spelen',
		'Iemand die naar ons luistert'
	],
	expectations: [
		'Dat herstellingen binnen de maand gebeuren',
		'Dat we horen wat er met onze klachten gebeurt',
		'Duidelijke afspraken over de gemeenschappelijke ruimtes',
		'Dat de lift snel hersteld wordt'
	],
	ideas: [
		'Een plantenruil in de lente',
		'Samen koken in het buurthuis',
		'Een WhatsApp-groep van de blok',
		'Een opruimdag met de buren',
		'Een huiswerkklas op woensdag',
		'Een buurtfeest op Dag van de Buren'
	]
};
