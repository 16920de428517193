// Every deletion asks first (issue 12, point 8). Without JavaScript a worker's press on "Delete" posts the form as it
// is: the server deletes nothing and answers with a page that names what would go ("Het deel 'Uw buurt' en zijn 2
// vragen worden verwijderd…"), a "Ja, verwijderen" button that posts the same fields with confirm=yes, and a way
// back. Only that second post deletes. The admin (organisations, teams, members, working areas), Koen (a routing rule,
// an area), Sara (a referral, a survey's questions, parts, rounds, themes, the survey itself, published results, a run
// of household codes) and Pieter (a partner's one-time link) each try it; so does the admin revoking an Open311 key.
// Taking a signal out of a collective issue asks nothing but can be undone. Real build, both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../src/core/access/actor';
import { createArea } from '../../src/core/areas/areas';
import { testDialects } from '../../src/core/db/testing';
import { addWorkingArea } from '../../src/core/partners/reach';
import { createUser } from '../../src/core/auth/accounts';
import { createOrganisation } from '../../src/core/partners/organisations';
import { createTeam } from '../../src/core/partners/teams';
import { staffActor } from '../../src/core/demo/signals';
import { changeStatus, createCategory, createCollectiveIssue, referSignal, setRoutingRule } from '../../src/core/signals';
import { issueOpen311Client } from '../../src/core/signals/open311/clients';
import { startServer, type TestServer } from '../support/server';
import { DEMO, login, type HttpSession } from '../support/session';
import { reportAt } from '../support/signals';
import { buildTenantSurvey } from '../support/tenant-survey';

const visibleText = (html: string) => html.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

/** The confirmation page's "yes" form: where it posts and its hidden fields, as a browser would send them. */
function yesForm(html: string): { action: string; fields: Array<[string, string]> } {
	const form = /<section class="confirmation[^"]*"[\s\S]*?<form method="POST" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
	if (!form) throw new Error(`no confirmation form in ${html.slice(0, 400)}`);
	const fields = [...form[2].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)].map(
		(m) => [visibleText(m[1]), visibleText(m[2])] as [string, string]
	);
	return { action: visibleText(form[1]), fields };
}

for (const dialect of testDialects()) {
	describe(`a deletion asks first, also without JavaScript [${dialect}]`, () => {
		let server: TestServer;
		let admin: HttpSession;
		let koen: HttpSession;
		let sara: HttpSession;
		const actor = system('test');

		beforeAll(async () => {
			server = await startServer({ dialect });
			[admin, koen, sara] = await Promise.all([login(server, DEMO.admin), login(server, DEMO.coordinator), login(server, DEMO.communityWorker)]);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		/**
		 * `who` presses the button on `path` (a post of `fields` to `path?/action`): nothing changes (`state` reads the
		 * database) and the answer asks `question`; the page's own "yes" form then does it.
		 */
		async function asksThenDoes(
			who: HttpSession,
			page: string,
			action: string,
			fields: Record<string, string>,
			state: () => Promise<unknown>,
			question: string,
			yes = 'Ja, verwijderen'
		) {
			const before = await state();
			const asked = await who.post(`${page}?/${action}`, fields);
			const html = visibleText(await asked.text());
			expect(asked.status, html.slice(0, 600)).toBe(200);
			expect(html).toContain(question);
			expect(html).toContain(`>${yes}</button>`);
			expect(html).toMatch(new RegExp(`<a href="${page}(\\?[^"]*)?">Nee, terug</a>`));
			expect(await state(), 'a post without confirm=yes changed something').toEqual(before);

			const form = yesForm(html);
			expect(Object.fromEntries(form.fields)).toEqual({ ...fields, confirm: 'yes' });
			const target = new URL(form.action, `${server.url}${page}?/${action}`);
			const done = await who.post(target.pathname + target.search, new URLSearchParams(form.fields));
			expect([200, 303], visibleText(await done.clone().text()).slice(0, 600)).toContain(done.status);
			expect(await done.text()).not.toContain('<section class="confirmation');
			expect(await state(), 'confirm=yes did not change anything').not.toEqual(before);
		}

		it('the admin removes a working area, a team member and a team, and deletes an empty organisation, each after saying yes', async () => {
			const org = await createOrganisation(server.db, actor, { name: 'Huurdersbond Proef', kind: 'association' });
			const empty = await createOrganisation(server.db, actor, { name: 'Leeg Verbond', kind: 'association' });
			const wevelgem = await server.db.selectFrom('areas').select(['id', 'name']).where('name', '=', 'Wevelgem').executeTakeFirstOrThrow();
			await addWorkingArea(server.db, actor, { organisationId: org.id, areaId: wevelgem.id });
			const team = await createTeam(server.db, actor, { organisationId: org.id, name: 'Onthaal' });
			const other = await createTeam(server.db, actor, { organisationId: org.id, name: 'Archief' });
			const user = await createUser(server.db, actor, {
				email: 'jonas@proef.test',
				name: 'Jonas Peeters',
				role: 'partner_staff',
				organisationId: org.id,
				teamIds: [team.id]
			});
			const page = `/admin/organisations/${org.id}`;

			const areas = () => server.db.selectFrom('organisation_areas').select('area_id').where('organisation_id', '=', org.id).execute();
			await asksThenDoes(admin, page, 'removeArea', { areaId: wevelgem.id }, areas, 'Huurdersbond Proef werkt dan niet meer in Wevelgem.', 'Ja, weghalen');
			expect(await areas()).toEqual([]);

			const members = () => server.db.selectFrom('team_members').select('user_id').where('team_id', '=', team.id).execute();
			await asksThenDoes(
				admin,
				page,
				'removeMember',
				{ teamId: team.id, userId: user.id },
				members,
				'Jonas Peeters zit dan niet meer in team Onthaal.',
				'Ja, weghalen'
			);
			expect(await members()).toEqual([]);

			const teams = () => server.db.selectFrom('teams').select('name').where('organisation_id', '=', org.id).orderBy('name').execute();
			await asksThenDoes(
				admin,
				page,
				'deleteTeam',
				{ teamId: other.id },
				teams,
				'Het team Archief wordt verwijderd. De leden blijven medewerker. Dit kan niet ongedaan gemaakt worden.'
			);
			expect(await teams()).toEqual([{ name: 'Onthaal' }]);

			const emptyOrg = () => server.db.selectFrom('organisations').select('id').where('id', '=', empty.id).execute();
			await asksThenDoes(admin, `/admin/organisations/${empty.id}`, 'delete', {}, emptyOrg, 'De organisatie Leeg Verbond en haar teams worden verwijderd.');
			expect(await emptyOrg()).toEqual([]);
		});

		it('Koen deletes a routing rule and an empty area after saying yes; a rule out of his reach is refused before any question', async () => {
			// A category of this test's own, routed in Wevelgem (Koen's institute works there) and in Brecht (it does not).
			const category = await createCategory(server.db, actor, {
				key: 'proef_bank',
				kind: 'public_space',
				name: 'Kapotte zitbank',
				sortOrder: 990,
				isActive: true
			});
			const municipality = async (name: string) =>
				(await server.db.selectFrom('areas').select('id').where('name', '=', name).where('kind', '=', 'municipality').executeTakeFirstOrThrow()).id;
			const organisation = async (name: string) =>
				(await server.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
			const rule = await setRoutingRule(server.db, actor, {
				categoryId: category.id,
				areaId: await municipality('Wevelgem'),
				organisationId: await organisation('Samenlevingsopbouw West-Vlaanderen'),
				deadlineDays: 10
			});
			const brecht = await setRoutingRule(server.db, actor, {
				categoryId: category.id,
				areaId: await municipality('Brecht'),
				organisationId: await organisation('Samenlevingsopbouw Antwerpen provincie'),
				deadlineDays: 10
			});
			const rules = () => server.db.selectFrom('routing_rules').select('id').where('id', '=', rule.id).execute();
			await asksThenDoes(
				koen,
				'/staff/settings/signals',
				'deleteRule',
				{ ruleId: rule.id },
				rules,
				'De regel voor Kapotte zitbank in Wevelgem wordt verwijderd.'
			);
			expect(await rules()).toEqual([]);

			const refused = await koen.post('/staff/settings/signals?/deleteRule', { ruleId: brecht.id });
			expect(refused.status).toBe(403);
			expect(await refused.text()).not.toContain('<section class="confirmation');

			const wevelgem = await server.db.selectFrom('areas').select('id').where('name', '=', 'Wevelgem').executeTakeFirstOrThrow();
			const area = await createArea(server.db, actor, { kind: 'neighbourhood', parentId: wevelgem.id, name: 'Proefwijk', slug: 'proefwijk' });
			const areas = () => server.db.selectFrom('areas').select('id').where('id', '=', area.id).execute();
			await asksThenDoes(
				koen,
				'/staff/areas/proefwijk/edit',
				'delete',
				{},
				areas,
				'Het gebied Proefwijk wordt verwijderd. Dit kan niet ongedaan gemaakt worden.'
			);
			expect(await areas()).toEqual([]);
		});

		it('Sara withdraws a referral after saying yes', async () => {
			// A signal of her institute that she asks the OCMW about, which has not answered yet.
			const signal = await reportAt(
				server,
				{ area: 'Wevelgem', kind: 'municipality' },
				{ category: 'noise', description: 'Harde muziek tot diep in de nacht' }
			);
			const ocmw = await server.db.selectFrom('users').select('organisation_id').where('email', '=', DEMO.welfareCentre).executeTakeFirstOrThrow();
			const made = await referSignal(
				server.db,
				await staffActor(server.db, DEMO.communityWorker),
				signal.id,
				{ toOrganisationId: ocmw.organisation_id!, note: 'Kunnen jullie langsgaan bij de bewoner?' },
				{ baseUrl: server.url }
			);
			const referral = await server.db
				.selectFrom('referrals as r')
				.innerJoin('signals as s', 's.id', 'r.signal_id')
				.innerJoin('organisations as o', 'o.id', 'r.to_organisation_id')
				.select(['r.id', 's.reference', 'o.name'])
				.where('r.id', '=', made.id)
				.executeTakeFirstOrThrow();
			const status = async () => (await server.db.selectFrom('referrals').select('status').where('id', '=', referral.id).executeTakeFirstOrThrow()).status;
			await asksThenDoes(
				sara,
				'/staff/referrals',
				'withdraw',
				{ referralId: referral.id },
				status,
				`Je vraag aan ${referral.name} over melding ${referral.reference} wordt ingetrokken.`,
				'Ja, intrekken'
			);
			expect(await status()).toBe('withdrawn');
		});

		it('Sara deletes a question, a part with its questions, a round, a theme and a draft survey, and stops sharing results, each after saying yes', async () => {
			const made = await sara.post('/staff/surveys/new', {
				'title.nl': 'Proef over de buurt',
				'consent.nl': 'Anoniem.',
				modes: 'open_link',
				estateIds: (await server.db.selectFrom('estates').select('id').where('name', '=', 'Vlashof').executeTakeFirstOrThrow()).id
			});
			expect(made.status).toBe(303);
			const surveyId = /\/staff\/surveys\/([^/]+)\/structure/.exec(made.headers.get('location') ?? '')![1];
			const structurePage = `/staff/surveys/${surveyId}/structure`;
			const edit = (op: string, fields: Record<string, string>) => sara.post(`${structurePage}?/${op}`, fields);
			expect((await edit('add_section', { 'title.nl': 'Uw woning' })).status).toBe(303);
			expect((await edit('add_question', { section: '0', kind: 'yes_no', 'label.nl': 'Is uw woning warm genoeg?' })).status).toBe(303);
			expect((await edit('add_section', { 'title.nl': 'Uw buurt' })).status).toBe(303);
			expect((await edit('add_question', { section: '1', kind: 'yes_no', 'label.nl': 'Voelt u zich veilig?' })).status).toBe(303);
			expect((await edit('add_question', { section: '1', kind: 'yes_no', 'label.nl': 'Kent u uw buren?' })).status).toBe(303);
			const structure = async () => {
				const row = await server.db
					.selectFrom('survey_versions')
					.select('structure')
					.where('survey_id', '=', surveyId)
					.orderBy('number', 'desc')
					.executeTakeFirstOrThrow();
				return (typeof row.structure === 'string' ? JSON.parse(row.structure) : row.structure) as { sections: Array<{ questions: unknown[] }> };
			};
			await asksThenDoes(
				sara,
				structurePage,
				'delete_question',
				{ section: '0', question: '0' },
				structure,
				"De vraag 'Is uw woning warm genoeg?' wordt verwijderd."
			);
			expect((await structure()).sections.map((s) => s.questions.length)).toEqual([0, 2]);
			await asksThenDoes(
				sara,
				structurePage,
				'delete_section',
				{ section: '1' },
				structure,
				"Het deel 'Uw buurt' en zijn 2 vragen worden verwijderd. Dit kan niet ongedaan gemaakt worden."
			);
			expect((await structure()).sections.map((s) => s.questions.length)).toEqual([0]);
			const surveys = () => server.db.selectFrom('surveys').select('id').where('id', '=', surveyId).execute();
			await asksThenDoes(
				sara,
				`/staff/surveys/${surveyId}`,
				'delete',
				{},
				surveys,
				"De enquête 'Proef over de buurt' wordt verwijderd, met al haar vragen en rondes."
			);
			expect(await surveys()).toEqual([]);

			// A tenant survey with two rounds: a third round not begun yet, a theme, and the shared results of round 1.
			const demo = await buildTenantSurvey(server.db);
			const nextYear = new Date().getUTCFullYear() + 1;
			expect((await sara.post(`/staff/surveys/${demo.id}?/wave`, { opensAt: `${nextYear}-03-01`, closesAt: `${nextYear}-03-31` })).status).toBe(303);
			const waves = () => server.db.selectFrom('survey_waves').select(['id', 'number']).where('survey_id', '=', demo.id).orderBy('number').execute();
			const third = (await waves()).at(-1)!;
			await asksThenDoes(sara, `/staff/surveys/${demo.id}`, 'deleteWave', { waveId: third.id }, waves, `Ronde ${third.number} van '`);
			expect((await waves()).map((w) => w.id)).not.toContain(third.id);

			const theme = demo.themes[0];
			const themes = () => server.db.selectFrom('survey_themes').select('id').where('id', '=', theme.id).execute();
			await asksThenDoes(
				sara,
				`/staff/surveys/${demo.id}/open-answers`,
				'deleteTheme',
				{ themeId: theme.id },
				themes,
				`Het thema '${theme.name}' wordt verwijderd.`
			);
			expect(await themes()).toEqual([]);

			const first = await server.db
				.selectFrom('survey_waves')
				.select(['id', 'feedback_texts'])
				.where('survey_id', '=', demo.id)
				.where('number', '=', 1)
				.executeTakeFirstOrThrow();
			const published = async () =>
				(await server.db.selectFrom('survey_waves').select('published_at').where('id', '=', first.id).executeTakeFirstOrThrow()).published_at;
			expect(await published()).not.toBeNull();
			const feedback = (typeof first.feedback_texts === 'string' ? JSON.parse(first.feedback_texts) : first.feedback_texts) as Record<string, { text: string }>;
			await asksThenDoes(
				sara,
				`/staff/surveys/${demo.id}/publish`,
				'withdraw',
				{ wave: first.id, 'feedback.nl': feedback.nl.text },
				published,
				'De resultaten van ronde 1 van',
				'Ja, intrekken'
			);
			expect(await published()).toBeNull();
		});

		it('ending things for good asks too: an Open311 key, a partner link, a run of household codes', async () => {
			const { client } = await issueOpen311Client(server.db, actor, { name: 'Stad Proef app', contactEmail: 'ict@proef.test' });
			const revoked = async () =>
				(await server.db.selectFrom('open311_clients').select('revoked_at').where('id', '=', client.id).executeTakeFirstOrThrow()).revoked_at;
			await asksThenDoes(admin, '/admin/open311', 'revoke', { id: client.id }, revoked, 'De sleutel van Stad Proef app werkt dan niet meer', 'Ja, intrekken');
			expect(await revoked()).not.toBeNull();

			const pieter = await login(server, DEMO.housingCompany);
			const vlashaard = (await server.db.selectFrom('users').select('organisation_id').where('email', '=', DEMO.housingCompany).executeTakeFirstOrThrow())
				.organisation_id!;
			// A leak at Wallaysplein goes to De Vlashaard, where Pieter takes it on.
			const signal = await reportAt(server, { estate: 'Wallaysplein' }, { category: 'leak_damp', description: 'Het lekt door het plafond van de badkamer' });
			expect((await server.db.selectFrom('signals').select('organisation_id').where('id', '=', signal.id).executeTakeFirstOrThrow()).organisation_id).toBe(
				vlashaard
			);
			await changeStatus(server.db, await staffActor(server.db, DEMO.housingCompany), signal.id, { status: 'accepted' }, { baseUrl: server.url });
			const linkPage = `/staff/signals/${signal.id}/link`;
			const made = await pieter.post(`${linkPage}?/create`, { label: 'Loodgieter Vandenberghe', message: 'Kan je het lek deze week herstellen?' });
			expect(made.status, visibleText(await made.clone().text()).slice(0, 400)).toBe(200);
			const link = await server.db
				.selectFrom('partner_links')
				.select('id')
				.where('signal_id', '=', signal.id)
				.where('label', '=', 'Loodgieter Vandenberghe')
				.executeTakeFirstOrThrow();
			const linkState = async () => await server.db.selectFrom('partner_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
			await asksThenDoes(
				pieter,
				linkPage,
				'revoke',
				{ linkId: link.id },
				linkState,
				'De link voor Loodgieter Vandenberghe werkt dan niet meer.',
				'Ja, intrekken'
			);

			const survey = await buildTenantSurvey(server.db);
			const open = { id: survey.waves[1].id, survey_id: survey.id };
			const letters = await sara.post(`/staff/surveys/${open.survey_id}/codes/letters`, { waveId: open.id, language: 'nl' });
			await letters.arrayBuffer();
			expect([200, 303]).toContain(letters.status);
			const batches = await server.db
				.selectFrom('survey_code_batches')
				.select(['id', 'households', 'voided_at'])
				.where('wave_id', '=', open.id)
				.orderBy('created_at')
				.execute();
			const last = batches.filter((b) => !b.voided_at).at(-1)!;
			const voided = async () =>
				(await server.db.selectFrom('survey_code_batches').select('voided_at').where('id', '=', last.id).executeTakeFirstOrThrow()).voided_at;
			await asksThenDoes(
				sara,
				`/staff/surveys/${open.survey_id}/codes`,
				'void',
				{ batchId: last.id, waveId: open.id },
				voided,
				`De codes van reeks ${batches.length} (${last.households} brieven) die nog niet gebruikt zijn, werken dan niet meer.`,
				'Ja, ongeldig maken'
			);
			expect(await voided()).not.toBeNull();
		});

		it('taking a signal out of a collective issue asks nothing, and the page offers to undo it', async () => {
			const signals = [
				await reportAt(server, { estate: 'Wallaysplein' }, { category: 'noise', description: 'Lawaai in de trappenhal van blok A' }),
				await reportAt(server, { estate: 'Wallaysplein' }, { category: 'noise', description: 'Lawaai in de trappenhal van blok B' })
			];
			const estateId = (await server.db.selectFrom('estates').select('id').where('name', '=', 'Wallaysplein').executeTakeFirstOrThrow()).id;
			const issueId = (
				await createCollectiveIssue(server.db, await staffActor(server.db, DEMO.communityWorker), {
					title: 'Lawaai in de trappenhallen',
					estateId,
					signalIds: signals.map((s) => s.id)
				})
			).id;
			const inIssue = async () =>
				(await server.db.selectFrom('signals').select('id').where('collective_issue_id', '=', issueId).orderBy('id').execute()).map((s) => s.id);
			const before = await inIssue();
			expect([...before].sort()).toEqual(signals.map((s) => s.id).sort());
			const signalId = before[0];
			const removed = await sara.post(`/staff/collective/${issueId}?/remove`, { signalId });
			expect(removed.status).toBe(200);
			const html = visibleText(await removed.text());
			expect(html).toContain('De melding is uit het dossier gehaald.');
			expect(await inIssue()).not.toContain(signalId);
			expect(html).toContain('action="?/undoRemove"');
			expect(html).toContain(`name="signalId" value="${signalId}"`);
			const undone = await sara.post(`/staff/collective/${issueId}?/undoRemove`, { signalId });
			expect(undone.status).toBe(200);
			expect(visibleText(await undone.text())).toContain('De melding zit weer in het dossier.');
			expect(await inIssue()).toEqual(before);
		});
	});
}
