// Words a person understands (issue 12, point 8): every page of the route walk, opened by every kind of visitor in
// Dutch, French and English, and every kind of mail in the three languages, shows no raw code — no message key
// ("signals.mail_status_x"), no enum value ("signal_routing", "system:auth", "in_progress") and no ISO date
// ("2000-01-01"). On both databases: PostgreSQL hands dates back in other shapes, which is where ISO dates leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../src/core/db/testing';
import { anonymous } from '../../src/core/access/actor';
import { LOCALES, type Locale } from '../../src/core/i18n';
import type { Mail } from '../../src/core/mail/outbox';
import * as authMails from '../../src/core/mail/templates';
import * as signalMails from '../../src/core/signals/mails';
import * as referralMails from '../../src/core/signals/referrals/referral-mails';
import { REPORTER_IS_TOLD } from '../../src/core/signals/model';
import { formatDeadline } from '../../src/core/signals/format';
import { ensureGeneralCategories } from '../../src/core/signals/routing/categories';
import { reportSignal } from '../../src/core/signals/intake/intake';
import { createPartnerLink } from '../../src/core/signals/referrals/partner-links';
import { hashToken, newToken } from '../../src/core/auth/tokens';
import { staffActor } from '../../src/core/demo/signals';
import type { Role } from '../../src/core/db/schema';
import { resolveParams, routeQueries } from '../support/route-params';
import { discoverRoutes, routePath } from '../support/routes';
import { startServer, type TestServer } from '../support/server';
import { DEMO, HttpSession, login } from '../support/session';
import { perceivedText, wordsChecker, type Finding } from '../support/words';

const check = wordsChecker();
const show = (f: Finding) => `${f.kind} "${f.token}" in “${f.context}”`;

describe('the words checker', () => {
	it('finds a message key, an enum value and an ISO date, and lets words, addresses and codes be', () => {
		const found = (text: string, locale: Locale = 'nl') => check(text, locale).map((f) => `${f.kind}:${f.token}`);
		expect(found('Toegewezen aan signal_routing')).toEqual(['enum value:signal_routing']);
		expect(found('Door system:auth')).toEqual(['enum value:system:auth']);
		expect(found('Geëxporteerd (survey_export) op 2000-01-01')).toEqual(['enum value:survey_export', 'ISO date:2000-01-01']);
		expect(found('Laatst gezien 2026-12-07T10:00:00.000Z')).toEqual(['ISO date:2026-12-07T10:00:00.000Z']);
		expect(found('common.save')).toEqual(['message key:common.save']);
		expect(found('inbox.kind_made_up')).toEqual(['message key:inbox.kind_made_up']);
		expect(found('Status: in_progress')).toEqual(['enum value:in_progress']);
		expect(found('Status: accepted')).toEqual(['enum value:accepted']);
		expect(found('Statut : accepted', 'fr')).toEqual(['enum value:accepted']);
		// English words that are also enum values are English.
		expect(found('Your report was accepted and is open', 'en')).toEqual([]);
		expect(found('De melding staat open. Schrijf naar jan_peeters@leefbaar.demo of kijk op https://leefbaar.be/volgen/a_b?x=2000-01-01')).toEqual([]);
		expect(found('Uw code: KM7X-P3RA, 3 december 2026, 10:30')).toEqual([]);
		// A one-word value counts where it stands as a value, not in a resident's own sentence in another language.
		expect(found('accepted')).toEqual(['enum value:accepted']);
		expect(found('Gemeld · in_progress · waiting')).toEqual(['enum value:in_progress', 'enum value:waiting']);
		expect(found('help with paperwork please, it is urgent')).toEqual([]);
		expect(found('Verslag van de import: tenants.csv')).toEqual([]);
		expect(found('Ingetrokken op Sat Nov 01 2014 00:00:00 GMT+0100 (Central European Standard Time)')).toEqual([
			'ISO date:Sat Nov 01 2014 00:00:00 GMT+0100 (Central European Standard Time)'
		]);
	});

	it('reads text and read-out attributes, not scripts, styles or data attributes', () => {
		const html =
			'<html><head><title>Titel</title><style>.a_b{}</style><script>const x = "signal_routing";</script></head><body><p class="x_y" hidden>Ver&shy;borgen &amp; echt</p>' +
			'<img alt="Foto van 2026-01-01" src="/a_b.png"><input type="date" value="2026-01-01"><input type="submit" value="Bewaar"><time datetime="2026-01-01">1 jan.</time><!-- a_b -->' +
			'<textarea lang="en">How happy are you?</textarea><p>Kolommen: <code>tenancy_ref</code>, <code>first_name</code><br>klaar</p></body></html>';
		expect(perceivedText(html)).toEqual([
			{ where: 'text', text: 'Titel' },
			{ where: 'text', text: 'Verborgen & echt' },
			{ where: '<img alt>', text: 'Foto van 2026-01-01' },
			{ where: '<input type=submit value>', text: 'Bewaar' },
			{ where: 'text', text: '1 jan.' },
			{ where: 'text', text: 'How happy are you?', lang: 'en' },
			{ where: 'text', text: 'Kolommen:' },
			{ where: 'text', text: ',' },
			{ where: 'text', text: 'klaar' }
		]);
	});
});

describe('every kind of mail, in nl, fr and en, speaks words', () => {
	// The mails are rendered with the data their callers give them (src/core/auth, src/core/signals): deadlines go through
	// formatDeadline there, as here. Every exported *Mail function must be in this list, so a new kind of mail is checked.
	const deadline = (l: Locale) => formatDeadline('2026-12-04T16:00:00.000Z', l);
	const link = 'https://leefbaar.example/volgen/abcDEF_123-xyz';
	const staffLink = 'https://leefbaar.example/staff/signals/0193a4b2-7c1d-7e5f-8a9b-0c1d2e3f4a5b';
	const mails: Record<string, (l: Locale) => Mail[]> = {
		invitationMail: (l) =>
			(['admin', 'coordinator', 'community_worker', 'partner_staff'] as Role[]).map((role) =>
				authMails.invitationMail({
					to: 'an@example.be',
					locale: l,
					name: 'An Peeters',
					inviterName: 'Sofie Claes',
					organisationName: 'De Vlashaard',
					role,
					link,
					days: 7
				})
			),
		passwordResetMail: (l) => [authMails.passwordResetMail({ to: 'an@example.be', locale: l, name: 'An Peeters', link, minutes: 60 })],
		signInBlockedMail: (l) => [authMails.signInBlockedMail({ to: 'an@example.be', locale: l, name: 'An Peeters', minutes: 15, attempts: 10 })],
		receiptMail: (l) => [signalMails.receiptMail({ to: 'bewoner@example.be', locale: l, reference: 'LB-2026-0042', link })],
		statusMail: (l) =>
			REPORTER_IS_TOLD.map((status) =>
				signalMails.statusMail({
					to: 'bewoner@example.be',
					locale: l,
					reference: 'LB-2026-0042',
					status,
					reason: 'De lift is al hersteld.',
					message: 'Dank voor je melding.',
					link
				})
			),
		messageMail: (l) => [signalMails.messageMail({ to: 'bewoner@example.be', locale: l, reference: 'LB-2026-0042', message: 'We komen dinsdag langs.', link })],
		feedbackMail: (l) => [
			signalMails.feedbackMail({
				to: 'bewoner@example.be',
				locale: l,
				reference: 'LB-2026-0042',
				solvedLink: `${link}?antwoord=ja`,
				notSolvedLink: `${link}?antwoord=nee`,
				days: 14
			})
		],
		assignmentMail: (l) => [
			signalMails.assignmentMail({
				to: 'an@example.be',
				locale: l,
				name: 'An Peeters',
				reference: 'LB-2026-0042',
				category: 'Vocht en schimmel',
				deadline: deadline(l),
				link: staffLink
			})
		],
		overdueDigestMail: (l) => [
			signalMails.overdueDigestMail({
				to: 'an@example.be',
				locale: l,
				name: 'An Peeters',
				overdue: [{ reference: 'LB-2026-0042', category: 'Vocht en schimmel', deadline: deadline(l), link: staffLink }],
				escalated: [{ reference: 'LB-2026-0043', category: 'Lift stuk', deadline: deadline(l), link: staffLink, handler: 'De Vlashaard · Herstellingen' }]
			})
		],
		referralMail: (l) => [
			signalMails.referralMail({
				to: 'an@example.be',
				locale: l,
				name: 'An Peeters',
				reference: 'LB-2026-0042',
				from: 'Samenlevingsopbouw',
				note: 'Kunnen jullie dit opnemen?',
				deadline: deadline(l),
				link: staffLink
			})
		],
		partnerLinkMail: (l) => [
			signalMails.partnerLinkMail({
				to: 'aannemer@example.be',
				locale: l,
				label: 'Aannemer Vandamme',
				reference: 'LB-2026-0042',
				from: 'De Vlashaard',
				link,
				days: 30
			})
		],
		referralOutcomeMail: (l) =>
			[true, false].map((accepted) =>
				referralMails.referralOutcomeMail({
					to: 'an@example.be',
					locale: l,
					name: 'An Peeters',
					reference: 'LB-2026-0042',
					receiver: 'OCMW Wevelgem',
					accepted,
					reason: accepted ? null : 'Niet voor ons.',
					link: staffLink
				})
			),
		referralOverdueMail: (l) => [
			referralMails.referralOverdueMail({
				to: 'an@example.be',
				locale: l,
				name: 'An Peeters',
				reference: 'LB-2026-0042',
				from: 'Samenlevingsopbouw',
				deadline: deadline(l),
				link: staffLink
			})
		],
		partnerAnswerMail: (l) =>
			[true, false].map((done) =>
				referralMails.partnerAnswerMail({
					to: 'an@example.be',
					locale: l,
					name: 'An Peeters',
					reference: 'LB-2026-0042',
					label: 'Aannemer Vandamme',
					message: 'Hersteld op dinsdag.',
					done,
					link: staffLink
				})
			),
		reopenedMail: (l) => [
			referralMails.reopenedMail({
				to: 'an@example.be',
				locale: l,
				name: 'An Peeters',
				reference: 'LB-2026-0042',
				comment: 'Het lekt nog altijd.',
				link: staffLink
			})
		],
		replyMail: (l) =>
			[true, false].map((joined) =>
				referralMails.replyMail({
					to: 'an@example.be',
					locale: l,
					name: 'An Peeters',
					reference: 'LB-2026-0042',
					message: 'Bij ons ook.',
					joined,
					withPhoto: joined,
					link: staffLink
				})
			)
	};

	it('covers every kind of mail the app sends', () => {
		const kinds = Object.entries({ ...authMails, ...signalMails, ...referralMails })
			.filter(([name, value]) => typeof value === 'function' && /Mail$/.test(name))
			.map(([name]) => name);
		expect(
			kinds.filter((k) => !(k in mails)),
			'mail kinds this test does not render: add them'
		).toEqual([]);
	});

	it('has no message key, enum value or ISO date in a subject or body', () => {
		const problems: string[] = [];
		for (const [kind, render] of Object.entries(mails)) {
			for (const locale of LOCALES) {
				for (const [i, mail] of render(locale).entries()) {
					for (const [part, text] of [
						['subject', mail.subject],
						['text', mail.text]
					] as const) {
						for (const f of check(text, locale)) problems.push(`${kind} #${i + 1} [${locale}] ${part}: ${show(f)}`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});
});

type Visitor = { name: string; email?: string };
const visitors: Visitor[] = [
	{ name: 'anonymous resident' },
	{ name: 'admin', email: DEMO.admin },
	{ name: 'coordinator', email: DEMO.coordinator },
	{ name: 'community worker', email: DEMO.communityWorker },
	{ name: 'housing company staff', email: DEMO.housingCompany },
	{ name: 'welfare centre staff', email: DEMO.welfareCentre },
	{ name: 'other institute worker', email: DEMO.otherInstitute }
];

/**
 * Codes a person must type, written inside a sentence of a message (text in <code> is skipped anyway). Each entry: the
 * page, the exact token, and why a person needs to see it as it is.
 */
const ALLOWED: Array<{ page: RegExp; token: string; why: string }> = [
	{ page: /^\/admin\/open311$/, token: 'api_key', why: 'the Open311 parameter an app must send: the admin passes the name on to the app’s makers' },
	{ page: /^\/staff\/imports\/areas$/, token: 'name_nl', why: 'a field name in the GeoJSON file the worker uploads, the default the form looks for' },
	{ page: /^\/staff\/imports\/tenants$/, token: 'tenancy_ref', why: 'the column of the tenant file that groups a household, named as the file must name it' },
	{ page: /^\/staff\/imports\/tenants$/, token: '2024-09-01', why: 'one of the two ways a date may be written in the tenant file' },
	...['lek_vocht', 'fuite_humidite', 'leak_damp'].map((token) => ({
		page: /^\/staff\/settings\/signals$/,
		token,
		why: 'an example of the category key a worker types'
	}))
];
const allowed = (path: string, f: Finding) => ALLOWED.some((a) => a.token === f.token && a.page.test(path));

const pages = discoverRoutes().filter((r) => r.files.some((f) => f.startsWith('+page')));

/** Runs `work` over `items`, `limit` at a time: enough to be quick, few enough not to crowd a shared machine. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}

for (const dialect of testDialects()) {
	describe(`every page, in nl, fr and en, speaks words [${dialect}]`, () => {
		let server: TestServer;
		const sessions = new Map<string, HttpSession>();
		/** Resident pages behind a secret link the walk cannot make up: a real tracking link. */
		const extraPaths: string[] = [];

		beforeAll(async () => {
			server = await startServer({ dialect });
			for (const v of visitors) sessions.set(v.name, v.email ? await login(server, v.email) : new HttpSession(server));
			await ensureGeneralCategories(server.db);
			const reported = await reportSignal(
				server.db,
				anonymous,
				{
					kind: 'common_spaces',
					description: 'De lift in blok B staat al een week stil',
					locationKind: 'address',
					locationText: 'Blok B',
					email: 'bewoner@example.be',
					language: 'nl'
				} as never,
				{ baseUrl: server.url }
			);
			extraPaths.push(`/volgen/${reported.trackingToken}`, `/volgen/${reported.trackingToken}/bedankt`);
			// The demo signal with the longest story a reporter sees (statuses, messages): its reporter opens their link, and
			// a contractor the link its handler sent them.
			const told = await server.db
				.selectFrom('signal_events as e')
				.innerJoin('signals as s', 's.id', 'e.signal_id')
				.innerJoin('signal_reporters as r', (j) => j.onRef('r.signal_id', '=', 's.id').on('r.is_original', '=', true))
				.select(['s.id', 's.organisation_id', 'r.id as reporter_id', (eb) => eb.fn.countAll<number>().as('events')])
				.where('e.visibility', '=', 'reporter')
				.where('s.is_help_request', '=', false)
				.where((eb) =>
					eb.exists(
						eb
							.selectFrom('users as u')
							.select('u.id')
							.whereRef('u.organisation_id', '=', 's.organisation_id')
							.where('u.is_active', '=', true)
							.where('u.role', '!=', 'admin')
					)
				)
				.groupBy(['s.id', 's.organisation_id', 'r.id'])
				.orderBy('events', 'desc')
				.orderBy('s.id')
				.executeTakeFirstOrThrow();
			const token = newToken();
			await server.db
				.updateTable('signal_reporters')
				.set({ token_hash: hashToken(token) })
				.where('id', '=', told.reporter_id)
				.execute();
			const handler = await server.db
				.selectFrom('users')
				.select('email')
				.where('organisation_id', '=', told.organisation_id)
				.where('is_active', '=', true)
				.where('role', '!=', 'admin')
				.orderBy('email')
				.executeTakeFirstOrThrow();
			const partner = await createPartnerLink(
				server.db,
				await staffActor(server.db, handler.email),
				told.id,
				{ label: 'Aannemer Vandamme', message: 'Kunnen jullie de lift nakijken?', language: 'fr' },
				{ baseUrl: server.url }
			);
			extraPaths.push(`/volgen/${token}`, `/partner/${partner.token}`);
		}, 180_000);
		afterAll(async () => {
			await server?.stop();
		});

		for (const visitor of visitors) {
			it(`${visitor.name}: no message key, enum value or ISO date on any page`, async () => {
				const signedIn = sessions.get(visitor.name)!;
				const paths: string[] = visitor.email ? [] : [...extraPaths];
				for (const route of pages) {
					const params = await resolveParams(server.db, route.id, route.params, visitor.email, server.dataDir);
					paths.push(routePath(route.id, params) + (routeQueries[route.id] ?? ''));
				}
				const problems: string[] = [];
				const read = new Set<string>();
				let checked = 0;
				const jobs = paths.flatMap((path) => LOCALES.map((locale) => ({ path, locale })));
				await inBatches(jobs, 4, async ({ path, locale }) => {
					const session = new HttpSession(server);
					for (const [name, value] of signedIn.cookies) session.cookies.set(name, value);
					session.cookies.set('lang', locale);
					const res = await session.get(path, { accept: 'text/html' });
					const html = await res.text();
					if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('text/html')) return;
					checked++;
					read.add(path);
					for (const piece of perceivedText(html)) {
						for (const f of check(piece.text, piece.lang ?? locale)) {
							if (!allowed(path, f)) problems.push(`${path} [${locale}] ${piece.where === 'text' ? '' : `${piece.where} `}${show(f)}`);
						}
					}
				});
				expect(checked, 'pages read').toBeGreaterThan(visitor.email ? 30 : 15);
				if (!visitor.email)
					expect(
						extraPaths.filter((p) => !read.has(p)),
						'secret-link pages that did not open'
					).toEqual([]);
				expect([...new Set(problems)].sort(), `${visitor.name} on ${dialect}`).toEqual([]);
			}, 240_000);
		}
	});
}
