// The partner who must help can reach the person, and no more. Fatima tells the community worker at a house visit
// that she cannot pay the energy bill; she agrees that the OCMW gets her request and may call her about it on her
// mobile number. The OCMW's worker who takes it on sees that number with the request, and on Fatima's page, but not the
// email address or birth year of her record; De Vlashaard sees none of it. When Fatima withdraws her consent the number
// goes with it. The same holds for a help request referred later with consent.
import { beforeEach, expect, it } from 'vitest';
import { describeOnDatabases } from '../../db/testing';
import { Forbidden, Invalid } from '../../errors';
import { buildDwelling, buildPeopleWorld } from '../../people/factories';
import { createHousehold } from '../../people/households';
import { createResident, getResident } from '../../people/residents';
import { listConsents, withdrawConsent } from '../../people/consents';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { recordReferralConsent, referSignal, respondToReferral } from './referrals';
import { getSignal, registerSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases(
	'the organisation handling a help request reaches the resident with what she gave for it',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let fatima: string;
		let routed: string;
		let help: { id: string };

		// Each test starts from her first request, on a database of its own: the story's steps do not wait for each other.
		beforeEach(async () => {
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			help = await createCategory(ctx.db, world.coordinator, { key: 'energy_bill', kind: 'help', name: 'Energiefactuur', isActive: true });
			await setRoutingRule(ctx.db, world.coordinator, { categoryId: help.id, organisationId: world.ocmw.id, deadlineDays: 3 });
			const home = await createHousehold(ctx.db, world.worker, { name: 'Bouzid', dwellingId: (await buildDwelling(ctx.db, world.estate.id)).id });
			fatima = (
				await createResident(ctx.db, world.worker, {
					householdId: home.id,
					firstName: 'Fatima',
					lastName: 'Bouzid',
					contactChannel: 'phone',
					phone: '056 11 22 33',
					email: 'fatima@example.be',
					birthYear: 1980
				})
			).id;
			const created = await registerSignal(
				ctx.db,
				world.worker,
				{
					kind: 'help',
					categoryId: help.id,
					description: 'Kan de energiefactuur niet betalen',
					residentId: fatima,
					channel: 'house_visit',
					consentGiven: true,
					contactPhone: '0470 12 34 56',
					areaId: world.area.id
				},
				{ baseUrl }
			);
			routed = created.id;
		});

		it('at intake the worker records her consent with the number she gives for it', async () => {
			expect((await ctx.db.selectFrom('signals').select('organisation_id').where('id', '=', routed).executeTakeFirstOrThrow()).organisation_id).toBe(
				world.ocmw.id
			);
			const consent = await ctx.db.selectFrom('consents').selectAll().where('resident_id', '=', fatima).executeTakeFirstOrThrow();
			expect(consent).toMatchObject({ organisation_id: world.ocmw.id, scope: 'help_request', contact_phone: '0470 12 34 56', contact_email: null });
		});

		it('the OCMW sees her name and that number with the request, and nothing else of her record', async () => {
			const view = await getSignal(ctx.db, world.ocmwWorker, routed);
			expect(view.helpContact).toMatchObject({
				residentId: fatima,
				residentName: 'Fatima Bouzid',
				organisationName: world.ocmw.name,
				phone: '0470 12 34 56',
				email: null,
				recordedByOrganisation: world.institute.name
			});
			const record = await getResident(ctx.db, world.ocmwWorker, fatima);
			expect(record.visibility.contactDetails).toBe(false);
			expect(record.resident).toMatchObject({ phone: null, email: null, birth_year: null });
			// Her address is a contact detail too: the OCMW knows the estate, not the door.
			expect(record.dwelling).toBeNull();
			expect(record.estate?.id).toBe(world.estate.id);
			expect(record.consents.map((c) => [c.organisationId, c.contactPhone, c.contactEmail])).toEqual([[world.ocmw.id, '0470 12 34 56', null]]);
			expect(record.purposeContacts.map((c) => [c.phone, c.email])).toEqual([['0470 12 34 56', null]]);
			// The look at her contact details is in the audit log, by the OCMW.
			const reads = await ctx.db
				.selectFrom('audit_log')
				.select(['summary', 'organisation_id'])
				.where('resource_id', '=', routed)
				.where('action', '=', 'signal_read')
				.execute();
			expect(reads).toContainEqual({ summary: 'help request, contact details', organisation_id: world.ocmw.id });
		});

		it('her landlord sees neither the request nor what she gave the OCMW', async () => {
			await expect(getSignal(ctx.db, world.landlord, routed)).rejects.toThrow(Forbidden);
			expect((await getResident(ctx.db, world.landlord, fatima)).consents).toEqual([]);
			// Another housing company does not even reach her record.
			await expect(getResident(ctx.db, world.otherLandlord, fatima)).rejects.toThrow(Forbidden);
		});

		it('the worker who spoke with her sees the number too, as part of the consent she recorded', async () => {
			const consents = await listConsents(ctx.db, world.worker, fatima);
			expect(consents[0]).toMatchObject({ contactPhone: '0470 12 34 56', inForce: true });
		});

		it('a second request for the OCMW reuses the consent and keeps the email she now adds', async () => {
			await registerSignal(
				ctx.db,
				world.worker,
				{
					kind: 'help',
					categoryId: help.id,
					description: 'Nu ook een achterstand bij de huur',
					residentId: fatima,
					channel: 'phone',
					consentGiven: true,
					contactEmail: 'Fatima.B@Example.be',
					areaId: world.area.id
				},
				{ baseUrl }
			);
			const consents = await ctx.db.selectFrom('consents').selectAll().where('resident_id', '=', fatima).execute();
			expect(consents.map((c) => [c.contact_phone, c.contact_email])).toEqual([['0470 12 34 56', 'fatima.b@example.be']]);
		});

		it('a number that is no number is refused before anything is stored', async () => {
			const before = await ctx.db.selectFrom('signals').select('id').execute();
			const attempt = await registerSignal(
				ctx.db,
				world.worker,
				{
					kind: 'help',
					categoryId: help.id,
					description: 'Nog een vraag over de factuur',
					residentId: fatima,
					channel: 'phone',
					consentGiven: true,
					contactPhone: 'bel me maar',
					areaId: world.area.id
				},
				{ baseUrl }
			).catch((e) => e);
			expect(attempt).toBeInstanceOf(Invalid);
			expect((attempt as Invalid).issues[0]).toMatchObject({ path: 'contactPhone', code: 'phone' });
			expect(await ctx.db.selectFrom('signals').select('id').execute()).toHaveLength(before.length);
		});

		it('when Fatima withdraws her consent, the number goes with it', async () => {
			const consent = await ctx.db.selectFrom('consents').select('id').where('resident_id', '=', fatima).executeTakeFirstOrThrow();
			await withdrawConsent(ctx.db, world.worker, { consentId: consent.id, note: 'Fatima belde op 7 december' });
			const row = await ctx.db.selectFrom('consents').selectAll().where('id', '=', consent.id).executeTakeFirstOrThrow();
			expect([row.contact_phone, row.contact_email]).toEqual([null, null]);
			// The OCMW keeps the request it took on, but no longer a way to reach her through Leefbaar.
			expect((await getSignal(ctx.db, world.ocmwWorker, routed).catch(() => null))?.helpContact ?? null).toBeNull();
		});

		it('a help request referred later carries the contact given with the referral consent to the organisation that accepts it', async () => {
			const karim = (
				await createResident(ctx.db, world.worker, {
					firstName: 'Karim',
					lastName: 'Amrani',
					contactChannel: 'email',
					email: 'karim@example.be',
					phone: '0499 99 99 99'
				})
			).id;
			const kept = await registerSignal(
				ctx.db,
				world.worker,
				{
					kind: 'help',
					categoryId: help.id,
					description: 'Brieven van de energieleverancier',
					residentId: karim,
					channel: 'community_centre',
					areaId: world.area.id
				},
				{ baseUrl }
			);
			expect(kept.organisationId).toBe(world.institute.id);
			await recordReferralConsent(ctx.db, world.worker, kept.id, {
				toOrganisationId: world.ocmw.id,
				purpose: 'Afbetalingsplan energie',
				contactEmail: 'karim.amrani@example.be'
			});
			const referral = await referSignal(ctx.db, world.worker, kept.id, { toOrganisationId: world.ocmw.id, note: 'Graag terugbellen of mailen' }, { baseUrl });
			await respondToReferral(ctx.db, world.ocmwWorker, referral.id, { accept: true }, { baseUrl });
			const view = await getSignal(ctx.db, world.ocmwWorker, kept.id);
			expect(view.helpContact).toMatchObject({ residentName: 'Karim Amrani', phone: null, email: 'karim.amrani@example.be' });
			const record = await getResident(ctx.db, world.ocmwWorker, karim);
			expect([record.resident.phone, record.resident.email]).toEqual([null, null]);
		});
	},
	{ each: true }
);
