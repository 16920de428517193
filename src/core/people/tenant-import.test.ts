// The housing company's tenant export, imported: a dry run shows what would change and stores nothing; bad rows are
// listed with their line; a file with a bad row stores nothing unless asked; importing the same file again changes nothing.
import { beforeEach, expect, it } from 'vitest';
import { system } from '../access/actor';
import { searchAudit } from '../access/audit';
import type { Db } from '../db/database';
import { describeOnDatabases } from '../db/testing';
import { Forbidden } from '../errors';
import { buildDwelling, buildEstate, buildPeopleWorld } from './factories';
import { listHouseholdsByEstate } from './households';
import { listResidents } from './resident-search';
import { getImportJob } from '../jobs/imports';
import { importTenants } from './tenant-import';
import { startTenantImport } from './tenant-import-job';

const HEADER =
	'dwelling_ref;estate;street;house_number;box;postal_code;tenancy_ref;move_in_date;first_name;last_name;birth_year;language;phone;email;contact_channel';

async function counts(db: Db) {
	const n = async (t: 'buildings' | 'dwellings' | 'households' | 'residents' | 'audit_log') =>
		Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		buildings: await n('buildings'),
		dwellings: await n('dwellings'),
		households: await n('households'),
		residents: await n('residents'),
		audit: await n('audit_log')
	};
}

describeOnDatabases(
	'people: importing tenants from a housing company’s CSV',
	(ctx) => {
		let w: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let file: string;
		/** The file of the first test, stored: what a second import of it or of a changed line meets. */
		const importFile = async () => expect((await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: file })).outcome).toBe('stored');

		// Each test gets its own database (each: true) with the people world, the Wallaysplein estate and the first file.
		beforeEach(async () => {
			w = await buildPeopleWorld(ctx.db);
			await buildEstate(ctx.db, w.area.id, w.shm.id, { name: 'Wallaysplein', slug: `wallaysplein-${ctx.dialect}` });
			file = [
				HEADER,
				`W-101;wallaysplein-${ctx.dialect};Vlasstraat;12;1;8560;H-2019-014;01/03/2019;Marie;Peeters;1961;nl;0470 12 34 56;;telefoon`,
				`W-101;wallaysplein-${ctx.dialect};Vlasstraat;12;1;8560;H-2019-014;01/03/2019;Lotte;Peeters;2004;nl;;lotte@example.org;`,
				`W-102;Wallaysplein;Vlasstraat;12;2;8560;H-2021-088;2021-09-15;Ahmet;Yilmaz;1979;tr;;ahmet@example.org;email`,
				`W-201;${w.estate.slug};"Kerkstraat";3;;8560;H-2020-003;;Jan;Claes;;;;;`
			].join('\r\n');
		});

		it('a dry run shows what would be created and stores nothing', async () => {
			const before = await counts(ctx.db);
			const report = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: file, dryRun: true });
			expect(report.outcome).toBe('dry_run');
			expect(report.summary).toMatchObject({
				rows: 4,
				created: 4,
				rejected: 0,
				householdsCreated: 3,
				residentsCreated: 4,
				dwellingsCreated: 3,
				buildingsCreated: 2
			});
			expect(report.rows.map((r) => [r.line, r.status])).toEqual([
				[2, 'created'],
				[3, 'created'],
				[4, 'created'],
				[5, 'created']
			]);
			expect(await counts(ctx.db)).toEqual(before);
		});

		it('the real run stores what the dry run showed, in one go, with an audit entry per record', async () => {
			const before = await counts(ctx.db);
			const progress: number[] = [];
			const report = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: file }, (p) => progress.push(p));
			expect(report.outcome).toBe('stored');
			const after = await counts(ctx.db);
			expect(after).toMatchObject({
				buildings: before.buildings + 2,
				dwellings: before.dwellings + 3,
				households: before.households + 3,
				residents: before.residents + 4
			});
			// 2 buildings + 3 dwellings + 3 households + 4 residents, and one entry for the import itself
			expect(after.audit - before.audit).toBe(13);
			expect((await listHouseholdsByEstate(ctx.db, w.worker, w.estate.id)).map((h) => h.name)).toEqual(['Claes']);
			const residents = await listResidents(ctx.db, w.worker, { q: 'peeters' });
			expect(residents.items.map((r) => r.firstName)).toEqual(['Lotte', 'Marie']);
			const imports = await searchAudit(ctx.db, w.admin, { action: 'import' });
			expect(imports[0].actor_id).toBe(w.landlord.id);
		});

		it('importing the same file again changes nothing and writes nothing', async () => {
			await importFile();
			const before = await counts(ctx.db);
			const report = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: file });
			expect(report.outcome).toBe('nothing_to_change');
			expect(report.summary).toMatchObject({ unchanged: 4, created: 0, updated: 0 });
			expect(await counts(ctx.db)).toEqual(before);
		});

		it('a changed phone number and a move-in date are updates; a household missing from the file is reported, not deleted', async () => {
			await importFile();
			const changed = [HEADER, `W-101;wallaysplein-${ctx.dialect};Vlasstraat;12;1;8560;H-2019-014;01/03/2019;Marie;Peeters;1961;nl;0499 00 00 00;;`].join('\n');
			const report = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: changed });
			expect(report.rows).toEqual([expect.objectContaining({ line: 2, status: 'updated' })]);
			expect(report.rows[0].operations).toEqual([expect.objectContaining({ entity: 'resident', kind: 'update', values: { phone: '0499 00 00 00' } })]);
			expect(report.notInFile.map((h) => h.tenancyRef).sort()).toEqual(['H-2020-003', 'H-2021-088']);
			expect((await counts(ctx.db)).households).toBeGreaterThanOrEqual(3);
			const log = await searchAudit(ctx.db, w.admin, { resourceType: 'resident', action: 'update' });
			expect(log[0].summary).toBe('tenant import line 2; fields: phone');
		});

		it('rejected rows are listed with their line and reason, and then nothing is stored unless asked', async () => {
			const bad = [
				HEADER,
				`W-301;wallaysplein-${ctx.dialect};Vlasstraat;14;;8560;H-2024-001;2024-02-30;Sofie;Wouters;;;;;`,
				`W-302;wallaysplein-${ctx.dialect};Vlasstraat;14;;8560;H-2024-002;2024-02-01;Tom;Wouters;;;;;`,
				`W-401;${w.otherEstate.slug};Lindelaan;1;;8560;H-2024-003;;Ilse;Janssens;;;;;`,
				`W-402;Nergensland;Lindelaan;2;;8560;H-2024-004;;Bart;Janssens;;;;;`,
				`W-302;wallaysplein-${ctx.dialect};Vlasstraat;14;;8560;H-2024-002;2024-02-01;Tom;Wouters;;;;;`,
				`X-1;wallaysplein-${ctx.dialect};Vlasstraat;15;;8560;H-2024-005;;Ines;Maes;;;;;`
			].join('\n');
			await buildDwelling(ctx.db, w.otherEstate.id, { externalRef: 'X-1' });
			const before = await counts(ctx.db);
			const report = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: bad });
			expect(report.outcome).toBe('nothing_stored_rejected_rows');
			expect(report.rejected).toEqual([
				{ line: 2, code: 'bad_date', field: 'move_in_date' },
				{ line: 4, code: 'estate_not_let', field: 'estate' },
				{ line: 5, code: 'unknown_estate', field: 'estate' },
				{ line: 6, code: 'duplicate_resident', field: 'last_name', params: { otherLine: 3 } },
				{ line: 7, code: 'dwelling_other_estate', field: 'dwelling_ref' }
			]);
			expect(report.rows.map((r) => r.line)).toEqual([3]);
			expect(await counts(ctx.db)).toEqual(before);

			const partial = await importTenants(ctx.db, w.landlord, { housingCompanyId: w.shm.id, csv: bad, importValidRows: true });
			expect(partial.outcome).toBe('stored');
			expect((await counts(ctx.db)).residents).toBe(before.residents + 1);
		});

		it('a housing company imports only its own tenants; the OCMW and an admin may not import', async () => {
			await expect(importTenants(ctx.db, w.otherLandlord, { housingCompanyId: w.shm.id, csv: file, dryRun: true })).rejects.toBeInstanceOf(Forbidden);
			await expect(importTenants(ctx.db, w.ocmwWorker, { housingCompanyId: w.shm.id, csv: file, dryRun: true })).rejects.toBeInstanceOf(Forbidden);
			await expect(importTenants(ctx.db, w.admin, { housingCompanyId: w.shm.id, csv: file, dryRun: true })).rejects.toBeInstanceOf(Forbidden);
			const byWorker = await importTenants(ctx.db, w.worker, { housingCompanyId: w.shm.id, csv: file, dryRun: true });
			expect(byWorker.outcome).toBe('dry_run');
		});

		it('a file without the needed columns is refused as a whole', async () => {
			const report = await importTenants(ctx.db, system('test'), { housingCompanyId: w.shm.id, csv: 'naam;adres\nMarie;Vlasstraat 1' });
			expect(report.outcome).toBe('file_rejected');
			expect(report.rejected[0]).toMatchObject({ line: 1, code: 'missing_columns' });
		});

		it('from the upload page the import runs as a job: progress reaches the end and the report lists the bad line in Dutch', async () => {
			const rows = Array.from({ length: 60 }, (_, i) => `W-5${i};wallaysplein-${ctx.dialect};Nieuwstraat;${i + 1};;8560;H-5${i};;Noor;Maes${i};;;;;`);
			const csv = [HEADER, ...rows, `W-999;wallaysplein-${ctx.dialect};Nieuwstraat;99;;8560;H-999;vandaag;Wim;Maes;;;;;`].join('\n');
			const { jobId, done } = await startTenantImport(ctx.db, w.landlord, {
				housingCompanyId: w.shm.id,
				csv,
				fileName: 'huurders.csv',
				importValidRows: true,
				locale: 'nl'
			});
			expect((await done)?.outcome).toBe('stored');
			const job = await getImportJob(ctx.db, w.landlord, jobId);
			expect(job).toMatchObject({ status: 'done', kind: 'tenants', total: 61, processed: 61, file_name: 'huurders.csv' });
			const report = job.report as { summary: { created: number; rejected: number }; rejected: Array<{ line: number; reason: string }>; changes: unknown[] };
			expect(report.summary).toMatchObject({ created: 60, rejected: 1 });
			expect(report.rejected).toEqual([
				expect.objectContaining({ line: 62, reason: 'De datum in move_in_date klopt niet. Schrijf hem als 2024-09-01 of 01/09/2024.' })
			]);
			expect(JSON.stringify(job.report)).not.toContain('Noor');
		});

		it('the OCMW cannot even start an import job', async () => {
			await expect(startTenantImport(ctx.db, w.ocmwWorker, { housingCompanyId: w.shm.id, csv: file, locale: 'nl' })).rejects.toBeInstanceOf(Forbidden);
		});
	},
	{ each: true }
);
