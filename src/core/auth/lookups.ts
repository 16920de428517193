// What other modules need to know of staff accounts, without an actor: the caller has checked the policy for its own
// action. Never the password hash.
import type { Db } from '../db';
import type { User } from '../db';

export type StaffAccount = Pick<User, 'id' | 'name' | 'email' | 'locale' | 'role' | 'organisation_id'>;

/** Whether any staff account exists (an empty installation has none). */
export async function anyStaffAccount(db: Db): Promise<boolean> {
	return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

/** Of these addresses, the ones that belong to an active account. */
export async function activeAccountEmails(db: Db, emails: readonly string[]): Promise<Set<string>> {
	if (emails.length === 0) return new Set();
	const rows = await db.selectFrom('users').select('email').where('email', 'in', emails).where('is_active', '=', true).execute();
	return new Set(rows.map((r) => r.email));
}

/** The staff accounts of one organisation (of every organisation without one), by name (then address; active only: then id). */
export async function staffAccounts(db: Db, filter: { organisationId?: string; activeOnly?: boolean } = {}): Promise<StaffAccount[]> {
	const rows = await db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'locale', 'role', 'organisation_id'])
		.$if(filter.organisationId !== undefined, (q) => q.where('organisation_id', '=', filter.organisationId!))
		.$if(!!filter.activeOnly, (q) => q.where('is_active', '=', true))
		.orderBy('name')
		.orderBy(filter.activeOnly ? 'id' : 'email')
		.execute();
	return rows;
}

/** The staff account with this address, active or not, or null. */
export async function staffAccountByEmail(db: Db, email: string): Promise<StaffAccount | null> {
	return (
		(await db.selectFrom('users').select(['id', 'name', 'email', 'locale', 'role', 'organisation_id']).where('email', '=', email).executeTakeFirst()) ?? null
	);
}

/** One active staff account of an organisation, or null (someone switched off or of another organisation is none). */
export async function activeStaffAccountOf(db: Db, id: string, organisationId: string): Promise<StaffAccount | null> {
	return (
		(await db
			.selectFrom('users')
			.select(['id', 'name', 'email', 'locale', 'role', 'organisation_id'])
			.where('id', '=', id)
			.where('is_active', '=', true)
			.where('organisation_id', '=', organisationId)
			.executeTakeFirst()) ?? null
	);
}
