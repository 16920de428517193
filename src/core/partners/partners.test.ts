import { expect, it } from 'vitest';
import { system } from '../access/actor';
import { signIn } from '../auth/sign-in';
import { resolveSession } from '../auth/sessions';
import { describeOnDatabases } from '../db/testing';
import { Conflict, Forbidden, Invalid } from '../errors';
import { actorOf, buildOrganisation, buildStaff } from './factories';
import { addTeamMember, createTeam, deleteTeam, getTeam, listTeams, removeTeamMember, renameTeam } from './teams';
import { createOrganisation, deleteOrganisation, listOrganisations, updateOrganisation } from './organisations';
import { createUser, deactivateUser, getUser, listUsers, reactivateUser, staffOverview, updateUser } from '../auth/accounts';

describeOnDatabases('organisations and teams', (ctx) => {
	it('an admin sets up a housing company with a team for Wallaysplein and puts a colleague in it', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const vlashaard = await createOrganisation(ctx.db, admin, { name: 'De Vlashaard (test)', kind: 'housing_company' });
		const renamed = await updateOrganisation(ctx.db, admin, {
			id: vlashaard.id,
			name: 'SHM De Vlashaard',
			kind: 'housing_company',
			email: 'info@vlashaard.example',
			phone: '056 00 00 00'
		});
		expect(renamed).toMatchObject({ name: 'SHM De Vlashaard', email: 'info@vlashaard.example' });
		const team = await createTeam(ctx.db, admin, { organisationId: vlashaard.id, name: 'Wijkteam Wallaysplein' });
		await renameTeam(ctx.db, admin, { id: team.id, name: 'Team Wallaysplein' });
		const { user: pieter } = await buildStaff(ctx.db, { role: 'partner_staff', organisation: renamed, name: 'Pieter' });
		await addTeamMember(ctx.db, admin, { teamId: team.id, userId: pieter.id });
		await addTeamMember(ctx.db, admin, { teamId: team.id, userId: pieter.id }); // twice changes nothing
		expect(await listTeams(ctx.db, admin, vlashaard.id)).toEqual([{ id: team.id, organisationId: vlashaard.id, name: 'Team Wallaysplein', memberCount: 1 }]);
		expect((await getTeam(ctx.db, admin, team.id)).members.map((m) => m.name)).toEqual(['Pieter']);
		const listed = (await listOrganisations(ctx.db, admin)).find((o) => o.id === vlashaard.id);
		expect(listed).toMatchObject({ name: 'SHM De Vlashaard', userCount: 1, teamCount: 1 });

		await removeTeamMember(ctx.db, admin, { teamId: team.id, userId: pieter.id });
		expect((await getTeam(ctx.db, admin, team.id)).members).toEqual([]);
		await deleteTeam(ctx.db, admin, team.id);
		expect(await listTeams(ctx.db, admin, vlashaard.id)).toEqual([]);
	});

	it('refuses a second organisation or team with the same name', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const ocmw = await createOrganisation(ctx.db, admin, { name: 'OCMW Menen', kind: 'welfare_centre' });
		await expect(createOrganisation(ctx.db, admin, { name: 'OCMW Menen', kind: 'welfare_centre' })).rejects.toMatchObject({
			code: 'duplicate',
			params: { field: 'name' }
		});
		const other = await buildOrganisation(ctx.db);
		await expect(updateOrganisation(ctx.db, admin, { id: other.id, name: 'OCMW Menen', kind: 'association' })).rejects.toBeInstanceOf(Conflict);
		await createTeam(ctx.db, admin, { organisationId: ocmw.id, name: 'Sociale dienst' });
		await expect(createTeam(ctx.db, admin, { organisationId: ocmw.id, name: 'Sociale dienst' })).rejects.toBeInstanceOf(Conflict);
	});

	it('keeps an organisation that still has staff, and deletes it once they have moved', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const closing = await buildOrganisation(ctx.db, { kind: 'association' });
		const elsewhere = await buildOrganisation(ctx.db);
		const { user } = await buildStaff(ctx.db, { organisation: closing });
		await expect(deleteOrganisation(ctx.db, admin, closing.id)).rejects.toMatchObject({ code: 'organisation_has_users', params: { count: 1 } });
		await updateUser(ctx.db, admin, { id: user.id, name: user.name, role: user.role, organisationId: elsewhere.id, locale: 'nl' });
		await deleteOrganisation(ctx.db, admin, closing.id);
		expect((await listOrganisations(ctx.db, admin)).map((o) => o.id)).not.toContain(closing.id);
	});

	it('refuses to delete an organisation whose consents or estates others rely on', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const shm = await buildOrganisation(ctx.db, { kind: 'housing_company' });
		const area = await ctx.db.selectFrom('areas').select('id').executeTakeFirst();
		const at = new Date().toISOString();
		const areaId = area?.id ?? 'a-' + shm.id;
		if (!area)
			await ctx.db
				.insertInto('areas')
				.values({
					id: areaId,
					parent_id: null,
					kind: 'neighbourhood',
					name: 'Test',
					name_fr: null,
					slug: 'test-' + shm.id.slice(-6),
					code: null,
					description: null,
					boundary: null,
					min_lon: null,
					min_lat: null,
					max_lon: null,
					max_lat: null,
					created_at: at,
					updated_at: at
				})
				.execute();
		await ctx.db
			.insertInto('estates')
			.values({
				id: 'e-' + shm.id,
				area_id: areaId,
				name: 'Blok',
				slug: 'blok-' + shm.id.slice(-8),
				housing_company_id: shm.id,
				description: null,
				lon: null,
				lat: null,
				boundary: null,
				created_at: at,
				updated_at: at
			})
			.execute();
		await expect(deleteOrganisation(ctx.db, admin, shm.id)).rejects.toMatchObject({ code: 'organisation_in_use' });
		expect((await listOrganisations(ctx.db, admin)).map((o) => o.id)).toContain(shm.id);
	});

	it('puts only staff of the team’s own organisation in a team', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const ocmw = await buildOrganisation(ctx.db, { kind: 'welfare_centre' });
		const team = await createTeam(ctx.db, admin, { organisationId: ocmw.id, name: 'Onthaal' });
		const { user: outsider } = await buildStaff(ctx.db);
		await expect(addTeamMember(ctx.db, admin, { teamId: team.id, userId: outsider.id })).rejects.toBeInstanceOf(Invalid);
	});

	it('lets only admins shape organisations and teams', async () => {
		const { actor: coordinator } = await buildStaff(ctx.db, { role: 'coordinator' });
		const org = await buildOrganisation(ctx.db);
		await expect(createOrganisation(ctx.db, coordinator, { name: 'Zelf gemaakt', kind: 'association' })).rejects.toBeInstanceOf(Forbidden);
		await expect(createTeam(ctx.db, coordinator, { organisationId: org.id, name: 'Eigen team' })).rejects.toBeInstanceOf(Forbidden);
		await expect(deleteOrganisation(ctx.db, coordinator, org.id)).rejects.toBeInstanceOf(Forbidden);
		expect((await listOrganisations(ctx.db, coordinator)).length).toBeGreaterThan(0);
	});
});

describeOnDatabases('staff accounts', (ctx) => {
	it('a coordinator may look people up but not create accounts; partner staff may not list staff at all', async () => {
		const { actor: coordinator } = await buildStaff(ctx.db, { role: 'coordinator' });
		const { actor: partner } = await buildStaff(ctx.db, { role: 'partner_staff' });
		await expect(createUser(ctx.db, coordinator, { email: 'nieuw@example.be', name: 'Nieuw', role: 'community_worker' })).rejects.toBeInstanceOf(Forbidden);
		await expect(listUsers(ctx.db, partner, {})).rejects.toBeInstanceOf(Forbidden);
		await expect(getUser(ctx.db, partner, coordinator.id)).rejects.toBeInstanceOf(Forbidden);
		expect((await listUsers(ctx.db, coordinator, {})).map((u) => u.id)).toContain(partner.id);
		await expect(updateUser(ctx.db, coordinator, { id: partner.id, name: 'X', role: 'admin', locale: 'nl' })).rejects.toBeInstanceOf(Forbidden);
	});

	it('filters the staff list by organisation, role, status and name', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const menen = await buildOrganisation(ctx.db, { name: 'Stad Menen', kind: 'municipality' });
		const { user: jonas } = await buildStaff(ctx.db, { organisation: menen, role: 'partner_staff', name: 'Jonas Barakken' });
		const { user: ella } = await buildStaff(ctx.db, { organisation: menen, role: 'coordinator', name: 'Ella 100%_Menen' });
		await deactivateUser(ctx.db, admin, ella.id);
		expect((await listUsers(ctx.db, admin, { organisationId: menen.id })).map((u) => u.name)).toEqual(['Ella 100%_Menen', 'Jonas Barakken']);
		expect((await listUsers(ctx.db, admin, { organisationId: menen.id, role: 'partner_staff' })).map((u) => u.id)).toEqual([jonas.id]);
		const inactive = await listUsers(ctx.db, admin, { organisationId: menen.id, status: 'inactive' });
		expect(inactive).toMatchObject([{ id: ella.id, status: 'inactive', organisationName: 'Stad Menen' }]);
		expect((await listUsers(ctx.db, admin, { search: 'BARAKKEN' })).map((u) => u.id)).toEqual([jonas.id]);
		expect((await listUsers(ctx.db, admin, { search: '100%_' })).map((u) => u.id)).toEqual([ella.id]);
		expect((await listUsers(ctx.db, admin, { search: '%' })).map((u) => u.id)).toEqual([ella.id]);
		expect(JSON.stringify(await listUsers(ctx.db, admin, {}))).not.toContain('password');
	});

	it('an admin moves a worker to another team and organisation; the read and the change are in the audit log', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const institute = await buildOrganisation(ctx.db);
		const ocmw = await buildOrganisation(ctx.db, { kind: 'welfare_centre' });
		const west = await createTeam(ctx.db, admin, { organisationId: institute.id, name: 'West' });
		const onthaal = await createTeam(ctx.db, admin, { organisationId: ocmw.id, name: 'Onthaal' });
		const { user: sara } = await buildStaff(ctx.db, { organisation: institute, name: 'Sara' });

		await updateUser(ctx.db, admin, {
			id: sara.id,
			name: 'Sara El Amrani',
			role: 'community_worker',
			organisationId: institute.id,
			locale: 'fr',
			teamIds: [west.id]
		});
		expect(await getUser(ctx.db, admin, sara.id)).toMatchObject({ name: 'Sara El Amrani', locale: 'fr', teamIds: [west.id], status: 'active' });
		// A team of another organisation, without moving: refused.
		await expect(
			updateUser(ctx.db, admin, { id: sara.id, name: 'Sara', role: 'community_worker', organisationId: institute.id, locale: 'fr', teamIds: [onthaal.id] })
		).rejects.toMatchObject({
			code: 'invalid_input',
			issues: [{ path: 'teamIds', code: 'team_other_organisation' }]
		});
		// Moving to the OCMW: the old team is left behind, a new team can be chosen.
		await updateUser(ctx.db, admin, { id: sara.id, name: 'Sara', role: 'partner_staff', organisationId: ocmw.id, locale: 'fr', teamIds: [west.id] });
		expect((await getUser(ctx.db, admin, sara.id)).teamIds).toEqual([]);
		await updateUser(ctx.db, admin, {
			id: sara.id,
			name: 'Sara',
			role: 'partner_staff',
			organisationId: ocmw.id,
			locale: 'fr',
			teamIds: onthaal.id as unknown as string[]
		});
		expect((await getUser(ctx.db, admin, sara.id)).teamIds).toEqual([onthaal.id]);

		const log = await ctx.db.selectFrom('audit_log').select(['action', 'summary']).where('resource_id', '=', sara.id).orderBy('id').execute();
		expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'update', 'read']));
		expect(log.find((l) => l.action === 'update')?.summary).toBe('name, locale, teams');
		expect(log.map((l) => l.summary ?? '').join(' ')).not.toContain('Sara');
	});

	it('switching an account off ends its sessions at once; switched on again it can sign in', async () => {
		const { actor: admin } = await buildStaff(ctx.db, { role: 'admin' });
		const { user } = await buildStaff(ctx.db, { email: 'lien@example.be', password: 'lien-haar-wachtwoord' });
		const session = await signIn(ctx.db, { email: 'lien@example.be', password: 'lien-haar-wachtwoord' }, 14);
		await deactivateUser(ctx.db, admin, user.id);
		expect(await resolveSession(ctx.db, session.token, 14)).toBeNull();
		expect(await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
		await expect(signIn(ctx.db, { email: 'lien@example.be', password: 'lien-haar-wachtwoord' }, 14)).rejects.toMatchObject({ code: 'wrong_credentials' });
		await reactivateUser(ctx.db, admin, user.id);
		await expect(signIn(ctx.db, { email: 'lien@example.be', password: 'lien-haar-wachtwoord' }, 14)).resolves.toMatchObject({ userId: user.id });
	});

	it('an admin cannot switch themselves off, and the last active admin stays an admin', async () => {
		// A fresh installation's worth of admins: only the ones made here are active admins.
		await ctx.db.updateTable('users').set({ is_active: false }).where('role', '=', 'admin').execute();
		const { user: ann, actor: annActor } = await buildStaff(ctx.db, { role: 'admin', name: 'Ann' });
		await expect(deactivateUser(ctx.db, annActor, ann.id)).rejects.toMatchObject({ code: 'cannot_deactivate_self' });
		await expect(
			updateUser(ctx.db, annActor, { id: ann.id, name: 'Ann', role: 'coordinator', organisationId: ann.organisation_id, locale: 'nl' })
		).rejects.toMatchObject({ code: 'last_admin' });
		await expect(deactivateUser(ctx.db, system('test'), ann.id)).rejects.toMatchObject({ code: 'last_admin' });

		const { user: bert, actor: bertActor } = await buildStaff(ctx.db, { role: 'admin', name: 'Bert' });
		await updateUser(ctx.db, annActor, { id: ann.id, name: 'Ann', role: 'coordinator', organisationId: ann.organisation_id, locale: 'nl' });
		await expect(deactivateUser(ctx.db, actorOf({ ...ann, role: 'admin' }, null), bert.id)).rejects.toMatchObject({ code: 'last_admin' });
		expect(await staffOverview(ctx.db, bertActor)).toMatchObject({ active: expect.any(Number), inactive: expect.any(Number) });
	});
});
