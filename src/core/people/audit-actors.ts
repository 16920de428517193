// The staff accounts one can filter the audit log search on. Only for those who may search the log.
import { authorize, type Actor } from '../access';
import { staffAccounts } from '../auth';
import type { Db } from '../db';

/** The staff whose entries the reader may search: a coordinator's own organisation, everyone for an admin. */
export async function auditActors(db: Db, actor: Actor): Promise<Array<{ id: string; name: string; email: string }>> {
	authorize(actor, 'search', 'audit');
	const accounts = await staffAccounts(db, actor.kind === 'staff' && actor.role !== 'admin' ? { organisationId: actor.organisationId ?? '' } : {});
	return accounts.map((a) => ({ id: a.id, name: a.name, email: a.email }));
}
