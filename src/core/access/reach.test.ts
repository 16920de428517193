// Two regional institutes, each in its own municipality. Sara works for the institute in Wevelgem; Jonas for the one in
// Brecht. Jonas sees and changes nothing of Wevelgem's residents, households, signals, collective issues or estates,
// and cannot point a survey at its households; Sara keeps doing her work there. Every refusal leaves the data as it was.
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from './actor';
import { describeOnDatabases } from '../db/testing';
import { Forbidden, Invalid } from '../errors';
import { buildArea, buildDwelling, buildEstate, buildOrganisation, buildPeopleWorld, buildStaff, worksIn } from '../people/factories';
import { createHousehold, getHousehold, listHouseholdsByEstate, updateHousehold } from '../people/households';
import { createResident, getResident, updateResident } from '../people/residents';
import { listResidents } from '../people/resident-search';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../signals/routing/categories';
import { createCollectiveIssue, getCollectiveIssue, listCollectiveIssues } from '../signals/collective/collective';
import { addNote, changeStatus, getSignal, referralChoices, referSignal, reportSignal } from '../signals';
import { createSurvey } from '../surveys/builder';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases('each organisation stays inside its own work', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	let brecht: { id: string };
	let kapelakker: { id: string };
	let jonas: Awaited<ReturnType<typeof buildStaff>>;
	let antwerpCoordinator: Awaited<ReturnType<typeof buildStaff>>;
	let wevelgemResident: string;
	let wevelgemHousehold: string;
	let brechtResident: string;
	let signalId: string;
	let issueId: string;

	// Sets up Wevelgem (the people world) and Brecht, each with its institute.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		const antwerp = await buildOrganisation(ctx.db, 'regional_institute', 'Samenlevingsopbouw Antwerpen');
		const voorkempen = await buildOrganisation(ctx.db, 'housing_company', 'De Voorkempen');
		brecht = await buildArea(ctx.db, { name: 'Brecht', kind: 'municipality' });
		kapelakker = await buildEstate(ctx.db, brecht.id, voorkempen.id, { name: 'Kapelakker' });
		await worksIn(ctx.db, antwerp, brecht.id);
		jonas = await buildStaff(ctx.db, 'community_worker', antwerp, 'Jonas Wouters');
		antwerpCoordinator = await buildStaff(ctx.db, 'coordinator', antwerp, 'Ilse Coördinator');

		const home = await buildDwelling(ctx.db, world.estate.id, { street: 'Vlasstraat', houseNumber: '4' });
		const household = await createHousehold(ctx.db, world.worker, { name: 'Peeters', dwellingId: home.id });
		wevelgemHousehold = household.id;
		wevelgemResident = (
			await createResident(ctx.db, world.worker, { householdId: household.id, firstName: 'Marie', lastName: 'Peeters', phone: '0470 11 22 33' })
		).id;
		const brechtHome = await buildDwelling(ctx.db, kapelakker.id, { street: 'Kapelakker', houseNumber: '1' });
		const brechtHousehold = await createHousehold(ctx.db, jonas, { name: 'Janssens', dwellingId: brechtHome.id });
		brechtResident = (await createResident(ctx.db, jonas, { householdId: brechtHousehold.id, firstName: 'Tom', lastName: 'Janssens' })).id;
		// Marie's report of damp, routed to the housing company in Wevelgem.
		await ensureGeneralCategories(ctx.db);
		const damp = await createCategory(ctx.db, world.coordinator, { key: 'reach_damp', kind: 'home_repair', name: 'Vocht', isActive: true });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: damp.id, organisationId: world.shm.id, deadlineDays: 5 });
		signalId = (
			await reportSignal(
				ctx.db,
				anonymous,
				{
					kind: 'home_repair',
					categoryId: damp.id,
					description: 'Schimmel op de muur van de slaapkamer',
					estateId: world.estate.id,
					email: 'marie@example.be'
				},
				{ baseUrl }
			)
		).id;
	});

	it('Jonas neither reads nor changes a Wevelgem resident or household; Sara does', async () => {
		await expect(getResident(ctx.db, jonas, wevelgemResident)).rejects.toThrow(Forbidden);
		await expect(getHousehold(ctx.db, jonas, wevelgemHousehold)).rejects.toThrow(Forbidden);
		await expect(updateResident(ctx.db, jonas, wevelgemResident, { firstName: 'Gewijzigd', lastName: 'Peeters' })).rejects.toThrow(Forbidden);
		await expect(updateHousehold(ctx.db, jonas, wevelgemHousehold, { name: 'Gewijzigd' })).rejects.toThrow(Forbidden);
		// Nor by adding someone to that household, or by moving his own resident into it.
		await expect(createResident(ctx.db, jonas, { householdId: wevelgemHousehold, firstName: 'Indringer', lastName: 'X' })).rejects.toThrow(Forbidden);
		await expect(updateResident(ctx.db, jonas, brechtResident, { householdId: wevelgemHousehold, firstName: 'Tom', lastName: 'Janssens' })).rejects.toThrow(
			Forbidden
		);
		const [wevelgemDwelling] = await ctx.db
			.selectFrom('dwellings')
			.innerJoin('buildings', 'buildings.id', 'dwellings.building_id')
			.select('dwellings.id')
			.where('buildings.estate_id', '=', world.estate.id)
			.execute();
		await expect(createHousehold(ctx.db, jonas, { name: 'Ergens', dwellingId: wevelgemDwelling.id })).rejects.toThrow(Forbidden);
		expect((await getResident(ctx.db, world.worker, wevelgemResident)).resident).toMatchObject({
			first_name: 'Marie',
			household_id: wevelgemHousehold,
			phone: '0470 11 22 33'
		});
		expect((await getHousehold(ctx.db, world.worker, wevelgemHousehold)).household.name).toBe('Peeters');
		// Each audit entry of these reads names the reader's organisation.
		const reads = await ctx.db
			.selectFrom('audit_log')
			.select(['organisation_id'])
			.where('resource_id', '=', wevelgemResident)
			.where('action', '=', 'read')
			.execute();
		expect(reads.map((r) => r.organisation_id)).toEqual([world.institute.id]);
	});

	it('lists show each institute its own people only', async () => {
		// Jonas's list may also hold someone he registered without a home (the test below): never a Wevelgem resident.
		const jonasSees = (await listResidents(ctx.db, jonas)).items.map((r) => r.firstName);
		expect(jonasSees).toContain('Tom');
		expect(jonasSees).not.toContain('Marie');
		expect((await listResidents(ctx.db, world.worker)).items.map((r) => r.firstName)).toEqual(['Marie']);
		expect(await listHouseholdsByEstate(ctx.db, jonas, world.estate.id)).toEqual([]);
		expect((await listHouseholdsByEstate(ctx.db, antwerpCoordinator, kapelakker.id)).map((h) => h.name)).toEqual(['Janssens']);
	});

	it('people the institute registered without a home stay with it', async () => {
		const alone = await createResident(ctx.db, jonas, { firstName: 'Zonder', lastName: 'Woning' });
		expect((await getResident(ctx.db, jonas, alone.id)).resident.first_name).toBe('Zonder');
		await expect(getResident(ctx.db, world.worker, alone.id)).rejects.toThrow(Forbidden);
		expect((await listResidents(ctx.db, world.worker)).items.map((r) => r.firstName)).toEqual(['Marie']);
	});

	it("Jonas neither reads nor handles a signal in Wevelgem routed to the housing company; Sara's institute follows it", async () => {
		await expect(getSignal(ctx.db, jonas, signalId)).rejects.toThrow(Forbidden);
		await expect(changeStatus(ctx.db, jonas, signalId, { status: 'accepted' }, { baseUrl })).rejects.toThrow(Forbidden);
		await expect(addNote(ctx.db, jonas, signalId, { body: 'Bericht', toReporter: true }, { baseUrl })).rejects.toThrow(Forbidden);
		await expect(referSignal(ctx.db, jonas, signalId, { toOrganisationId: world.ocmw.id, note: 'Overnemen' }, { baseUrl })).rejects.toThrow(Forbidden);
		const untouched = await ctx.db.selectFrom('signals').select(['status']).where('id', '=', signalId).executeTakeFirstOrThrow();
		expect(untouched.status).toBe('new');
		expect(await ctx.db.selectFrom('signal_events').select('kind').where('signal_id', '=', signalId).where('actor_id', '=', jonas.id).execute()).toEqual([]);
		expect((await getSignal(ctx.db, world.worker, signalId)).signal?.description).toContain('Schimmel');
		await changeStatus(ctx.db, world.worker, signalId, { status: 'accepted' }, { baseUrl });
	});

	it('the referral form offers the organisations that work where the signal is, and nothing else is accepted', async () => {
		const choices = await referralChoices(ctx.db, world.landlord, signalId);
		expect(choices.organisations.map((o) => o.id).sort()).toEqual([world.institute.id, world.ocmw.id].sort());
		const antwerp = jonas.organisationId!;
		const refused = await referSignal(ctx.db, world.landlord, signalId, { toOrganisationId: antwerp, note: 'Kunnen jullie dit opnemen?' }, { baseUrl }).catch(
			(e) => e
		);
		expect(refused).toBeInstanceOf(Invalid);
		expect((refused as Invalid).issues[0]).toMatchObject({ path: 'toOrganisationId', code: 'referral_outside_area' });
		expect(await ctx.db.selectFrom('referrals').select('id').where('signal_id', '=', signalId).execute()).toEqual([]);
	});

	it('a collective issue of a Wevelgem estate is not Jonas’s to read or list', async () => {
		issueId = (await createCollectiveIssue(ctx.db, world.worker, { title: 'Vocht in de blokken', estateId: world.estate.id, signalIds: [signalId] })).id;
		await expect(getCollectiveIssue(ctx.db, jonas, issueId)).rejects.toThrow(Forbidden);
		expect(await listCollectiveIssues(ctx.db, jonas)).toEqual([]);
		await expect(createCollectiveIssue(ctx.db, jonas, { title: 'Overname', estateId: world.estate.id, signalIds: [signalId] })).rejects.toThrow(Forbidden);
		expect((await listCollectiveIssues(ctx.db, world.coordinator)).map((i) => i.id)).toEqual([issueId]);
	});

	it('a survey reaches households only where the running organisation works', async () => {
		const survey = { title: { nl: { text: 'Hoe woont u?' } }, consent: { nl: { text: 'We bewaren geen namen.' } }, modes: ['open_link'] };
		const refused = await createSurvey(ctx.db, jonas, { ...survey, estateIds: [world.estate.id] } as never).catch((e) => e);
		expect(refused).toBeInstanceOf(Invalid);
		expect((refused as Invalid).issues[0]).toMatchObject({ path: 'estateIds', code: 'outside_working_area' });
		expect((await createSurvey(ctx.db, jonas, { ...survey, estateIds: [kapelakker.id] } as never)).id).toBeTruthy();
	});
});
