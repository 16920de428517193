// Stories of who may see which resident: the OCMW needs the resident's consent, the housing company sees its own
// tenants, admins see nobody, and every look at someone's record is in the audit log.
import { beforeEach, expect, it } from 'vitest';
import { system } from '../access/actor';
import { searchAudit } from '../access/audit';
import { describeOnDatabases } from '../db/testing';
import { Forbidden } from '../errors';
import { buildDwelling, buildPeopleWorld } from './factories';
import { createHousehold, getHousehold, listHouseholdsByEstate, updateHousehold } from './households';
import { createResident, getResident, updateResident } from './residents';
import { listResidents } from './resident-search';
import { recordConsent, withdrawConsent } from './consents';

describeOnDatabases(
	'people: households, residents and consent',
	(ctx) => {
		const setup = system('test');
		let w: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let households: { peeters: string; yilmaz: string; elsewhere: string };
		let residents: { marie: string; ahmet: string; jan: string };

		let marieContactChannel: string | null;
		/** Marie's consent to share her help request with the OCMW, as the community worker records it. */
		const consentForOcmw = () =>
			recordConsent(ctx.db, w.worker, { residentId: residents.marie, organisationId: w.ocmw.id, scope: 'help_request', purpose: 'Hulp bij energiefactuur' });

		// Each test gets its own database (each: true) with two households on the estate and one on another company's estate.
		beforeEach(async () => {
			w = await buildPeopleWorld(ctx.db);
			const d1 = await buildDwelling(ctx.db, w.estate.id, { houseNumber: '1', externalRef: 'W-001' });
			const d2 = await buildDwelling(ctx.db, w.estate.id, { houseNumber: '2', externalRef: 'W-002' });
			const d3 = await buildDwelling(ctx.db, w.otherEstate.id, { houseNumber: '9' });
			const peeters = await createHousehold(ctx.db, w.worker, { name: 'Peeters', dwellingId: d1.id, moveInDate: '2019-03-01' });
			const yilmaz = await createHousehold(ctx.db, setup, { name: 'Yilmaz', dwellingId: d2.id, moveInDate: '2021-09-15' });
			const elsewhere = await createHousehold(ctx.db, setup, { name: 'Claes', dwellingId: d3.id });
			households = { peeters: peeters.id, yilmaz: yilmaz.id, elsewhere: elsewhere.id };
			const marie = await createResident(ctx.db, w.worker, {
				householdId: peeters.id,
				firstName: 'Marie',
				lastName: 'Peeters',
				language: 'nl',
				contactChannel: 'phone',
				phone: '0470 12 34 56'
			});
			const ahmet = await createResident(ctx.db, setup, {
				householdId: yilmaz.id,
				firstName: 'Ahmet',
				lastName: 'Yilmaz',
				language: 'tr',
				email: 'ahmet@example.org',
				contactChannel: 'email'
			});
			const jan = await createResident(ctx.db, setup, { householdId: elsewhere.id, firstName: 'Jan', lastName: 'Claes' });
			residents = { marie: marie.id, ahmet: ahmet.id, jan: jan.id };
			marieContactChannel = marie.contact_channel;
		});

		it('a resident created with a phone number and phone as her channel is reached by phone', () => {
			expect(marieContactChannel).toBe('phone');
		});

		it('the community worker sees every household on the estate with its number of residents', async () => {
			const list = await listHouseholdsByEstate(ctx.db, w.worker, w.estate.id);
			expect(list.map((h) => [h.name, h.residentCount, h.moveInDate])).toEqual([
				['Peeters', 1, '2019-03-01'],
				['Yilmaz', 1, '2021-09-15']
			]);
		});

		it('the OCMW worker cannot read Marie until the community worker records her consent for the OCMW', async () => {
			await expect(getResident(ctx.db, w.ocmwWorker, residents.marie)).rejects.toBeInstanceOf(Forbidden);
			expect(await listHouseholdsByEstate(ctx.db, w.ocmwWorker, w.estate.id)).toEqual([]);
			expect((await listResidents(ctx.db, w.ocmwWorker, {})).items).toEqual([]);

			await recordConsent(ctx.db, w.worker, {
				residentId: residents.marie,
				organisationId: w.ocmw.id,
				scope: 'help_request',
				purpose: 'Hulp bij energiefactuur'
			});

			const view = await getResident(ctx.db, w.ocmwWorker, residents.marie);
			expect(view.resident.first_name).toBe('Marie');
			// She agreed to share her help request, not her contact details.
			expect(view.resident.phone).toBeNull();
			expect((await listResidents(ctx.db, w.ocmwWorker, {})).items.map((r) => r.firstName)).toEqual(['Marie']);
			expect((await listHouseholdsByEstate(ctx.db, w.ocmwWorker, w.estate.id)).map((h) => h.name)).toEqual(['Peeters']);
			// Ahmet gave no consent: still closed.
			await expect(getResident(ctx.db, w.ocmwWorker, residents.ahmet)).rejects.toBeInstanceOf(Forbidden);
		});

		it('every read of Marie’s record is in the audit log, with who read it: the admin sees all, the coordinator her own staff’s', async () => {
			await consentForOcmw();
			await getResident(ctx.db, w.ocmwWorker, residents.marie);
			await getResident(ctx.db, w.ocmwWorker, residents.marie);
			const reads = await searchAudit(ctx.db, w.admin, { resourceType: 'resident', resourceId: residents.marie, action: 'read' });
			expect(reads.length).toBe(2);
			expect(reads.every((r) => r.actor_id === w.ocmwWorker.id)).toBe(true);
			// The institute's coordinator reviews her own organisation's reads, not the OCMW's.
			expect(await searchAudit(ctx.db, w.coordinator, { resourceType: 'resident', resourceId: residents.marie, action: 'read' })).toEqual([]);
			await getResident(ctx.db, w.worker, residents.marie);
			expect(
				(await searchAudit(ctx.db, w.coordinator, { resourceType: 'resident', resourceId: residents.marie, action: 'read' })).map((r) => r.actor_id)
			).toEqual([w.worker.id]);
			const consent = await searchAudit(ctx.db, w.coordinator, { resourceId: residents.marie, action: 'consent_record' });
			expect(consent[0].actor_id).toBe(w.worker.id);
			expect(consent[0].summary).not.toContain('Marie');
		});

		it('a consent with contact details lets the OCMW see her phone number; withdrawing consent closes her record again', async () => {
			await consentForOcmw();
			const c = await recordConsent(ctx.db, w.worker, {
				residentId: residents.marie,
				organisationId: w.ocmw.id,
				scope: 'contact_details',
				purpose: 'Terugbellen'
			});
			expect((await getResident(ctx.db, w.ocmwWorker, residents.marie)).resident.phone).toBe('0470 12 34 56');
			const all = (await getResident(ctx.db, w.worker, residents.marie)).consents;
			expect(all.map((x) => x.scope).sort()).toEqual(['contact_details', 'help_request']);
			expect(all.every((x) => x.recordedBy === 'Sara El Amrani')).toBe(true);

			await withdrawConsent(ctx.db, w.worker, { consentId: c.id, note: 'Marie belde op 3 december' });
			expect((await getResident(ctx.db, w.ocmwWorker, residents.marie)).resident.phone).toBeNull();
			const helpRequest = all.find((x) => x.scope === 'help_request')!;
			await withdrawConsent(ctx.db, w.worker, { consentId: helpRequest.id, note: 'Marie vroeg het aan de balie' });
			await expect(getResident(ctx.db, w.ocmwWorker, residents.marie)).rejects.toBeInstanceOf(Forbidden);
			expect(await listHouseholdsByEstate(ctx.db, w.ocmwWorker, w.estate.id)).toEqual([]);
			const after = (await getResident(ctx.db, w.worker, residents.marie)).consents;
			expect(after.every((x) => !x.inForce && x.withdrawnBy === 'Sara El Amrani')).toBe(true);
		});

		it('the housing company sees its own tenants only, and may update their tenancy', async () => {
			expect((await listHouseholdsByEstate(ctx.db, w.landlord, w.estate.id)).map((h) => h.name)).toEqual(['Peeters', 'Yilmaz']);
			expect(await listHouseholdsByEstate(ctx.db, w.landlord, w.otherEstate.id)).toEqual([]);
			expect((await listResidents(ctx.db, w.landlord, {})).items.map((r) => r.lastName)).toEqual(['Peeters', 'Yilmaz']);
			const ahmet = await getResident(ctx.db, w.landlord, residents.ahmet);
			expect(ahmet.resident.email).toBe('ahmet@example.org');
			await expect(getResident(ctx.db, w.landlord, residents.jan)).rejects.toBeInstanceOf(Forbidden);
			await expect(getHousehold(ctx.db, w.otherLandlord, households.yilmaz)).rejects.toBeInstanceOf(Forbidden);

			const moved = await updateHousehold(ctx.db, w.landlord, households.yilmaz, {
				name: 'Yilmaz',
				dwellingId: ahmet.dwelling!.id,
				moveInDate: '2021-09-15',
				moveOutDate: '2020-01-01'
			}).catch((e) => e);
			expect(moved.issues[0]).toMatchObject({ path: 'moveOutDate', code: 'move_out_before_move_in' });
			await updateHousehold(ctx.db, w.landlord, households.yilmaz, {
				name: 'Yilmaz',
				dwellingId: ahmet.dwelling!.id,
				moveInDate: '2021-09-15',
				moveOutDate: '2022-06-30'
			});
			expect((await listHouseholdsByEstate(ctx.db, w.landlord, w.estate.id)).map((h) => h.name)).toEqual(['Peeters']);
			const log = await searchAudit(ctx.db, w.admin, { resourceType: 'household', resourceId: households.yilmaz, action: 'update' });
			expect(log[0].summary).toBe('fields: move_out_date');
		});

		it('an admin manages accounts, not people: no list, no record', async () => {
			await expect(listHouseholdsByEstate(ctx.db, w.admin, w.estate.id)).rejects.toBeInstanceOf(Forbidden);
			await expect(listResidents(ctx.db, w.admin, {})).rejects.toBeInstanceOf(Forbidden);
			await expect(getResident(ctx.db, w.admin, residents.marie)).rejects.toBeInstanceOf(Forbidden);
			await expect(getHousehold(ctx.db, w.admin, households.peeters)).rejects.toBeInstanceOf(Forbidden);
		});

		it('the community worker finds residents by name and by area, a page at a time', async () => {
			expect((await listResidents(ctx.db, w.worker, { q: 'peet' })).items.map((r) => r.firstName)).toEqual(['Marie']);
			expect((await listResidents(ctx.db, w.worker, { q: 'yilmaz ahmet' })).total).toBe(1);
			expect((await listResidents(ctx.db, w.worker, { q: '%' })).total).toBe(0);
			expect((await listResidents(ctx.db, w.worker, { estateId: w.otherEstate.id })).items.map((r) => r.lastName)).toEqual(['Claes']);
			expect((await listResidents(ctx.db, w.worker, { areaId: w.area.id })).total).toBe(3);
			const page2 = await listResidents(ctx.db, w.worker, { pageSize: 2, page: 2 });
			expect(page2).toMatchObject({ total: 3, page: 2 });
			expect(page2.items.map((r) => r.lastName)).toEqual(['Yilmaz']);
		});

		it('an update writes which fields changed, and saving the same values writes nothing', async () => {
			const input = {
				householdId: households.peeters,
				firstName: 'Marie',
				lastName: 'Peeters',
				language: 'nl',
				contactChannel: 'phone' as const,
				phone: '0470 99 99 99'
			};
			await updateResident(ctx.db, w.worker, residents.marie, input);
			await updateResident(ctx.db, w.worker, residents.marie, input);
			const log = await searchAudit(ctx.db, w.coordinator, { resourceId: residents.marie, action: 'update' });
			expect(log.map((l) => l.summary)).toEqual(['fields: phone']);
		});

		it('the OCMW sees only its own consent, not which other partners Ahmet agreed to share with', async () => {
			await recordConsent(ctx.db, w.worker, {
				residentId: residents.ahmet,
				organisationId: w.ocmw.id,
				scope: 'household_situation',
				purpose: 'Budgetbegeleiding'
			});
			await recordConsent(ctx.db, w.worker, {
				residentId: residents.ahmet,
				organisationId: w.otherShm.id,
				scope: 'contact_details',
				purpose: 'Kandidaat-huurder'
			});
			const seenByOcmw = await getResident(ctx.db, w.ocmwWorker, residents.ahmet);
			expect(seenByOcmw.consents.map((c) => c.organisationName)).toEqual([w.ocmw.name]);
			expect(seenByOcmw.household?.moveInDate).toBe('2021-09-15');
			expect((await getResident(ctx.db, w.worker, residents.ahmet)).consents).toHaveLength(2);
			const duplicate = await recordConsent(ctx.db, w.worker, {
				residentId: residents.ahmet,
				organisationId: w.ocmw.id,
				scope: 'household_situation',
				purpose: 'Nog eens'
			}).catch((e) => e);
			expect(duplicate.code).toBe('consent_in_force');
		});
	},
	{ each: true }
);
