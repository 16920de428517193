// Group commit for SQLite. The embedded database has one writer, and a commit costs more than the few inserts of a
// typical user action (each commit writes every page it touched to the write-ahead log). When many short write
// transactions arrive at once — residents reporting, Open311 clients posting — they are run one after the other
// inside one transaction and share the commit. Each caller still gets all-or-nothing: when a piece of work fails, the
// batch is run again without it, each piece in its own savepoint; and nobody hears "done" before the commit that
// holds their work has returned. So a piece of work may run more than once: it must do nothing outside the
// transaction it is given. On PostgreSQL (many connections, its own group commit) this is a plain transaction.
import { sql, type Transaction } from 'kysely';
import { commitHooks, inTransaction, runCommitHooks, type CommitHook, type Db } from './database';
import type { Database } from './schema';

/** At most this many pieces of work share one commit, so the last in a batch does not wait long. */
const MAX_BATCH = 32;

type Job = { work: (tx: Db) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { job: Job; ok: true; value: unknown; hooks: CommitHook[] } | { job: Job; ok: false; error: unknown };

/** Runs a piece of work with a commit-hook list of its own (onCommit): a piece undone alone takes its hooks with it. */
async function withHooks(tx: Db, job: Job): Promise<{ value: unknown; hooks: CommitHook[] }> {
	const hooks: CommitHook[] = [];
	commitHooks.set(tx, hooks);
	const value = await job.work(tx);
	return { value, hooks };
}

/** After the commit, each caller hears "done" once its own onCommit hooks have run (or how one of them failed). */
function settle(job: Job, value: unknown, hooks: CommitHook[]): void {
	if (hooks.length === 0) return job.resolve(value);
	runCommitHooks(hooks).then(
		() => job.resolve(value),
		(error) => job.reject(error)
	);
}

class WriteBatcher {
	private queue: Job[] = [];
	private running = false;
	constructor(private readonly db: Db) {}

	run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
			if (this.running) return;
			this.running = true;
			// Start on the next turn of the event loop, not now: the requests that arrived together are read in one
			// turn (each runs until it gets here), so they all join this batch. Starting at once, the first request's
			// work would run and commit before the next request was even parsed, and every batch would hold one.
			setImmediate(() => void this.drain());
		});
	}

	private async drain(): Promise<void> {
		try {
			while (this.queue.length > 0) await this.runBatch(this.queue.splice(0, MAX_BATCH));
		} finally {
			this.running = false;
		}
	}

	/**
	 * The batch in one transaction without savepoints: the common case, where every piece of work succeeds, pays for
	 * no savepoint (SQLite copies every page a savepoint's work touches, about 8% of an intake). When a piece fails,
	 * the transaction is rolled back, that piece hears its error (it met the same state as it would have after its
	 * savepoint), and the others run again, each in its own savepoint.
	 */
	private async runBatch(taken: Job[]): Promise<void> {
		let failed: { job: Job; error: unknown } | null = null;
		const done: Array<{ value: unknown; hooks: CommitHook[] }> = [];
		try {
			await this.db.transaction().execute(async (trx: Transaction<Database>) => {
				const tx = Object.assign(trx, { dialect: this.db.dialect });
				for (const job of taken) {
					try {
						done.push(await withHooks(tx, job));
					} catch (error) {
						failed = { job, error };
						throw error;
					}
				}
			});
		} catch (error) {
			if (!failed) {
				// The commit failed: nothing of this batch is stored, and all hear so.
				for (const job of taken) job.reject(error);
				return;
			}
			const { job: failing, error: reason } = failed as { job: Job; error: unknown };
			failing.reject(reason);
			const rest = taken.filter((job) => job !== failing);
			if (rest.length > 0) await this.runWithSavepoints(rest);
			return;
		}
		taken.forEach((job, i) => settle(job, done[i].value, done[i].hooks));
	}

	/** Each piece of work in its own savepoint: a failing one is undone alone, the others in the batch stay. */
	private async runWithSavepoints(taken: Job[]): Promise<void> {
		const outcomes: Outcome[] = [];
		try {
			await this.db.transaction().execute(async (trx: Transaction<Database>) => {
				const tx = Object.assign(trx, { dialect: this.db.dialect });
				for (const job of taken) {
					await sql`savepoint batch_job`.execute(tx);
					try {
						const { value, hooks } = await withHooks(tx, job);
						await sql`release batch_job`.execute(tx);
						outcomes.push({ job, ok: true, value, hooks });
					} catch (error) {
						await sql`rollback to batch_job`.execute(tx);
						await sql`release batch_job`.execute(tx);
						outcomes.push({ job, ok: false, error });
					}
				}
			});
		} catch (error) {
			// The commit (or a rollback to a savepoint) failed: nothing of this batch is stored, and all hear so.
			for (const job of taken) job.reject(error);
			return;
		}
		for (const o of outcomes) {
			if (o.ok) settle(o.job, o.value, o.hooks);
			else o.job.reject(o.error);
		}
	}
}

const batchers = new WeakMap<Db, WriteBatcher>();

/**
 * Runs `work` in a transaction of its own (all or nothing), sharing the commit with other work queued at the same
 * moment on SQLite. Inside a transaction already, the work joins it. Keep the work short and about the database
 * only: the others in the batch wait for it, and it runs again (in a new transaction) when another piece of its
 * batch fails.
 */
export function inSharedTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction || db.dialect !== 'sqlite') return inTransaction(db, work);
	let batcher = batchers.get(db);
	if (!batcher) batchers.set(db, (batcher = new WriteBatcher(db)));
	return batcher.run(work);
}
