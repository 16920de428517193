// The surveys a resident can find on the public pages (the home page, an area's or an estate's page): the ones taking
// answers now and the ones whose results were published with what was done. Never a draft, never an unpublished
// wave; a survey shows on a place's page only when it targets that place, a place around it or a place inside it.
// Surveys are few (tens), the areas many (thousands): the surveys' targets are read whole and matched against the
// place's path up the tree and the areas below it.
import { authorize, type Actor } from '../access';
import { areaOfEstate, placeNames } from '../areas';
import { areaAndBelow, areaPath } from '../areas';
import type { Db } from '../db';
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

export async function publicSurveys(
	db: Db,
	actor: Actor,
	place: SurveyPlace,
	options: { locale?: string; now?: Date; limit?: number } = {}
): Promise<PublicSurveys> {
	authorize(actor, 'read-public', 'survey');
	const now = options.now ?? new Date();
	const limit = options.limit ?? 20;
	const surveys = await db
		.selectFrom('surveys')
		.select(['id', 'slug', 'title_texts', 'status', 'modes'])
		.where('status', '!=', 'draft')
		.orderBy('created_at', 'desc')
		.execute();
	if (surveys.length === 0) return { open: [], published: [] };
	const ids = surveys.map((s) => s.id);
	const [targetRows, waves] = await Promise.all([
		db.selectFrom('survey_targets').select(['survey_id', 'area_id', 'estate_id']).where('survey_id', 'in', ids).execute(),
		db
			.selectFrom('survey_waves')
			.select(['survey_id', 'number', 'opens_at', 'closes_at', 'published_at'])
			.where('survey_id', 'in', ids)
			.orderBy('number')
			.execute()
	]);
	// Places are the areas module's: their names and the estates' areas come from there.
	const names = await placeNames(db, {
		areaIds: targetRows.flatMap((t) => (t.area_id ? [t.area_id] : [])),
		estateIds: targetRows.flatMap((t) => (t.estate_id ? [t.estate_id] : []))
	});
	const targets = targetRows.map((t) => {
		const estate = t.estate_id ? names.estates.get(t.estate_id) : undefined;
		return {
			...t,
			area_name: t.area_id ? (names.areas.get(t.area_id) ?? null) : null,
			estate_name: estate?.name ?? null,
			estate_area_id: estate?.areaId ?? null
		};
	});

	const relevant = await relevanceTest(db, place);
	const locale = options.locale ?? 'nl';
	const open: OpenPublicSurvey[] = [];
	const published: PublishedPublicSurvey[] = [];
	for (const s of surveys) {
		const own = targets.filter((t) => t.survey_id === s.id);
		if (!relevant(own)) continue;
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
 * the areas around it. Two reads of the tree (the path up, the areas below), whatever the number of targets.
 */
async function relevanceTest(db: Db, place: SurveyPlace): Promise<(targets: readonly TargetRow[]) => boolean> {
	if (!place) return () => true;
	if ('estateId' in place) {
		const around = new Set(await areaPath(db, await areaOfEstate(db, place.estateId)));
		return (targets) => targets.some((t) => t.estate_id === place.estateId || (t.area_id !== null && around.has(t.area_id)));
	}
	const [path, below] = await Promise.all([areaPath(db, place.areaId), areaAndBelow(db, place.areaId)]);
	const around = new Set(path);
	const inside = new Set(below);
	return (targets) =>
		targets.some(
			(t) =>
				(t.area_id !== null && (around.has(t.area_id) || inside.has(t.area_id))) ||
				(t.estate_id !== null && t.estate_area_id !== null && inside.has(t.estate_area_id))
		);
}
