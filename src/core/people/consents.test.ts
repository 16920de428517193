// Consent is recorded by whoever spoke with the resident, for another organisation: the OCMW cannot give itself
// access to Marie's phone number, and De Vlashaard can neither record nor withdraw a consent meant for the OCMW. Marie
// withdraws hers by asking, which a worker who may see it records with how she asked. Every step is in the audit log.
import { beforeEach, expect, it } from 'vitest';
import { searchAudit } from '../access';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid, NotFound } from '../errors';
import { buildDwelling, buildPeopleWorld } from './factories';
import { createHousehold } from './households';
import { createResident, getResident } from './residents';
import { listConsents, recordConsent, withdrawConsent } from './consents';

describeOnDatabases(
	'who records and withdraws a consent',
	(ctx) => {
		let w: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let marie: string;
		let consentId: string;

		// Each test starts from Marie without consents, on a database of its own, and records what it needs.
		beforeEach(async () => {
			w = await buildPeopleWorld(ctx.db);
			const home = await buildDwelling(ctx.db, w.estate.id);
			const household = await createHousehold(ctx.db, w.worker, { name: 'Peeters', dwellingId: home.id });
			marie = (await createResident(ctx.db, w.worker, { householdId: household.id, firstName: 'Marie', lastName: 'Peeters', phone: '0470 12 34 56' })).id;
		});
		/** What the community worker records after a house visit: the OCMW may follow up, and call her back. */
		const followUp = () =>
			recordConsent(ctx.db, w.worker, { residentId: marie, organisationId: w.ocmw.id, scope: 'household_situation', purpose: 'Opvolging na huisbezoek' });
		const callBack = async () =>
			(
				await recordConsent(ctx.db, w.worker, {
					residentId: marie,
					organisationId: w.ocmw.id,
					scope: 'contact_details',
					purpose: 'Terugbellen over de energiefactuur'
				})
			).id;

		it('the OCMW cannot record a consent for itself, so Marie’s phone number stays hidden from it', async () => {
			await expect(
				recordConsent(ctx.db, w.ocmwWorker, { residentId: marie, organisationId: w.ocmw.id, scope: 'contact_details', purpose: 'Terugbellen' })
			).rejects.toThrow(Forbidden);
			// Not even once a first consent opened her record to the OCMW: a receiver cannot widen what it got.
			await followUp();
			await expect(
				recordConsent(ctx.db, w.ocmwWorker, { residentId: marie, organisationId: w.ocmw.id, scope: 'contact_details', purpose: 'Terugbellen' })
			).rejects.toThrow(Forbidden);
			expect((await getResident(ctx.db, w.ocmwWorker, marie)).resident.phone).toBeNull();
		});

		it('De Vlashaard, her landlord, cannot record a consent for the OCMW', async () => {
			await followUp();
			await expect(
				recordConsent(ctx.db, w.landlord, { residentId: marie, organisationId: w.ocmw.id, scope: 'contact_details', purpose: 'Doorgeven' })
			).rejects.toThrow(Forbidden);
			const inForce = await ctx.db.selectFrom('consents').select(['scope']).where('resident_id', '=', marie).where('withdrawn_at', 'is', null).execute();
			expect(inForce.map((c) => c.scope)).toEqual(['household_situation']);
		});

		it('the community worker who spoke with Marie records it for the OCMW, never for her own institute', async () => {
			const own = await recordConsent(ctx.db, w.worker, { residentId: marie, organisationId: w.institute.id, scope: 'contact_details', purpose: 'Zelf' }).catch(
				(e) => e
			);
			expect(own).toBeInstanceOf(Invalid);
			expect((own as Invalid).issues[0]).toMatchObject({ path: 'organisationId', code: 'consent_own_organisation' });
			const consent = await recordConsent(ctx.db, w.worker, {
				residentId: marie,
				organisationId: w.ocmw.id,
				scope: 'contact_details',
				purpose: 'Terugbellen over de energiefactuur'
			});
			consentId = consent.id;
			expect(consent).toMatchObject({ recorded_by: w.worker.id, recorded_by_organisation_id: w.institute.id });
			expect((await getResident(ctx.db, w.ocmwWorker, marie)).resident.phone).toBe('0470 12 34 56');
		});

		it('De Vlashaard neither sees nor withdraws the OCMW’s consents', async () => {
			await followUp();
			consentId = await callBack();
			expect((await getResident(ctx.db, w.landlord, marie)).consents).toEqual([]);
			await expect(withdrawConsent(ctx.db, w.landlord, { consentId, note: 'Bewoner vroeg het' })).rejects.toThrow(NotFound);
			expect((await ctx.db.selectFrom('consents').select('withdrawn_at').where('id', '=', consentId).executeTakeFirstOrThrow()).withdrawn_at).toBeNull();
			// Another housing company's staff, who cannot read Marie at all, are refused the same way.
			await expect(withdrawConsent(ctx.db, w.otherLandlord, { consentId, note: 'x' })).rejects.toThrow(NotFound);
		});

		it('Marie asks the OCMW to stop: withdrawn with how she asked, and the OCMW no longer sees her', async () => {
			await followUp();
			consentId = await callBack();
			const missing = await withdrawConsent(ctx.db, w.ocmwWorker, { consentId, note: '  ' }).catch((e) => e);
			expect(missing).toBeInstanceOf(Invalid);
			expect((missing as Invalid).issues[0].path).toBe('note');
			const withdrawn = await withdrawConsent(ctx.db, w.ocmwWorker, { consentId, note: 'Marie belde op 3 december' });
			expect(withdrawn).toMatchObject({ withdrawn_by: w.ocmwWorker.id, withdrawal_note: 'Marie belde op 3 december' });
			expect((await getResident(ctx.db, w.ocmwWorker, marie)).resident.phone).toBeNull();
			const seen = await listConsents(ctx.db, w.worker, marie);
			expect(seen.find((c) => c.id === consentId)).toMatchObject({ inForce: false, withdrawalNote: 'Marie belde op 3 december' });
			const log = await searchAudit(ctx.db, w.admin, { resourceId: marie });
			expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['consent_record', 'consent_withdraw']));
			expect(log.filter((e) => e.action === 'consent_withdraw').map((e) => e.organisation_id)).toEqual([w.ocmw.id]);
		});
	},
	{ each: true }
);
