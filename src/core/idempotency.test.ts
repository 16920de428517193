// A client retries a post whose answer it lost: the same Idempotency-Key (Open311) or submission id (the tablet's
// answer sets) with the same body answers as the first time. The same key with another body is the client's mistake
// — a key reused for a second report — and is refused with 422 instead of answering with the first report, as
// Stripe does and the IETF idempotency-key draft says. On both databases.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnDatabases } from './db/testing';
import { fingerprint, IdempotencyKeyReused } from './idempotency';
import { buildPeopleWorld } from './people/factories';
import { createCategory, ensureGeneralCategories } from './signals/routing/categories';
import { createServiceRequest, gatherOpen311Fields } from './signals/open311/requests';
import { issueOpen311Client, type Open311Client } from './signals/open311/clients';
import { buildOpenSurvey, buildSurveyWorld } from './surveys/factories';
import { submitTabletAnswerSet } from './surveys/tablet';

const baseUrl = 'https://leefbaar.test';
const form = (fields: Record<string, string>) => gatherOpen311Fields(new URLSearchParams(fields).entries());

describe('fingerprint', () => {
	it('is the same for the same fields in any order, and differs when a value differs', () => {
		expect(fingerprint({ a: 1, b: { c: 'x', d: [1, 2] } })).toBe(fingerprint({ b: { d: [1, 2], c: 'x' }, a: 1 }));
		expect(fingerprint({ a: 1, b: { c: 'x', d: [1, 2] } })).not.toBe(fingerprint({ a: 1, b: { c: 'x', d: [2, 1] } }));
		expect(fingerprint({ a: 'x' })).not.toBe(fingerprint({ a: 'x', b: undefined, c: null }));
		expect(fingerprint({ a: 'x', b: undefined })).toBe(fingerprint({ a: 'x' }));
		expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: 1 }));
	});
});

describeOnDatabases('Open311: the same Idempotency-Key with another body', (ctx) => {
	let world: Awaited<ReturnType<typeof buildPeopleWorld>>;
	const report = {
		service_code: 'leak_damp',
		'attribute[where]': 'dwelling',
		address_string: 'Vlashof 3, Wevelgem',
		description: 'Schimmel op de muur van de slaapkamer'
	};
	// The cast and the damp service are only read; each test issues its app, whose keys and signals are its own.
	beforeAll(async () => {
		world = await buildPeopleWorld(ctx.db);
		await ensureGeneralCategories(ctx.db);
		await createCategory(ctx.db, world.coordinator, { key: 'leak_damp', kind: 'home_repair', name: 'Lek of vocht', isActive: true });
	});
	const cityApp = async (): Promise<Open311Client> => (await issueOpen311Client(ctx.db, world.admin, { name: 'Stad-app' })).client;

	it('a retry with the same body answers with the first request; another body under that key is refused', async () => {
		const app = await cityApp();
		const first = await createServiceRequest(ctx.db, app, form(report), { baseUrl, idempotencyKey: 'fms-4711' });
		// The same fields, sent in another order and with the spec's optional fields left out as before: the same report.
		const again = await createServiceRequest(
			ctx.db,
			app,
			form({ description: report.description, address_string: report.address_string, 'attribute[where]': 'dwelling', service_code: 'leak_damp' }),
			{ baseUrl, idempotencyKey: 'fms-4711' }
		);
		expect(again.service_request_id).toBe(first.service_request_id);

		const other = createServiceRequest(ctx.db, app, form({ ...report, description: 'Lift staat stil op de derde verdieping' }), {
			baseUrl,
			idempotencyKey: 'fms-4711'
		});
		await expect(other).rejects.toThrow(IdempotencyKeyReused);
		await expect(other).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
		const stored = await ctx.db.selectFrom('signals').select('description').where('open311_client_id', '=', app.id).execute();
		expect(stored.map((s) => s.description)).toEqual([report.description]);
	});

	it('the key is still the client’s own: another body under a new key is a new report', async () => {
		const app = await cityApp();
		await createServiceRequest(ctx.db, app, form(report), { baseUrl, idempotencyKey: 'fms-4711' });
		const second = await createServiceRequest(ctx.db, app, form({ ...report, description: 'Lift staat stil op de derde verdieping' }), {
			baseUrl,
			idempotencyKey: 'fms-4712'
		});
		expect(second.service_request_id).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		expect(
			Number(
				(
					await ctx.db
						.selectFrom('signals')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('open311_client_id', '=', app.id)
						.executeTakeFirstOrThrow()
				).n
			)
		).toBe(2);
	});
});

describeOnDatabases('the tablet: the same submission id with other answers', (ctx) => {
	it('a resend of the same set is stored once; other answers under that id are refused and nothing changes', async () => {
		const world = await buildSurveyWorld(ctx.db);
		const opensAt = new Date('2026-03-01T08:00:00Z');
		const during = new Date('2026-03-10T12:00:00Z');
		const survey = await buildOpenSurvey(ctx.db, world.worker, [world.vlashof.id], { opensAt });
		const set = {
			submissionId: randomUUID(),
			estateId: world.vlashof.id,
			language: 'nl',
			answers: { home_happy: 4, repair_asked: 'no' },
			finishedAt: '2026-03-10T09:00:00Z'
		};
		const first = await submitTabletAnswerSet(ctx.db, world.worker, survey.id, set, during);
		// The tablet sends the set exactly as kept; a later finishing time alone is still the same answers.
		expect(await submitTabletAnswerSet(ctx.db, world.worker, survey.id, { ...set, finishedAt: '2026-03-10T09:05:00Z' }, during)).toEqual({
			...first,
			replayed: true
		});
		const changed = submitTabletAnswerSet(ctx.db, world.worker, survey.id, { ...set, answers: { home_happy: 1, repair_asked: 'no' } }, during);
		await expect(changed).rejects.toThrow(IdempotencyKeyReused);
		await expect(submitTabletAnswerSet(ctx.db, world.worker, survey.id, { ...set, estateId: world.vlashof.id, language: 'fr' }, during)).rejects.toThrow(
			IdempotencyKeyReused
		);
		const rows = await ctx.db
			.selectFrom('survey_answers')
			.select(['question_key', 'option_key', 'number_value'])
			.where('response_id', '=', first.responseId)
			.orderBy('question_key')
			.execute();
		expect(rows.find((r) => r.question_key === 'home_happy')?.number_value).toBe(4);
		expect((await ctx.db.selectFrom('survey_responses').select('id').where('survey_id', '=', survey.id).execute()).length).toBe(1);
	});
});
