// Koen, the institute's coordinator in Wevelgem, changes a routing rule in place instead of deleting and adding it:
// the rule keeps its id, the next report follows the new rule, and the audit log says what changed from what to what.
// A change is checked as a new rule is (same schema), may not take another rule's category and area, and is made only
// by who may make that rule: Ilse, coordinator of the Antwerp institute, keeps to Brecht.
import { beforeEach, expect, it } from 'vitest';
import { anonymous, system } from '../../access';
import { describeOnDatabases } from '../../db/testing';
import { Forbidden, Invalid } from '../../errors';
import { fieldErrors } from '../../i18n/field-errors';
import { createTeam } from '../../partners/teams';
import { buildArea, buildOrganisation, buildPeopleWorld, buildStaff, worksIn } from '../../people/factories';
import { createCategory, deleteRoutingRule, ensureGeneralCategories, getRoutingRule, listRoutingRules, setRoutingRule, updateRoutingRule } from './categories';
import { reportSignal } from '..';

const baseUrl = 'https://leefbaar.test';

describeOnDatabases(
	'editing routing rules in place',
	(ctx) => {
		let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
		let lift: { id: string; name: string };
		let ilse: Awaited<ReturnType<typeof buildStaff>>;
		let brecht: { id: string; name: string };
		let technical: { id: string };
		let areaRule: string;
		let defaultRule: string;
		let brechtRule: string;

		const auditOf = (id: string) =>
			ctx.db
				.selectFrom('audit_log')
				.select(['action', 'summary', 'actor_id'])
				.where('resource_id', '=', id)
				.where('action', '=', 'routing_rule_update')
				.orderBy('id')
				.execute();
		const invalid = async (p: Promise<unknown>) => {
			const err = await p.then(
				() => null,
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(Invalid);
			return err as Invalid;
		};

		// Sets up Wevelgem (the people world) with a lift rule and a default, and Brecht with its own institute; each test on
		// a database of its own, as the tests change the rules.
		beforeEach(async () => {
			world = await buildPeopleWorld(ctx.db);
			await ensureGeneralCategories(ctx.db);
			lift = await createCategory(ctx.db, system('test'), { key: 'lift', kind: 'common_spaces', name: 'Lift' });
			technical = await createTeam(ctx.db, system('test'), { organisationId: world.shm.id, name: 'Technische dienst' });
			defaultRule = (await setRoutingRule(ctx.db, world.coordinator, { categoryId: lift.id, organisationId: world.institute.id, deadlineDays: 10 })).id;
			areaRule = (
				await setRoutingRule(ctx.db, world.coordinator, { categoryId: lift.id, areaId: world.area.id, organisationId: world.shm.id, deadlineDays: 5 })
			).id;
			const antwerp = await buildOrganisation(ctx.db, 'regional_institute', 'Samenlevingsopbouw Antwerpen');
			brecht = await buildArea(ctx.db, { name: 'Brecht', kind: 'municipality' });
			await worksIn(ctx.db, antwerp, brecht.id);
			ilse = await buildStaff(ctx.db, 'coordinator', antwerp, 'Ilse Coördinator');
			brechtRule = (await setRoutingRule(ctx.db, ilse, { categoryId: lift.id, areaId: brecht.id, organisationId: antwerp.id, deadlineDays: 7 })).id;
		});

		it('Koen gives the lift rule of his area a team, a shorter deadline and a higher priority: same rule, audited old → new, and the next report follows it', async () => {
			const before = await getRoutingRule(ctx.db, world.coordinator, areaRule);
			expect(before).toMatchObject({ organisation_id: world.shm.id, team_id: null, deadline_days: 5, priority: 'normal' });
			const after = await updateRoutingRule(ctx.db, world.coordinator, areaRule, {
				categoryId: lift.id,
				areaId: world.area.id,
				organisationId: world.shm.id,
				teamId: technical.id,
				deadlineDays: '2',
				priority: 'high'
			});
			expect(after).toMatchObject({ id: areaRule, team_id: technical.id, deadline_days: 2, priority: 'high' });
			const rules = await listRoutingRules(ctx.db, world.coordinator);
			expect(rules.filter((r) => r.category_id === lift.id)).toHaveLength(3);
			expect(rules.find((r) => r.id === areaRule)).toMatchObject({ team_name: 'Technische dienst', deadline_days: 2, priority: 'high', may_manage: true });

			const [entry] = await auditOf(areaRule);
			expect(entry.actor_id).toBe(world.coordinator.id);
			expect(entry.summary).toBe(`team_id: – → ${technical.id}; deadline_days: 5 → 2; priority: normal → high`);

			const signal = await reportSignal(
				ctx.db,
				anonymous,
				{
					kind: 'common_spaces',
					categoryId: lift.id,
					description: 'De lift staat al twee dagen stil',
					estateId: world.estate.id,
					locationKind: 'common_space',
					language: 'nl'
				},
				{ baseUrl }
			);
			expect(signal.organisationId).toBe(world.shm.id);
			const routed = await ctx.db.selectFrom('signals').select(['team_id', 'priority']).where('id', '=', signal.id).executeTakeFirstOrThrow();
			expect(routed).toEqual({ team_id: technical.id, priority: 'high' });

			// Saving the form unchanged writes nothing to the audit log.
			await updateRoutingRule(ctx.db, world.coordinator, areaRule, {
				categoryId: lift.id,
				areaId: world.area.id,
				organisationId: world.shm.id,
				teamId: technical.id,
				deadlineDays: 2,
				priority: 'high'
			});
			expect(await auditOf(areaRule)).toHaveLength(1);
		});

		it('checks a change as it checks a new rule: the same schema, a team of the organisation', async () => {
			const before = await getRoutingRule(ctx.db, world.coordinator, areaRule);
			const wrongDays = await invalid(
				updateRoutingRule(ctx.db, world.coordinator, areaRule, { categoryId: lift.id, areaId: world.area.id, organisationId: world.shm.id, deadlineDays: '-1' })
			);
			expect(wrongDays.issues.map((i) => i.path)).toEqual(['deadlineDays']);
			const wrongPriority = await invalid(
				updateRoutingRule(ctx.db, world.coordinator, areaRule, {
					categoryId: lift.id,
					areaId: world.area.id,
					organisationId: world.shm.id,
					deadlineDays: 2,
					priority: 'asap' as never
				})
			);
			expect(wrongPriority.issues.map((i) => i.path)).toEqual(['priority']);
			// The technical team is De Vlashaard's: it cannot stay on the rule when the rule goes to the OCMW.
			const wrongTeam = await invalid(
				updateRoutingRule(ctx.db, world.coordinator, areaRule, {
					categoryId: lift.id,
					areaId: world.area.id,
					organisationId: world.ocmw.id,
					teamId: technical.id,
					deadlineDays: 2
				})
			);
			expect(wrongTeam.issues).toMatchObject([{ path: 'teamId', code: 'team_not_in_organisation' }]);
			expect(await getRoutingRule(ctx.db, world.coordinator, areaRule)).toEqual(before);
			expect(before).toMatchObject({ organisation_id: world.shm.id });
		});

		it('refuses a change that would make the rule a second one for the same category and area, and says so in the user’s language', async () => {
			const clash = await invalid(
				updateRoutingRule(ctx.db, world.coordinator, areaRule, { categoryId: lift.id, areaId: '', organisationId: world.shm.id, deadlineDays: 2 })
			);
			expect(clash.issues).toMatchObject([{ path: 'areaId', code: 'routing_rule_taken_default' }]);
			expect(fieldErrors('nl', clash.issues).areaId).toBe(
				'Er is al een regel voor Lift in alle buurten. Pas die regel aan, of kies een andere soort of buurt.'
			);
			expect(fieldErrors('fr', clash.issues).areaId).toMatch(/^Il existe déjà une règle pour Lift dans tous les quartiers/);
			// Moving the default rule into the area that has its own rule: the error names that area.
			const named = await invalid(
				updateRoutingRule(ctx.db, world.coordinator, defaultRule, {
					categoryId: lift.id,
					areaId: world.area.id,
					organisationId: world.institute.id,
					deadlineDays: 10
				})
			);
			expect(fieldErrors('en', named.issues).areaId).toBe(
				`There is already a rule for Lift in ${world.area.name}. Change that rule, or choose another category or area.`
			);
			const lifts = await ctx.db.selectFrom('routing_rules').select(['id', 'area_id']).where('category_id', '=', lift.id).orderBy('id').execute();
			expect(lifts.map((r) => r.area_id).sort()).toEqual([null, world.area.id, brecht.id].sort());
		});

		it('lets only who may make a rule change or remove it: Ilse keeps to Brecht, partners to none, the admin anywhere', async () => {
			const change = { categoryId: lift.id, areaId: world.area.id, organisationId: world.institute.id, deadlineDays: 1 };
			const before = await getRoutingRule(ctx.db, world.coordinator, areaRule);
			await expect(updateRoutingRule(ctx.db, ilse, areaRule, change)).rejects.toThrow(Forbidden);
			await expect(deleteRoutingRule(ctx.db, ilse, areaRule)).rejects.toThrow(Forbidden);
			await expect(getRoutingRule(ctx.db, ilse, areaRule)).rejects.toThrow(Forbidden);
			// Nor by moving her own Brecht rule into Wevelgem.
			await expect(
				updateRoutingRule(ctx.db, ilse, brechtRule, {
					...change,
					areaId: world.area.id,
					categoryId: (await createCategory(ctx.db, system('test'), { key: 'lift_noise', kind: 'nuisance', name: 'Liftlawaai' })).id
				})
			).rejects.toThrow(Forbidden);
			await expect(updateRoutingRule(ctx.db, world.landlord, areaRule, change)).rejects.toThrow(Forbidden);
			await expect(updateRoutingRule(ctx.db, world.worker, areaRule, change)).rejects.toThrow(Forbidden);
			expect(await getRoutingRule(ctx.db, world.coordinator, areaRule)).toEqual(before);
			expect(before).toMatchObject({ organisation_id: world.shm.id, deadline_days: 5 });

			// Her own rule she changes; in the list, only the rules she may change carry their buttons.
			expect(
				await updateRoutingRule(ctx.db, ilse, brechtRule, { categoryId: lift.id, areaId: brecht.id, organisationId: ilse.organisationId!, deadlineDays: 4 })
			).toMatchObject({ deadline_days: 4 });
			const mine = Object.fromEntries((await listRoutingRules(ctx.db, ilse)).filter((r) => r.category_id === lift.id).map((r) => [r.id, r.may_manage]));
			expect(mine).toEqual({ [brechtRule]: true, [areaRule]: false, [defaultRule]: true });

			// The housing company's staff cannot even open a rule to change it; the admin changes any.
			await expect(getRoutingRule(ctx.db, world.landlord, areaRule)).rejects.toThrow(Forbidden);
			expect(
				await updateRoutingRule(ctx.db, world.admin, brechtRule, {
					categoryId: lift.id,
					areaId: brecht.id,
					organisationId: ilse.organisationId!,
					deadlineDays: 6
				})
			).toMatchObject({ deadline_days: 6 });
		});
	},
	{ each: true }
);
