// Throttles for the doors a stranger can knock on without an account: sign-in, the password-reset mail and the mailed
// links. A counter per account (hash of the email, whether or not it has an account) and per client address (hash),
// with the time of its last failure and a block that ends by itself. Every attempt is counted before the password or
// link is checked, in one statement that also decides the answer, so parallel attempts cannot slip past the count
// (several server processes share it through the database); an attempt that turns out right is taken back.
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import type { ThrottleAnswer } from '../db';
import { DomainError } from '../errors';

const MINUTE = 60_000;

export type ThrottleRule = {
	/** Key prefix, e.g. "sign-in:account". */
	name: string;
	/** Whose attempts these are: one email address or one client address. */
	scope: 'account' | 'address';
	/** Counted attempts answered without any wait. */
	freeAttempts: number;
	/** The attempt that brings the count to this number is refused and starts the block. */
	blockAt: number;
	/** A count is forgotten this long after its last failure. */
	forgetAfterMs: number;
	blockMs: number;
};

/**
 * The rules. Sign-in: five mistakes cost nothing; then each attempt waits 2, 4, 8, 16, 32 seconds after the last one
 * (an attempt inside the wait is refused unchecked, and counts); the tenth starts a 15-minute block. Per address the
 * same over all accounts, with 20 free and a block at 30, so a script cannot spread its guesses over many accounts.
 */
export const THROTTLES = {
	signInAccount: { name: 'sign-in:account', scope: 'account', freeAttempts: 5, blockAt: 10, forgetAfterMs: 15 * MINUTE, blockMs: 15 * MINUTE },
	signInAddress: { name: 'sign-in:address', scope: 'address', freeAttempts: 20, blockAt: 30, forgetAfterMs: 15 * MINUTE, blockMs: 15 * MINUTE },
	/** Three reset mails per email address in an hour (counted whether or not it has an account). */
	resetMailAccount: { name: 'reset-mail:account', scope: 'account', freeAttempts: 3, blockAt: 4, forgetAfterMs: 60 * MINUTE, blockMs: 60 * MINUTE },
	resetMailAddress: { name: 'reset-mail:address', scope: 'address', freeAttempts: 20, blockAt: 21, forgetAfterMs: 60 * MINUTE, blockMs: 60 * MINUTE },
	/**
	 * Password-reset and invitation links that do not work, tried from one address. A link holds 256 random bits, so no
	 * one guesses one: this stops a scanner, and leaves room for an office (or a test walking every page as several
	 * people) opening a few old links.
	 */
	linkTriesAddress: { name: 'link-try:address', scope: 'address', freeAttempts: 30, blockAt: 50, forgetAfterMs: 15 * MINUTE, blockMs: 15 * MINUTE }
} as const satisfies Record<string, ThrottleRule>;

/** Rows are deleted this long after their last failure (when not blocked): the longest forgetAfterMs. */
const KEEP_MS = Math.max(...Object.values(THROTTLES).map((r) => r.forgetAfterMs));
const MAX_WAIT_MS = 60_000;

/** The wait after `failures` counted attempts, before the next one is checked: 0 while attempts are free. */
export function waitAfter(rule: ThrottleRule, failures: number): number {
	if (failures < rule.freeAttempts) return 0;
	return Math.min(MAX_WAIT_MS, 2 ** (failures - rule.freeAttempts + 1) * 1000);
}

/** What is counted: the email as sign-in reads it (trimmed, lower case), or the client address. Only a hash is kept. */
export function throttleKey(rule: ThrottleRule, value: string): string {
	const normalised = rule.scope === 'account' ? value.trim().toLowerCase() : value;
	return `${rule.name}:${createHash('sha256').update(`leefbaar-throttle|${rule.name}|${normalised}`).digest('hex').slice(0, 40)}`;
}

/** Where an attempt comes from (routes pass the client address) and when (tests set `now`). */
export type AttemptContext = { clientAddress?: string; now?: Date };

export type AttemptAnswer = { allowed: true } | { allowed: false; reason: 'wait' | 'blocked'; retryAfter: number; blockStarted: boolean };

/** An attempt refused by a throttle, unchecked. `retryAfter` in seconds; the route answers 429 with Retry-After. */
export class Throttled extends DomainError {
	constructor(
		readonly rule: ThrottleRule,
		readonly reason: 'wait' | 'blocked',
		readonly retryAfter: number
	) {
		super('throttled', 429, `Too many attempts (${rule.name}): ${reason}, retry after ${retryAfter} s`, { scope: rule.scope, reason, retryAfter });
	}
}

/**
 * Counts one attempt and says whether it may go on to be checked. One upsert decides on the stored row as it is when
 * the statement runs (the row is locked on PostgreSQL; SQLite has one writer): blocked rows stay as they are (the
 * block ends when it said), a count past its time or after its block starts again at one.
 */
export async function countAttempt(db: Db, rule: ThrottleRule, value: string, now = new Date()): Promise<AttemptAnswer> {
	const key = throttleKey(rule, value);
	const at = now.toISOString();
	const until = new Date(now.getTime() + rule.blockMs).toISOString();
	const col = (name: string) => sql.ref(`auth_throttles.${name}`);
	const blocked = sql`${col('blocked_until')} > ${at}`;
	const fresh = sql`(${col('last_failure_at')} < ${new Date(now.getTime() - rule.forgetAfterMs).toISOString()} or ${col('blocked_until')} <= ${at})`;
	const count = sql`(case when ${fresh} then 0 else ${col('failures')} end)`;
	const startsBlock = sql`${count} + 1 >= ${rule.blockAt}`;
	// Inside the wait: for each count that has one, the last failure is more recent than that wait.
	const waits: RawBuilder<unknown>[] = [];
	for (let n = rule.freeAttempts; n < rule.blockAt - 1; n++) {
		waits.push(sql`when ${col('failures')} = ${n} then ${col('last_failure_at')} > ${new Date(now.getTime() - waitAfter(rule, n)).toISOString()}`);
	}
	const waiting = waits.length ? sql`(case when ${fresh} then 1 = 0 ${sql.join(waits, sql` `)} else 1 = 0 end)` : sql`1 = 0`;
	const row = await db
		.insertInto('auth_throttles')
		.values({ key, failures: 1, last_failure_at: at, blocked_until: rule.blockAt <= 1 ? until : null, answer: rule.blockAt <= 1 ? 'block_started' : 'allowed' })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				answer: sql<ThrottleAnswer>`case when ${blocked} then 'blocked' when ${startsBlock} then 'block_started' when ${waiting} then 'wait' else 'allowed' end`,
				failures: sql<number>`case when ${blocked} then ${col('failures')} else ${count} + 1 end`,
				last_failure_at: sql<string>`case when ${blocked} then ${col('last_failure_at')} else ${at} end`,
				blocked_until: sql<string | null>`case when ${blocked} then ${col('blocked_until')} when ${startsBlock} then ${until} else null end`
			})
		)
		.returning(['failures', 'blocked_until', 'answer'])
		.executeTakeFirstOrThrow();
	const failures = Number(row.failures);
	if (row.answer === 'allowed' && failures === 1) {
		// A count that starts: rows nobody has failed on for a while go (the table holds recent attempts only).
		await db
			.deleteFrom('auth_throttles')
			.where('last_failure_at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
			.where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', at)]))
			.execute();
	}
	switch (row.answer) {
		case 'allowed':
			return { allowed: true };
		case 'wait':
			return { allowed: false, reason: 'wait', retryAfter: Math.ceil(waitAfter(rule, failures) / 1000), blockStarted: false };
		default:
			return {
				allowed: false,
				reason: 'blocked',
				retryAfter: Math.max(1, Math.ceil((Date.parse(row.blocked_until!) - now.getTime()) / 1000)),
				blockStarted: row.answer === 'block_started'
			};
	}
}

/** Counts the attempt, and throws Throttled when it is refused. */
export async function takeAttempt(db: Db, rule: ThrottleRule, value: string, now = new Date()): Promise<void> {
	const answer = await countAttempt(db, rule, value, now);
	if (!answer.allowed) throw new Throttled(rule, answer.reason, answer.retryAfter);
}

/** Takes back the count of an attempt that turned out right (a correct password from a shared office address). */
export async function forgiveAttempt(db: Db, rule: ThrottleRule, value: string): Promise<void> {
	await db
		.updateTable('auth_throttles')
		.set({ failures: sql<number>`failures - 1` })
		.where('key', '=', throttleKey(rule, value))
		.where('failures', '>', 0)
		.execute();
}

/** Forgets every failure and ends the block (a correct sign-in, a completed password reset). */
export async function clearAttempts(db: Db, rule: ThrottleRule, value: string): Promise<void> {
	await db.deleteFrom('auth_throttles').where('key', '=', throttleKey(rule, value)).execute();
}

/**
 * Runs `attempt` counted against the address's limit when an address is known: refused unchecked when the limit
 * says so, taken back when `succeeded` says the attempt was right (or never reached the check: `countsAsFailure`).
 */
export async function countedByAddress<T>(
	db: Db,
	rule: ThrottleRule,
	context: AttemptContext,
	attempt: () => Promise<T>,
	judge: { succeeded: (value: T) => boolean; countsAsFailure: (err: unknown) => boolean }
): Promise<T> {
	const address = context.clientAddress;
	if (!address) return attempt();
	await takeAttempt(db, rule, address, context.now);
	let value: T;
	try {
		value = await attempt();
	} catch (err) {
		if (!judge.countsAsFailure(err)) await forgiveAttempt(db, rule, address);
		throw err;
	}
	if (judge.succeeded(value)) await forgiveAttempt(db, rule, address);
	return value;
}
