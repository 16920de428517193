// Areas and places are not personal data: anyone may read an area's public page, every staff member may look them up.
// Shaping them is work in the field: admins anywhere; coordinators and community workers where their organisation
// works (the place's area path meets a working area), so one institute does not redraw another's estates.
import { allow, allowPublic } from '../policy';
import { worksIn } from '../reach';

/** What the policy needs to know about a place being shaped: its area and every area above it. */
export type PlaceContext = { areaPath: readonly string[] };
const here = (a: Parameters<typeof worksIn>[0], p: PlaceContext) => worksIn(a, p.areaPath);

allowPublic('area', ['read-public']);
/** Estates by name and street only: the public page of an area lists them (never dwellings or households). */
allowPublic('estate', ['read-public']);
allow('area', ['list', 'read'], 'any-staff');
allow('area', ['create', 'update', 'delete'], ['admin']);
/** A coordinator adds and changes areas inside a working area (a new area's path is its parent's). */
allow<PlaceContext>('area', ['create', 'update', 'delete'], ['coordinator'], here);
/** Both may import a file; each area in it is then created or changed only where the importer may (areas/import.ts). */
allow('area', ['import'], ['admin', 'coordinator']);
for (const place of ['estate', 'building', 'dwelling']) {
	allow(place, ['list', 'read'], 'any-staff');
	allow(place, ['create', 'update', 'delete'], ['admin']);
	allow<PlaceContext>(place, ['create', 'update', 'delete'], ['coordinator', 'community_worker'], here);
}
