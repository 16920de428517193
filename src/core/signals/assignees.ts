// Who a signal can be put on: the active colleagues of the organisation that handles it. Names only, for the assign
// select of the inbox and the signal page (the partners module lists users only for admins and coordinators).
import { authorize, isStaff, type Actor } from '../access';
import type { Db } from '../db/database';
import { loadForAction } from './handling';

export type Assignee = { id: string; name: string };

async function activeUsersOf(db: Db, organisationId: string | null): Promise<Assignee[]> {
	if (!organisationId) return [];
	return db.selectFrom('users').select(['id', 'name']).where('organisation_id', '=', organisationId).where('is_active', '=', true).orderBy('name').orderBy('id').execute();
}

/** The reader's own colleagues (bulk assignment from the inbox: the signals there are mostly their organisation's). */
export async function colleagues(db: Db, actor: Actor): Promise<Assignee[]> {
	authorize(actor, 'list', 'signal');
	return isStaff(actor) ? activeUsersOf(db, actor.organisationId) : [];
}

/** The colleagues of the organisation that handles this signal, for someone who may handle it. */
export async function assigneesFor(db: Db, actor: Actor, signalId: string): Promise<Assignee[]> {
	const { signal } = await loadForAction(db, actor, signalId, 'handle');
	return activeUsersOf(db, signal.organisation_id);
}
