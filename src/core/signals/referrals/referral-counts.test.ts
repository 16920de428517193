// The staff menu says how many referrals wait for an answer: Pieter of the housing company sees "1" when the
// community worker refers a nuisance signal to his company, and nothing once he answered; other organisations, the
// admin and a resident always see 0.
import { expect, it } from 'vitest';
import { anonymous } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { buildPeopleWorld } from '../../people/factories';
import { createCategory, ensureGeneralCategories, setRoutingRule } from '../routing/categories';
import { waitingReferralCount } from './referral-counts';
import { referSignal, registerSignal, respondToReferral } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases('waiting referrals in the menu', (ctx) => {
	it("counts the pending referrals to the reader's organisation only", async () => {
		const world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		const noise = await createCategory(ctx.db, world.coordinator, { key: 'noise', kind: 'nuisance', name: 'Lawaai', isActive: true });
		await setRoutingRule(ctx.db, world.coordinator, { categoryId: noise.id, organisationId: world.institute.id, deadlineDays: 5 });
		const signals = [];
		for (const text of ['Lawaai in de trappenhal elke nacht', 'Geblaf op de gemeenschappelijke gang']) {
			signals.push(
				await registerSignal(
					ctx.db,
					world.worker,
					{ kind: 'nuisance', categoryId: noise.id, description: text, estateId: world.estate.id, channel: 'street' },
					{ baseUrl }
				)
			);
		}
		expect(await waitingReferralCount(ctx.db, world.landlord)).toBe(0);

		const referrals = [];
		for (const s of signals)
			referrals.push(await referSignal(ctx.db, world.worker, s.id, { toOrganisationId: world.shm.id, note: 'Jullie huurreglement' }, { baseUrl }));
		expect(await waitingReferralCount(ctx.db, world.landlord)).toBe(2);
		for (const reader of [world.worker, world.coordinator, world.ocmwWorker, world.otherLandlord, world.admin, anonymous])
			expect(await waitingReferralCount(ctx.db, reader)).toBe(0);

		await respondToReferral(ctx.db, world.landlord, referrals[0].id, { accept: true }, { baseUrl });
		expect(await waitingReferralCount(ctx.db, world.landlord)).toBe(1);
		await respondToReferral(ctx.db, world.landlord, referrals[1].id, { accept: false, reason: 'Dit is overlast tussen buren: buurtwerk' }, { baseUrl });
		expect(await waitingReferralCount(ctx.db, world.landlord)).toBe(0);
	});
});
