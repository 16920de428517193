// Who a signal can be put on: the active colleagues of the organisation that handles it who may handle signals
// themselves (not an admin: she would get mails with links she cannot open). Names only, for the assign select of
// the inbox and the signal page (the partners module lists users only for admins and coordinators). The same rule
// decides the choices and the assignment itself (handling.ts assignSignal): the access policy, asked for the colleague.
import { authorize, isStaff, type Actor } from '../../access';
import type { SignalContext } from '../../access';
import { staffAccounts } from '../../auth';
import type { Db } from '../../db';
import { loadForAction, mayHandle } from './handling';

export type Assignee = { id: string; name: string };

async function activeUsersOf(db: Db, organisationId: string | null, ctx?: SignalContext): Promise<Assignee[]> {
	if (!organisationId) return [];
	const users = await staffAccounts(db, { organisationId, activeOnly: true });
	return users.filter((u) => mayHandle(u, ctx)).map((u) => ({ id: u.id, name: u.name }));
}

/** The reader's own colleagues who handle signals (bulk assignment from the inbox: the signals there are mostly their organisation's). */
export async function colleagues(db: Db, actor: Actor): Promise<Assignee[]> {
	authorize(actor, 'list', 'signal');
	return isStaff(actor) ? activeUsersOf(db, actor.organisationId) : [];
}

/** The colleagues of the organisation that handles this signal who may handle it, for someone who may handle it. */
export async function assigneesFor(db: Db, actor: Actor, signalId: string): Promise<Assignee[]> {
	const { signal, ctx } = await loadForAction(db, actor, signalId, 'handle');
	return activeUsersOf(db, signal.organisation_id, ctx);
}
