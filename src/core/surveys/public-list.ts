// The surveys a resident can find on the public pages (the home page, an area's or an estate's page): the ones taking
// answers now and the ones whose results were published with what was done. Never a draft, never an unpublished
// wave; a survey shows on a place's page only when it targets that place, a place around it or a place inside it.
// Surveys are few (tens), the areas many (thousands): the surveys' targets are read whole and the tree walked from them.
import { authorize, type Actor } from '../access';
import { areaPath } from '../areas/tree';
import type { Db } from '../db/database';
import { wordingFor } from './answers';
import type { Wording } from './model';
import { modesOf, waveIsOpen } from './records';

export type PublicSurveyItem = {
	slug: string;
	title: string;
	/** The estates and areas it asks, by name ("Wallaysplein, Vlashof"). */
	places: string[];
};
export type OpenPublicSurvey = PublicSurveyItem & {
	/** Anyone with the link may answer; otherwise only with the code of the household's letter (or on paper). */
	openLink: boolean;
	closesAt: string | null;
};
export type PublishedPublicSurvey = PublicSurveyItem & { waveNumber: number; publishedAt: string };
export type PublicSurveys = { open: OpenPublicSurvey[]; published: PublishedPublicSurvey[] };

/** Which place's page asks: an area (with what lies inside it) or one estate. None: every public survey. */
export type SurveyPlace = { areaId: string } | { estateId: string } | null;

export async function publicSurveys(db: Db, actor: Actor, place: SurveyPlace, options: { locale?: string; now?: Date; limit?: number } = {}): Promise<PublicSurveys> {
	authorize(actor, 'read-public', 'survey');
	const now = options.now ?? new Date();
	const limit = options.limit ?? 20;
	const surveys = await db.selectFrom('surveys').select(['id', 'slug', 'title_texts', 'status', 'modes']).where('status', '!=', 'draft').orderBy('created_at', 'desc').execute();
	if (surveys.length === 0) return { open: [], published: [] };
	const ids = surveys.map((s) => s.id);
	const [targets, waves] = await Promise.all([
		db
			.selectFrom('survey_targets as t')
			.leftJoin('areas as a', 'a.id', 't.area_id')
			.leftJoin('estates as e', 'e.id', 't.estate_id')
			.select(['t.survey_id', 't.area_id', 't.estate_id', 'a.name as area_name', 'e.name as estate_name', 'e.area_id as estate_area_id'])
			.where('t.survey_id', 'in', ids)
			.execute(),
		db.selectFrom('survey_waves').select(['survey_id', 'number', 'opens_at', 'closes_at', 'published_at']).where('survey_id', 'in', ids).orderBy('number').execute()
	]);

	const relevant = await relevanceTest(db, place);
	const locale = options.locale ?? 'nl';
	const open: OpenPublicSurvey[] = [];
	const published: PublishedPublicSurvey[] = [];
	for (const s of surveys) {
		const own = targets.filter((t) => t.survey_id === s.id);
		if (!(await relevant(own))) continue;
		const item = {
			slug: s.slug,
			title: wordingFor(s.title_texts as Wording, locale),
			places: [...new Set(own.map((t) => t.estate_name ?? t.area_name).filter((n): n is string => !!n))].sort((a, b) => a.localeCompare(b))
		};
		const ownWaves = waves.filter((w) => w.survey_id === s.id);
		const running = s.status === 'open' ? ownWaves.find((w) => waveIsOpen(w, now)) : undefined;
		if (running) open.push({ ...item, openLink: modesOf(s).includes('open_link'), closesAt: running.closes_at });
		const latest = ownWaves.filter((w) => w.published_at !== null).at(-1);
		if (latest) published.push({ ...item, waveNumber: latest.number, publishedAt: latest.published_at! });
	}
	published.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
	return { open: open.slice(0, limit), published: published.slice(0, limit) };
}

type TargetRow = { area_id: string | null; estate_id: string | null; estate_area_id: string | null };

/**
 * Does a survey with these targets concern the place? An area's page shows surveys of the area, of an area around it
 * (the whole municipality is asked) and of areas and estates inside it; an estate's page those of the estate and of
 * the areas around it. Paths up the tree are read once per area.
 */
async function relevanceTest(db: Db, place: SurveyPlace): Promise<(targets: readonly TargetRow[]) => Promise<boolean>> {
	if (!place) return async () => true;
	const paths = new Map<string, Promise<string[]>>();
	const pathOf = (areaId: string) => {
		if (!paths.has(areaId)) paths.set(areaId, areaPath(db, areaId));
		return paths.get(areaId)!;
	};
	if ('estateId' in place) {
		const estate = await db.selectFrom('estates').select('area_id').where('id', '=', place.estateId).executeTakeFirst();
		const around = new Set(estate ? await pathOf(estate.area_id) : []);
		return async (targets) => targets.some((t) => t.estate_id === place.estateId || (t.area_id !== null && around.has(t.area_id)));
	}
	const around = new Set(await pathOf(place.areaId));
	// Targets below the area: their own path up the tree passes through it.
	const inside = async (areaId: string | null) => !!areaId && (await pathOf(areaId)).includes(place.areaId);
	return async (targets) => {
		for (const t of targets) {
			if (t.area_id !== null && (around.has(t.area_id) || (await inside(t.area_id)))) return true;
			if (t.estate_id !== null && (await inside(t.estate_area_id))) return true;
		}
		return false;
	};
}
