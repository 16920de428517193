// The tablet sends what waits on it: a stored set (or a resend the server recognises) is wiped, a refused one stays
// with the reason, a lost connection or a server fault keeps the rest for the next try, an expired session stops.
import { beforeEach, describe, expect, it } from 'vitest';
import { addSet, readSets, type WaitingSet } from './device-store';
import { outcomeOf, sendWaiting } from './sending';

class MemoryStorage {
	private items = new Map<string, string>();
	getItem = (k: string) => this.items.get(k) ?? null;
	setItem = (k: string, v: string) => void this.items.set(k, v);
	removeItem = (k: string) => void this.items.delete(k);
}

const SURVEY = 'survey-1';
const SARA = 'sara';
const set = (n: number, workerId = SARA): WaitingSet => ({
	submissionId: `00000000-0000-4000-8000-00000000000${n}`,
	workerId,
	estateId: 'vlashof',
	language: 'nl',
	answers: { woning_tevreden: n },
	finishedAt: '2026-12-03T09:00:00Z'
});
const problem = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('sending the sets waiting on the tablet', () => {
	beforeEach(() => {
		(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
	});

	it('reads what the server says: stored, refused with the field messages, log in again, or try later', async () => {
		expect(await outcomeOf(new Response('{}', { status: 201 }))).toEqual({ kind: 'stored' });
		expect(await outcomeOf(new Response('{}', { status: 200 }))).toEqual({ kind: 'stored' });
		expect(await outcomeOf(problem(401, { title: 'Meld je aan' }))).toEqual({ kind: 'login' });
		expect(await outcomeOf(problem(503, { title: 'Even niet' }))).toEqual({ kind: 'retry' });
		const refused = await outcomeOf(
			problem(422, {
				title: 'Kijk je antwoorden na',
				errors: [{ pointer: '/answers/woning_tevreden', code: 'value_off_scale', detail: 'Kies een smiley van 1 tot 5.' }, { nonsense: true }]
			}),
			new Date('2026-12-03T10:00:00Z')
		);
		expect(refused).toEqual({
			kind: 'refused',
			refusal: {
				title: 'Kijk je antwoorden na',
				errors: [{ pointer: '/answers/woning_tevreden', detail: 'Kies een smiley van 1 tot 5.' }],
				at: '2026-12-03T10:00:00.000Z'
			}
		});
	});

	it('wipes what was stored, keeps a refused set with its reason, and stops at a lost connection keeping the rest', async () => {
		for (const n of [1, 2, 3, 4]) addSet(SURVEY, set(n));
		const sent: string[] = [];
		const fetchFn = (async (_url: string, init: RequestInit) => {
			const body = JSON.parse(String(init.body)) as { submissionId: string; answers: { woning_tevreden: number } };
			sent.push(body.submissionId);
			if (body.answers.woning_tevreden === 2) return problem(422, { title: 'Deze bevraging is gesloten', errors: [] });
			if (body.answers.woning_tevreden === 3) throw new TypeError('Failed to fetch');
			return new Response('{}', { status: 201 });
		}) as typeof fetch;
		expect(await sendWaiting(SURVEY, SARA, { fetchFn })).toEqual({ sent: 1, refused: 1, stopped: 'retry' });
		expect(sent).toEqual([set(1), set(2), set(3)].map((s) => s.submissionId));
		const left = readSets(SURVEY);
		expect(left.map((s) => s.answers.woning_tevreden)).toEqual([2, 3, 4]);
		expect(left[0].refused?.title).toBe('Deze bevraging is gesloten');

		// Next time: the refused set is left alone unless the worker asks to try it again.
		const ok = (async () => new Response('{}', { status: 200 })) as typeof fetch;
		expect(await sendWaiting(SURVEY, SARA, { fetchFn: ok })).toEqual({ sent: 2, refused: 0, stopped: null });
		expect(readSets(SURVEY).map((s) => s.answers.woning_tevreden)).toEqual([2]);
		expect(await sendWaiting(SURVEY, SARA, { fetchFn: ok, retryRefused: [set(2).submissionId] })).toEqual({ sent: 1, refused: 0, stopped: null });
		expect(readSets(SURVEY)).toEqual([]);
	});

	it("another worker's sets wait for them: sent under this login, they would name the wrong worker", async () => {
		addSet(SURVEY, set(1, 'jonas'));
		addSet(SURVEY, set(2));
		const sent: string[] = [];
		const fetchFn = (async (_url: string, init: RequestInit) => {
			sent.push((JSON.parse(String(init.body)) as { submissionId: string }).submissionId);
			return new Response('{}', { status: 201 });
		}) as typeof fetch;
		expect(await sendWaiting(SURVEY, SARA, { fetchFn })).toEqual({ sent: 1, refused: 0, stopped: null });
		expect(sent).toEqual([set(2).submissionId]);
		expect(readSets(SURVEY).map((s) => s.workerId)).toEqual(['jonas']);
	});

	it('an expired session stops sending and keeps every set', async () => {
		addSet(SURVEY, set(1));
		addSet(SURVEY, set(2));
		const login = (async () => problem(401, { title: 'Meld je aan' })) as typeof fetch;
		expect(await sendWaiting(SURVEY, SARA, { fetchFn: login })).toEqual({ sent: 0, refused: 0, stopped: 'login' });
		expect(readSets(SURVEY)).toHaveLength(2);
	});
});
