// An admin imports the six municipalities of the projects from open data, on both databases: what they see in the
// report, what is stored, and that a second run changes nothing. A coordinator imports only where her institute works.
import { beforeEach, expect, it } from 'vitest';
import { system, type StaffActor } from '../access';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid } from '../errors';
import { getImportJob, startImportJob } from '../jobs/imports';
import { buildStaffActor, feature, featureCollection, sixMunicipalitiesText, squareBoundary } from './factories';
import { importAreas } from './import';
import { areaAt } from './lookup';
import { createArea, getAreaBySlug, listAreas } from './areas';

describeOnDatabases(
	'importing areas from GeoJSON',
	(ctx) => {
		// Named for the stories below; an admin shapes areas anywhere (the coordinator's reach is its own test).
		let coordinator: StaffActor;
		beforeEach(async () => {
			coordinator = await buildStaffActor(ctx.db, 'admin');
		});
		const municipalities = () => listAreas(ctx.db, coordinator, { kind: 'municipality' });
		/** The six municipalities under Vlaanderen, as the import below leaves them. */
		const sixImported = async () => {
			await createArea(ctx.db, system('test'), { kind: 'region', name: 'Vlaanderen' });
			expect(await importAreas(ctx.db, coordinator, { text: sixMunicipalitiesText(), kind: 'municipality' })).toMatchObject({ created: 6 });
		};

		it('a dry run tells what would happen and stores nothing', async () => {
			const report = await importAreas(ctx.db, coordinator, { text: sixMunicipalitiesText(), fileName: 'six.geojson', kind: 'municipality', dryRun: true });
			expect(report).toMatchObject({ total: 6, created: 6, updated: 0, unchanged: 0, rejected: [], dryRun: true });
			expect(await municipalities()).toEqual([]);
		});

		it('a community worker may not import areas', async () => {
			const worker = await buildStaffActor(ctx.db, 'community_worker');
			await expect(importAreas(ctx.db, worker, { text: sixMunicipalitiesText(), kind: 'municipality' })).rejects.toThrow(Forbidden);
		});

		it('imports the six municipalities with NIS code and French name, under the one region, with progress on the job', async () => {
			const flanders = await createArea(ctx.db, system('test'), { kind: 'region', name: 'Vlaanderen' });
			const jobId = await startImportJob(ctx.db, coordinator, 'areas', { dryRun: false, fileName: 'six.geojson' });
			const seen: number[] = [];
			const report = await importAreas(
				ctx.db,
				coordinator,
				{ text: sixMunicipalitiesText(), fileName: 'six.geojson', kind: 'municipality' },
				{ jobId, onProgress: (n) => seen.push(n) }
			);
			expect(report).toMatchObject({ total: 6, created: 6, updated: 0, unchanged: 0, rejected: [] });
			expect(seen).toEqual([6]);

			const rows = await municipalities();
			expect(rows.map((a) => [a.name, a.code, a.name_fr])).toEqual([
				['Brecht', '11009', null],
				['Harelbeke', '34013', null],
				['Menen', '34027', 'Menin'],
				['Oostende', '35013', 'Ostende'],
				['Tielt', '37015', null],
				['Wevelgem', '34041', null]
			]);
			expect(rows.every((a) => a.parent_id === flanders.id)).toBe(true);
			const job = await getImportJob(ctx.db, coordinator, jobId);
			expect(job).toMatchObject({ status: 'done', processed: 6, total: 6 });
			expect(job.report).toMatchObject({ created: 6, rejected: [] });
		});

		it('finds the municipality that holds a point, and nothing in the sea', async () => {
			await sixImported();
			expect((await areaAt(ctx.db, 3.18, 50.81))?.name).toBe('Wevelgem');
			expect((await areaAt(ctx.db, 2.92, 51.23))?.name).toBe('Oostende');
			expect((await areaAt(ctx.db, 4.6, 51.33))?.name).toBe('Brecht');
			expect(await areaAt(ctx.db, 2.8, 51.4)).toBeNull(); // North Sea off Oostende
			expect(await areaAt(ctx.db, Number.NaN, 50)).toBeNull();
		});

		it('importing the same file again changes nothing', async () => {
			await sixImported();
			const before = await municipalities();
			const report = await importAreas(ctx.db, coordinator, { text: sixMunicipalitiesText(), kind: 'municipality' });
			expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 6, rejected: [] });
			expect(await municipalities()).toEqual(before);
		});

		it('rejects broken features with their number and reason, and imports the rest', async () => {
			await sixImported();
			const text = featureCollection([
				feature({ naam: 'Vlaskouter' }, squareBoundary(3.16, 50.8, 0.005)),
				feature(
					{ naam: 'Open ring' },
					{
						type: 'Polygon',
						coordinates: [
							[
								[3, 50],
								[3.1, 50],
								[3.1, 50.1],
								[3, 50.1]
							]
						]
					}
				),
				feature(
					{ naam: 'Een lijn' },
					{
						type: 'LineString',
						coordinates: [
							[3, 50],
							[3.1, 50]
						]
					}
				),
				feature({ straat: 'zonder naam' }, squareBoundary(3.2, 50.8, 0.005)),
				feature({ naam: 'Op de maan' }, squareBoundary(200, 50, 1)),
				feature({ naam: 'Vlaskouter' }, squareBoundary(3.17, 50.8, 0.005)),
				{ type: 'Point' },
				feature(
					{ naam: 'Tekst' },
					{
						type: 'Polygon',
						coordinates: [
							[
								['3', 50],
								[3.1, 50],
								[3.1, 50.1],
								['3', 50]
							]
						]
					}
				),
				feature(
					{ naam: 'Te kort' },
					{
						type: 'Polygon',
						coordinates: [
							[
								[3, 50],
								[3.1, 50],
								[3, 50]
							]
						]
					}
				)
			]);
			const report = await importAreas(ctx.db, coordinator, { text, kind: 'neighbourhood' });
			expect(report.created).toBe(1);
			expect(report.rejected.map((r) => [r.index, r.reason])).toEqual([
				[1, 'ring_not_closed'],
				[2, 'geometry_type'],
				[3, 'name_missing'],
				[4, 'coordinate_out_of_range'],
				[5, 'duplicate_in_file'],
				[6, 'not_a_feature'],
				[7, 'coordinate_not_number'],
				[8, 'ring_too_short']
			]);
			// A neighbourhood imported without a parent lands in the municipality that holds it.
			const vlaskouter = await getAreaBySlug(ctx.db, coordinator, 'vlaskouter');
			expect(vlaskouter.parent_id).toBe((await getAreaBySlug(ctx.db, coordinator, 'wevelgem')).id);
			expect((await areaAt(ctx.db, 3.162, 50.802))?.slug).toBe('vlaskouter');
		});

		it('refuses a file that is not a FeatureCollection whole, stores nothing and marks the job failed', async () => {
			await sixImported();
			const count = (await listAreas(ctx.db, coordinator)).length;
			for (const [text, code] of [
				['this is not json', 'not_json'],
				['{"type":"Feature","geometry":null}', 'not_feature_collection'],
				['{"type":"FeatureCollection","features":[]}', 'no_features']
			] as const) {
				const jobId = await startImportJob(ctx.db, coordinator, 'areas', { dryRun: false });
				const err = await importAreas(ctx.db, coordinator, { text, kind: 'neighbourhood' }, { jobId }).catch((e) => e);
				expect(err).toBeInstanceOf(Invalid);
				expect((err as Invalid).issues[0].code).toBe(code);
				expect(await getImportJob(ctx.db, coordinator, jobId)).toMatchObject({ status: 'failed', report: { error: code } });
			}
			expect((await listAreas(ctx.db, coordinator)).length).toBe(count);
		});

		it('a coordinator of the institute working in Brecht changes Brecht, and Wevelgem is left as it is and named', async () => {
			await sixImported();
			const brecht = await getAreaBySlug(ctx.db, coordinator, 'brecht');
			const wevelgem = await getAreaBySlug(ctx.db, coordinator, 'wevelgem');
			const antwerp = await buildStaffActor(ctx.db, 'coordinator', 'regional_institute', { worksIn: [brecht.id] });
			const text = featureCollection([
				feature({ nis: '11009', name_nl: 'Brecht', name_fr: 'Brecht' }, squareBoundary(4.6, 51.35, 0.05)),
				feature({ nis: '34041', name_nl: 'Wevelgem (van Antwerpen)' }, squareBoundary(3.2, 50.8, 0.05))
			]);
			const report = await importAreas(ctx.db, antwerp, { text, kind: 'municipality' });
			expect(report).toMatchObject({ created: 0, updated: 1, rejected: [{ index: 1, reason: 'outside_working_area', name: 'Wevelgem (van Antwerpen)' }] });
			expect(await getAreaBySlug(ctx.db, coordinator, 'wevelgem')).toEqual(wevelgem);
			expect((await getAreaBySlug(ctx.db, coordinator, 'brecht')).min_lon).not.toBe(brecht.min_lon);
			// A new municipality would sit in the region, outside her working area: refused as well.
			const fresh = await importAreas(ctx.db, antwerp, {
				text: featureCollection([feature({ nis: '99999', name_nl: 'Nieuwgem' }, squareBoundary(4.0, 51.0, 0.05))]),
				kind: 'municipality'
			});
			expect(fresh).toMatchObject({ created: 0, rejected: [{ reason: 'outside_working_area' }] });
		});

		it('updates a changed boundary and name on re-import, matched by code', async () => {
			await sixImported();
			const wevelgem = await getAreaBySlug(ctx.db, coordinator, 'wevelgem');
			const text = featureCollection([feature({ nis: '34041', name_nl: 'Wevelgem (nieuw)', name_fr: 'Wevelgem' }, squareBoundary(3.1, 50.78, 0.1))]);
			const report = await importAreas(ctx.db, coordinator, { text, kind: 'municipality' });
			expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
			const after = await getAreaBySlug(ctx.db, coordinator, 'wevelgem');
			expect(after).toMatchObject({ id: wevelgem.id, name: 'Wevelgem (nieuw)', min_lon: 3.1, parent_id: wevelgem.parent_id });
		});
	},
	{ each: true }
);
