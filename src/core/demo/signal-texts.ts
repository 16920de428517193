// Invented resident signals, written the way tenants write on a phone (short, lowercase, typos, sometimes angry), for
// the demo data and to measure the category suggestion. Deterministic (seeded), mostly Dutch, some French and English.
// Texts are assembled from many small parts, so texts of another seed are new combinations, not copies; a share of
// them mention a second topic or hardly any, as real signals do, so a measured accuracy is honest.
import type { SignalKind } from '../db';

/** The demo categories with the kind of signal they belong to. */
export const DEMO_CATEGORY_KEYS = [
	{ key: 'heating', kind: 'home_repair' },
	{ key: 'leak_damp', kind: 'home_repair' },
	{ key: 'electricity', kind: 'home_repair' },
	{ key: 'doors_windows', kind: 'home_repair' },
	{ key: 'lift', kind: 'common_spaces' },
	{ key: 'common_cleaning', kind: 'common_spaces' },
	{ key: 'common_lighting', kind: 'common_spaces' },
	{ key: 'noise', kind: 'nuisance' },
	{ key: 'neighbour_conflict', kind: 'nuisance' },
	{ key: 'dumping', kind: 'public_space' },
	{ key: 'street_lighting', kind: 'public_space' },
	{ key: 'roads_paths', kind: 'public_space' },
	{ key: 'green_play', kind: 'public_space' },
	{ key: 'money_debts', kind: 'help' },
	{ key: 'paperwork', kind: 'help' },
	{ key: 'loneliness_care', kind: 'help' }
] as const satisfies readonly { key: string; kind: SignalKind }[];

export type DemoCategoryKey = (typeof DEMO_CATEGORY_KEYS)[number]['key'];
export type DemoLanguage = 'nl' | 'fr' | 'en';
export type DemoSignalText = { text: string; category: DemoCategoryKey; language: DemoLanguage };

/** What a problem sounds like in one language: whole phrases, and subjects × predicates that combine freely. */
type Phrases = { lines: string[]; subjects?: string[]; predicates?: string[] };
type Topic = { weight: number; place: 'home' | 'common' | 'public' | 'none' } & Record<DemoLanguage, Phrases>;

const s = (text: string) => text.split('|');

// Some phrases deliberately use another topic's words (a leak in the hallway, a lift that bangs at night, an energy
// bill that is too high): real signals do, and the classifier should be measured on them.
const TOPICS: Record<DemoCategoryKey, Topic> = {
	heating: {
		weight: 10,
		place: 'home',
		nl: {
			subjects: s(
				'de verwarming|de chauffage|de ketel|de cv-ketel|mijn radiator|de radiator in de living|de radiatoren|de boiler|de thermostaat|de geiser|de verwarmingsketel|de cv'
			),
			predicates: s(
				'werkt niet meer|doet het niet|is kapot|blijft koud|valt steeds uit|wordt niet warm|geeft een foutmelding|slaat niet aan|staat op storing|maakt een raar geluid|lekt een beetje|gaat niet meer aan'
			),
			lines: s(
				'geen warm water meer|we hebben geen verwarming|het is ijskoud in huis|alleen koud water in de douche|de kinderen hebben het koud|het is 14 graden in de living|moet elke dag de ketel resetten|de druk van de ketel is te laag|de radiator moet ontlucht worden|geen warm water om te douchen|we slapen met onze jas aan zo koud'
			)
		},
		fr: {
			subjects: s('le chauffage|la chaudière|le radiateur|les radiateurs|le boiler|le thermostat'),
			predicates: s("ne marche plus|ne fonctionne pas|est en panne|reste froid|ne chauffe pas|s'arrête tout le temps|affiche une erreur"),
			lines: s(
				"pas d'eau chaude|il fait très froid dans l'appartement|on a froid avec les enfants|plus d'eau chaude pour la douche|il fait 15 degrés chez nous"
			)
		},
		en: {
			subjects: s('the heating|the boiler|the radiator|the radiators|the thermostat|the heater'),
			predicates: s('is not working|is broken|stays cold|keeps switching off|doesnt heat up|shows an error'),
			lines: s('no hot water|its freezing in the flat|we have no heating|only cold water in the shower|kids are cold at night')
		}
	},
	leak_damp: {
		weight: 10,
		place: 'home',
		nl: {
			subjects: s(
				'het plafond|de muur|de muur in de slaapkamer|het plafond van de keuken|de kraan|de leiding|het dak|de afvoer|de wc|de douche|de buis onder de lavabo'
			),
			predicates: s(
				'lekt|is nat|heeft vochtplekken|zit vol schimmel|druppelt de hele tijd|heeft een waterlek|is helemaal zwart van de schimmel|loopt over|lekt al weer'
			),
			lines: s(
				'er komt water door het plafond|er druppelt water van het plafond|waterlek bij de bovenburen|lekkage in de badkamer|schimmel op de muren|overal vocht en schimmel|de bovenburen lekken door|waterschade in de keuken|er staat water op de vloer|natte plekken op de muur|schimmel achter de kast|het ruikt muf, veel vocht|condens op de ramen en zwarte schimmel|lekkage in de trappenhal|water in de kelder na de regen'
			)
		},
		fr: {
			subjects: s('le plafond|le mur|la salle de bain|le robinet|le tuyau|le toit'),
			predicates: s("fuit|est humide|est plein de moisissure|goutte tout le temps|a des taches d'humidité"),
			lines: s(
				"il y a une fuite d'eau|de l'eau coule du plafond|moisissures partout|dégât des eaux chez nous|humidité dans la chambre|le voisin du dessus a une fuite"
			)
		},
		en: {
			subjects: s('the ceiling|the wall|the bathroom ceiling|the tap|the pipe|the roof'),
			predicates: s('is leaking|is wet|has black mould|keeps dripping|has damp patches'),
			lines: s(
				'water coming through the ceiling|mould everywhere in the bedroom|there is a leak|damp on all the walls|water damage in the kitchen|leak from the flat upstairs'
			)
		}
	},
	electricity: {
		weight: 5,
		place: 'home',
		nl: {
			subjects: s(
				'het stopcontact|de stopcontacten|de zekering|de zekeringkast|het licht in de keuken|de lamp in de badkamer|de elektriciteit|de schakelaar|de dampkap|de bel'
			),
			predicates: s('werkt niet meer|springt steeds|geeft vonken|is kapot|valt uit|is zwart geblakerd|doet raar|hangt los'),
			lines: s(
				'de stroom valt steeds uit|zekering springt als ik de wasmachine aanzet|geen elektriciteit in de helft van het huis|het ruikt naar verbrand plastic bij het stopcontact|stopcontact hangt uit de muur|kabels hangen los|de differentieel springt steeds|we zitten zonder stroom|het licht flikkert in huis'
			)
		},
		fr: {
			subjects: s("la prise|les prises|le fusible|le disjoncteur|la lumière de la cuisine|l'interrupteur"),
			predicates: s('ne marche plus|saute tout le temps|fait des étincelles|est cassé'),
			lines: s("plus d'électricité|le courant saute tout le temps|une prise brûlée|des fils qui pendent du mur")
		},
		en: {
			subjects: s('the socket|the fuse|the fuse box|the light switch|the kitchen lights'),
			predicates: s('is not working|keeps tripping|is sparking|is broken'),
			lines: s('no power in the flat|power keeps going off|burning smell from the socket|wires hanging out of the wall')
		}
	},
	doors_windows: {
		weight: 7,
		place: 'home',
		nl: {
			subjects: s(
				'de voordeur|de deur|het slot|het raam|het raam in de slaapkamer|de ramen|het rolluik|de rolluiken|de klink|de deurklink|de terrasdeur|de ruit|de achterdeur'
			),
			predicates: s('sluit niet meer|klemt|is kapot|gaat niet meer open|is gebarsten|gaat niet meer dicht|hangt scheef|blokkeert|tocht heel erg'),
			lines: s(
				'ik kan mijn deur niet meer op slot doen|het rolluik zit vast|sleutel afgebroken in het slot|er is ingebroken en het slot is kapot|raam gaat niet meer dicht|het tocht overal langs de ramen|ruit is gebarsten|de klink is eraf|de deur van de berging sluit niet'
			)
		},
		fr: {
			subjects: s('la porte|la serrure|la fenêtre|le volet|les volets|la vitre|la poignée'),
			predicates: s("ne ferme plus|est bloqué|est cassé|ne s'ouvre plus"),
			lines: s('la porte ne ferme plus à clé|le volet roulant est coincé|la vitre est fissurée|la clé est cassée dans la serrure')
		},
		en: {
			subjects: s('the front door|the lock|the window|the shutter|the door handle|the glass'),
			predicates: s('doesnt close|is stuck|is broken|wont open|is cracked'),
			lines: s('cant lock my door|the roller shutter is stuck|key broke in the lock|window wont close')
		}
	},
	lift: {
		weight: 6,
		place: 'common',
		nl: {
			subjects: s('de lift|de liften|de lift van ons blok|de lift aan de achterkant'),
			predicates: s(
				'is weer kapot|staat stil|is defect|werkt al dagen niet|blijft hangen|stopt tussen twee verdiepingen|gaat niet open|doet raar|schokt|is buiten dienst'
			),
			lines: s(
				'we zitten vast in de lift|lift alweer buiten dienst|met de rolstoel kan ik niet naar beneden zonder lift|de liftdeur gaat niet dicht|de lift stopt niet op onze verdieping|mijn moeder kan de trap niet op nu de lift stuk is|de knoppen van de lift werken niet|het alarm in de lift werkt niet|de lift maakt een vreselijk lawaai'
			)
		},
		fr: {
			subjects: s("l'ascenseur|les ascenseurs"),
			predicates: s("est encore en panne|ne marche plus|est bloqué|s'arrête entre deux étages"),
			lines: s("on est coincé dans l'ascenseur|ascenseur hors service depuis lundi|la porte de l'ascenseur ne ferme pas")
		},
		en: {
			subjects: s('the lift|the elevator'),
			predicates: s('is broken again|is out of order|got stuck|wont come'),
			lines: s('people stuck in the lift|elevator out of order again|cant get the pram up without the lift')
		}
	},
	common_cleaning: {
		weight: 7,
		place: 'common',
		nl: {
			subjects: s('de trappenhal|de inkomhal|de gang|de kelder|de fietsenberging|het afvallokaal|de traphal|de vuilnisruimte'),
			predicates: s('is heel vuil|stinkt|ligt vol afval|wordt nooit gepoetst|ligt vol zakken|is smerig|ruikt naar pis'),
			lines: s(
				'het ruikt naar urine in de trappenhal|er ligt hondenpoep op de trap|niemand poetst de gang|afval in de kelder|vuilzakken in de gang|overal sigarettenpeuken in de hal|ratten in de afvalruimte|de containers in het afvallokaal puilen uit|stank in de kelder|kakkerlakken in de gemeenschappelijke ruimte|de poetsdienst is al weken niet geweest'
			)
		},
		fr: {
			subjects: s("la cage d'escalier|le hall|la cave|le local poubelles|le couloir"),
			predicates: s("est très sale|pue|est plein de déchets|n'est jamais nettoyé"),
			lines: s("ça sent l'urine dans l'escalier|des sacs poubelles dans le couloir|personne ne nettoie le hall")
		},
		en: {
			subjects: s('the stairwell|the hallway|the basement|the bin room'),
			predicates: s('is filthy|stinks|is full of rubbish|never gets cleaned'),
			lines: s('smells of pee in the stairs|rubbish bags left in the corridor|rats in the bin room')
		}
	},
	common_lighting: {
		weight: 4,
		place: 'common',
		nl: {
			subjects: s(
				'het licht in de gang|de verlichting in de trappenhal|het licht op de trap|de lampen in de parking|de verlichting in de kelder|de lamp aan de inkom|het licht in de fietsenstalling|de buitenlamp aan de ingang|de lamp op onze overloop'
			),
			predicates: s('is kapot|brandt niet meer|blijft de hele dag branden|flikkert|gaat niet aan|is stuk'),
			lines: s(
				'het is pikdonker in de trappenhal|in de parking is het s avonds helemaal donker|de lichtsensor in de gang werkt niet|ik val bijna op de trap want geen licht|de minuterie gaat te snel uit'
			)
		},
		fr: {
			subjects: s("la lumière du couloir|l'éclairage de l'escalier|les lampes du parking|la lumière de la cave"),
			predicates: s('ne marche plus|est cassée|reste allumée|clignote'),
			lines: s("il fait tout noir dans l'escalier|pas de lumière au parking le soir")
		},
		en: {
			subjects: s('the light in the hallway|the stairwell lights|the lights in the car park|the basement light'),
			predicates: s('is broken|doesnt turn on|flickers|stays on all day'),
			lines: s('pitch dark in the stairwell|no lights in the parking garage at night')
		}
	},
	noise: {
		weight: 8,
		place: 'none',
		nl: {
			lines: s(
				'de buren maken elke nacht lawaai|luide muziek tot 3 uur s nachts|feestje bij de bovenburen elk weekend|de hond van de buren blaft de hele dag|jongeren op het plein maken lawaai tot laat|ze stampen en roepen boven ons|ik kan niet slapen door het lawaai|de buren boren en kloppen op zondag|de bas van de muziek dreunt door de muur|geschreeuw in de gang midden in de nacht|de lift bonkt de hele nacht|de wasmachine van de buren draait om middernacht|kinderen schoppen de bal tegen de gevel tot 10 uur|onderburen hebben elke avond feest|die honden blaffen en janken als de buren weg zijn|brommers die rondjes rijden s avonds'
			)
		},
		fr: {
			lines: s(
				"les voisins font du bruit toute la nuit|musique trop forte jusqu'à 3h|fête chez les voisins chaque week-end|le chien des voisins aboie toute la journée|je ne peux pas dormir à cause du bruit|des jeunes crient sur la place le soir"
			)
		},
		en: {
			lines: s(
				'neighbours making noise all night|loud music until 3am|party upstairs every weekend|dog next door barks all day|cant sleep because of the noise|shouting in the hallway at night'
			)
		}
	},
	neighbour_conflict: {
		weight: 5,
		place: 'none',
		nl: {
			lines: s(
				'ruzie met de buren|de buurman bedreigt mij|mijn kinderen worden gepest door de buren|de buurvrouw scheldt mij uit|ze hebben mijn auto bekrast|ik voel me niet veilig door de buurman|de buren spreken slecht over ons|conflict met de bovenburen over de was|de buurman heeft mij geduwd|ze roepen racistische dingen naar ons|ik durf niet meer naar buiten door de buren|probleem met de buren dat uit de hand loopt|de buren zetten hun spullen voor mijn deur|ze intimideren mijn dochter|de buurman komt steeds op mijn deur kloppen en roepen'
			)
		},
		fr: {
			lines: s(
				"dispute avec les voisins|le voisin me menace|mes enfants sont harcelés par les voisins|la voisine m'insulte|je ne me sens pas en sécurité à cause du voisin|conflit avec les voisins du dessus"
			)
		},
		en: {
			lines: s(
				'fight with the neighbours|my neighbour threatens me|kids are bullied by the neighbours|neighbour keeps insulting me|i dont feel safe because of the man next door'
			)
		}
	},
	dumping: {
		weight: 7,
		place: 'public',
		nl: {
			subjects: s('grofvuil|een oude zetel|een matras|vuilzakken|bouwafval|een kapotte koelkast|afval|oude meubels|autobanden'),
			predicates: s(
				'ligt naast de container|staat al weken op de stoep|is gedumpt aan het speelplein|ligt in de berm|is achtergelaten bij de glasbak|gedumpt naast de ondergrondse containers'
			),
			lines: s(
				'sluikstort aan de glasbakken|iemand heeft weer vuilzakken op straat gezet|de containers zijn vol en alles ligt ernaast|overal zwerfvuil rond het blok|sluikstorten aan de achterkant van het gebouw|mensen dumpen hun afval in het park|een hoop afval in de kelder van iemand die verhuisd is'
			)
		},
		fr: {
			subjects: s('des sacs poubelles|un vieux matelas|un canapé|des encombrants'),
			predicates: s('déposés à côté du conteneur|traînent sur le trottoir'),
			lines: s('dépôt clandestin près des bulles à verre|des déchets partout autour du bloc')
		},
		en: {
			subjects: s('rubbish bags|an old mattress|a sofa|bulky waste'),
			predicates: s('dumped next to the bins|left on the pavement'),
			lines: s('fly tipping behind the building|rubbish dumped by the bottle bank')
		}
	},
	street_lighting: {
		weight: 3,
		place: 'public',
		nl: {
			subjects: s('de straatlamp|de straatverlichting|de lantaarnpaal|de lantaarnpaal voor ons huis|de lampen langs het fietspad|de verlichting op het plein'),
			predicates: s('is kapot|brandt niet meer|flikkert|is al weken uit|hangt scheef|is omver gereden'),
			lines: s('het is pikdonker op straat s avonds|geen licht in de straat|de straat is heel donker en niet veilig|lantaarnpaal aangereden')
		},
		fr: {
			subjects: s("le lampadaire|l'éclairage public|les lampes de la rue"),
			predicates: s('ne marche plus|est cassé|reste éteint'),
			lines: s('la rue est toute noire le soir')
		},
		en: {
			subjects: s('the street light|the lamp post|the street lights'),
			predicates: s('is out|is broken|flickers'),
			lines: s('street is pitch dark at night')
		}
	},
	roads_paths: {
		weight: 4,
		place: 'public',
		nl: {
			subjects: s('het voetpad|de stoep|de weg|de straat|het fietspad|de parking|de tegels|de oprit'),
			predicates: s('ligt helemaal open|heeft een groot gat|is gevaarlijk|ligt los|is kapot|staat onder water bij regen|zit vol putten'),
			lines: s(
				'er zit een diepe put in de weg|losliggende stoeptegels|mijn moeder is gevallen over een tegel|met de rolstoel kan je niet over het voetpad|autos parkeren op het voetpad|de verkeersdrempel is kapot|gat in het wegdek voor de ingang|verkeersbord omver|er wordt veel te snel gereden in de straat'
			)
		},
		fr: {
			subjects: s('le trottoir|la route|la rue|la piste cyclable|les pavés'),
			predicates: s('est abîmé|a un grand trou|est dangereux'),
			lines: s("un nid de poule devant l'entrée|ma mère est tombée sur le trottoir")
		},
		en: {
			subjects: s('the pavement|the road|the footpath|the bike lane'),
			predicates: s('has a big hole|is dangerous|is broken up'),
			lines: s('pothole in front of the entrance|loose paving stones')
		}
	},
	green_play: {
		weight: 4,
		place: 'public',
		nl: {
			subjects: s('de speeltuin|het speeltuig|de schommel|de glijbaan|het gras|de bomen|de haag|het grasveld|het perkje'),
			predicates: s('is kapot|is gevaarlijk voor de kinderen|wordt nooit gemaaid|staat veel te hoog|moet gesnoeid worden|hangt over het pad|ligt vol glas'),
			lines: s(
				'onkruid overal tussen de tegels|het gras is al maanden niet gemaaid|een tak is afgebroken en hangt gevaarlijk|er ligt glas in de zandbak|kinderen hebben geen plek om te spelen|de bomen nemen al het licht weg|hondenpoep op het speelplein|de zandbak is vuil|de bank in het park is kapot'
			)
		},
		fr: {
			subjects: s("l'aire de jeux|la balançoire|le toboggan|l'herbe|les arbres|la haie"),
			predicates: s("est cassé|n'est jamais tondu|est dangereux pour les enfants"),
			lines: s('des mauvaises herbes partout|du verre dans le bac à sable')
		},
		en: {
			subjects: s('the playground|the swing|the slide|the grass|the trees|the hedge'),
			predicates: s('is broken|never gets mowed|is dangerous for kids'),
			lines: s('weeds everywhere|broken glass in the sandpit')
		}
	},
	money_debts: {
		weight: 5,
		place: 'none',
		nl: {
			lines: s(
				'ik kan de huur deze maand niet betalen|ik heb schulden en weet niet hoe verder|de energiefactuur is veel te hoog|ik krijg aanmaningen van de deurwaarder|ik heb een afbetalingsplan nodig|geen geld meer voor eten|de eindafrekening van het water is enorm|ze dreigen het gas af te sluiten|ik heb huurachterstand|kan ik een voorschot krijgen van het ocmw|ik geraak niet rond met mijn uitkering|de rekeningen stapelen zich op|het incassobureau blijft bellen|ik kan de schoolrekening van de kinderen niet betalen|mijn loon is in beslag genomen'
			)
		},
		fr: {
			lines: s(
				"je ne peux pas payer le loyer ce mois|j'ai des dettes|la facture d'énergie est trop élevée|un huissier m'a écrit|je n'ai plus d'argent pour manger|les factures s'accumulent"
			)
		},
		en: {
			lines: s('cant pay the rent this month|i have debts|energy bill is way too high|bailiff letters keep coming|no money left for food|bills are piling up')
		}
	},
	paperwork: {
		weight: 5,
		place: 'none',
		nl: {
			lines: s(
				'ik snap de brief van de huisvestingsmaatschappij niet|hulp nodig bij het invullen van een formulier|ik kreeg een brief van de belastingen en begrijp het niet|kan iemand mij helpen met mijn papieren|ik kan niet inloggen met itsme|hoe vraag ik een sociaal tarief aan|ik moet mijn huurcontract verlengen maar weet niet hoe|brief in het frans ontvangen|hulp bij de aanvraag van een studietoelage|mijn verblijfskaart loopt af|ik heb geen computer om het formulier te doen|de mail van de mutualiteit snap ik niet|aanvraag voor het groeipakket|ik moet een attest binnenbrengen|wie kan mij helpen met de belastingaangifte'
			)
		},
		fr: {
			lines: s(
				"je ne comprends pas la lettre|besoin d'aide pour remplir un formulaire|je n'ai pas d'ordinateur pour le formulaire|aide pour les papiers|ma carte de séjour expire"
			)
		},
		en: {
			lines: s(
				'i dont understand the letter from the housing company|need help filling in a form|cant log in with itsme|help with paperwork please|no computer to do the online form'
			)
		}
	},
	loneliness_care: {
		weight: 4,
		place: 'none',
		nl: {
			lines: s(
				'ik voel me heel eenzaam|mijn oudere buurvrouw zie ik al dagen niet meer|de buurman van 85 heeft hulp nodig|ik ben ziek en niemand helpt|ik kom nooit buiten|de oude man naast mij eet niet goed|ik zou graag iemand hebben om mee te praten|mijn mama is dement en woont alleen|ik kan niet meer alleen boodschappen doen|ik maak me zorgen om mijn buurvrouw|ze doet de deur niet meer open|ik ben net uit het ziekenhuis|niemand komt ooit op bezoek|is er iemand die eens wil langskomen|ik heb hulp nodig bij het poetsen want ik kan het niet meer'
			)
		},
		fr: { lines: s("je me sens très seul|ma voisine âgée ne sort plus|je suis malade et seule|personne ne vient me voir|j'ai besoin d'aide pour les courses") },
		en: {
			lines: s('i feel very lonely|the old lady next door hasnt been seen for days|im sick and nobody helps|no one ever visits me|need help with shopping')
		}
	}
};

/** The parts around the problem, per language. `{n}` becomes a small number. */
const FRAME: Record<
	DemoLanguage,
	Record<'opener' | 'home' | 'common' | 'public' | 'since' | 'feeling' | 'ask' | 'help' | 'thanks' | 'vague' | 'also', string[]>
> = {
	nl: {
		opener: s('hallo|goeiedag|dag|hoi|beste|hey|sorry|goedemiddag|dag mevrouw|meneer'),
		home: s('in de keuken|in de badkamer|in de slaapkamer|in de living|in het toilet|in de kinderkamer|bij ons thuis|in mijn appartement|in de woning|bij mij'),
		common: s(
			'in de trappenhal|in de gang|in de kelder|op de {n}de verdieping|op het {n}de verdiep|in blok b|in blok a|blok c van kapelakker|bij de inkom|op het gelijkvloers|wallaysplein nr {n}|in de nieuwe stad'
		),
		public: s(
			'aan de achterkant van het blok|op het plein|in onze straat|voor de ingang|in de wijk|bij de containers|aan het wallaysplein|in kapelakker|naast de parking|in de barakken|achter de blokken'
		),
		since: s(
			'al {n} weken|sinds gisteren|al een maand|sinds vorige week|al {n} dagen|sinds het weekend|al maanden|voor de zoveelste keer|weer|sinds maandag|al heel lang|opnieuw'
		),
		feeling: s(
			'dit is niet normaal|ik ben het echt beu|ik word er gek van|ik maak me zorgen|met kleine kinderen is dit gevaarlijk|niemand doet iets|we betalen wel huur hoor|ik heb al gemeld maar er gebeurt niets|echt erg|het is niet meer te doen|schandalig'
		),
		ask: s(
			'kan iemand komen kijken?|wanneer wordt dit gemaakt?|graag snel iets doen|aub dringend|kunnen jullie iemand sturen|bel mij aub|wat moet ik doen?|wie moet ik hiervoor bellen|ik heb al {n} keer gebeld|los dit aub op|help'
		),
		help: s(
			'kan iemand mij helpen?|waar kan ik terecht?|kan er iemand langskomen?|ik weet niet wat te doen|wie kan mij helpen|ik schaam me een beetje om het te vragen'
		),
		thanks: s('bedankt|dank u|mvg|groetjes|merci|alvast bedankt|dank je'),
		vague: s(
			'probleem|het is weer zover|zie foto|dringend probleem|er is iets kapot|het werkt niet|kan iemand bellen|hetzelfde probleem als vorige keer|het is weer mis'
		),
		also: s('en ook|en|trouwens|ook|plus')
	},
	fr: {
		opener: s('bonjour|salut|bonsoir|madame monsieur|allo'),
		home: s("dans la cuisine|dans la salle de bain|dans la chambre|chez moi|dans l'appartement"),
		common: s("dans le couloir|dans l'escalier|au {n}ème étage|bloc b|dans la cave|à l'entrée"),
		public: s("dans la rue|devant l'entrée|sur la place|près des conteneurs|derrière le bloc"),
		since: s('depuis {n} semaines|depuis hier|depuis un mois|depuis lundi|encore une fois|depuis longtemps'),
		feeling: s("c'est pas normal|j'en ai marre|je suis inquiète|avec les enfants c'est dangereux|personne ne fait rien"),
		ask: s("quelqu'un peut venir voir?|c'est urgent svp|merci de faire quelque chose|appelez-moi svp|que dois-je faire?"),
		help: s("vous pouvez m'aider?|je ne sais pas quoi faire|quelqu'un peut passer?"),
		thanks: s('merci|merci beaucoup|cordialement|bonne journée'),
		vague: s('problème|urgent|voir photo|ça ne marche pas|encore le même problème'),
		also: s('et aussi|et|en plus')
	},
	en: {
		opener: s('hi|hello|hey|good morning'),
		home: s('in the kitchen|in the bathroom|in the bedroom|at home|in my flat'),
		common: s('in the hallway|in the stairwell|on floor {n}|block b|in the basement'),
		public: s('in the street|in front of the entrance|on the square|by the bins|behind the block'),
		since: s('for {n} weeks|since yesterday|since monday|again|for ages'),
		feeling: s('this is not ok|im fed up|im really worried|dangerous with kids|nobody does anything'),
		ask: s('can someone come and look|please fix asap|who do i call|call me please|what should i do'),
		help: s('can someone help me|where can i go for this|i dont know what to do'),
		thanks: s('thanks|thx|thank you'),
		vague: s('problem|urgent|see photo|its not working|same problem as last time'),
		also: s('and also|and|also')
	}
};

/** Phone spelling a Dutch tenant might use for a word. */
const NL_SHORT: Record<string, string[]> = { niet: ['ni', 'nie'], wat: ['wa'], ik: ['k'], het: ["'t"], aub: ['ajb', 'pls'], weken: ['wkn'], een: ["'n"] };

/** mulberry32 (the bench's generator too): fast, 32-bit state, fine for demo data, not for secrets. */
function seeded(seed: number) {
	let state = Math.imul(seed ^ 0x9e3779b9, 2654435761) >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		chance: (p: number) => next() < p,
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
	};
}
type Rng = ReturnType<typeof seeded>;

/** One slip of the thumb: a letter dropped, two swapped or one doubled. */
function typo(word: string, rng: Rng): string {
	const i = 1 + Math.floor(rng.next() * (word.length - 2));
	const slip = rng.next();
	if (slip < 0.4) return word.slice(0, i) + word.slice(i + 1);
	if (slip < 0.8) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
	return word.slice(0, i) + word[i] + word.slice(i);
}

function problem(topic: Phrases, rng: Rng): string {
	const combine = topic.subjects && topic.predicates && rng.chance(0.55);
	return combine ? `${rng.pick(topic.subjects!)} ${rng.pick(topic.predicates!)}` : rng.pick(topic.lines);
}

/** Written like a phone message: mostly lowercase, loose punctuation, typos, abbreviations, sometimes no accents. */
function roughen(text: string, language: DemoLanguage, rng: Rng): string {
	let out = text
		.split(' ')
		.map((word) => {
			if (language === 'nl' && NL_SHORT[word] && rng.chance(0.25)) return rng.pick(NL_SHORT[word]);
			if (word.length >= 5 && /^\p{L}+$/u.test(word) && rng.chance(0.05)) return typo(word, rng);
			return word;
		})
		.join(' ');
	if (language === 'fr' && rng.chance(0.4)) out = out.normalize('NFD').replace(/\p{M}+/gu, '');
	if (language === 'en' && rng.chance(0.5)) out = out.replace(/\bi\b/g, 'I');
	const casing = rng.next();
	if (casing < 0.12) out = out.charAt(0).toUpperCase() + out.slice(1);
	else if (casing < 0.15) out = out.toUpperCase();
	return out + rng.pick(['', '', '', '!', '!!!', '.', '...', '??']);
}

function weightedCategory(rng: Rng): DemoCategoryKey {
	const keys = DEMO_CATEGORY_KEYS.map((c) => c.key);
	const total = keys.reduce((sum, k) => sum + TOPICS[k].weight, 0);
	let r = rng.next() * total;
	for (const k of keys) if ((r -= TOPICS[k].weight) < 0) return k;
	return keys[keys.length - 1];
}

/** `count` invented signal descriptions with their category; the same seed always gives the same texts. */
export function demoSignalTexts(count: number, seed: number): DemoSignalText[] {
	const rng = seeded(seed);
	const out: DemoSignalText[] = [];
	for (let i = 0; i < count; i++) {
		const category = weightedCategory(rng);
		const r = rng.next();
		const language: DemoLanguage = r < 0.75 ? 'nl' : r < 0.9 ? 'fr' : 'en';
		const topic = TOPICS[category];
		const frame = FRAME[language];
		const fill = (part: string) => part.replace('{n}', String(2 + Math.floor(rng.next() * 6)));
		const parts: string[] = [];
		if (rng.chance(0.35)) parts.push(rng.pick(frame.opener) + (rng.chance(0.5) ? ',' : ''));
		const since = rng.chance(0.4) ? fill(rng.pick(frame.since)) : null;
		if (since && rng.chance(0.25)) parts.push(since);
		// About 3% say hardly anything about the problem ("zie foto"): no classifier can place them.
		parts.push(rng.chance(0.03) ? rng.pick(frame.vague) : problem(topic[language], rng));
		const placeKind = topic.place !== 'none' && rng.chance(0.8) ? topic.place : rng.pick(['home', 'common', 'public'] as const);
		if (rng.chance(topic.place === 'none' ? 0.1 : 0.45)) parts.push(fill(rng.pick(frame[placeKind])));
		if (since && !parts.includes(since)) parts.push(since);
		if (rng.chance(0.2)) {
			const more = problem(topic[language], rng);
			if (!parts.includes(more)) parts.push(rng.chance(0.5) ? `${rng.pick(frame.also)} ${more}` : more);
		}
		// About 10% also mention another topic in passing: the category is still the first one.
		if (rng.chance(0.1)) parts.push(`${rng.pick(frame.also)} ${problem(TOPICS[weightedCategory(rng)][language], rng)}`);
		if (rng.chance(0.25)) parts.push(rng.pick(frame.feeling));
		if (rng.chance(0.4)) parts.push(fill(rng.pick(topic.place === 'none' && rng.chance(0.7) ? frame.help : frame.ask)));
		if (rng.chance(0.2)) parts.push(rng.pick(frame.thanks));
		const joined = parts
			.join(rng.pick([' ', ' ', ', ', '. ']))
			.replace(/ ([,.])/g, '$1')
			.replace(/([,.])[,.]/g, '$1');
		out.push({ text: roughen(joined, language, rng), category, language });
	}
	return out;
}
