// Choices for the audit log search page: the staff accounts one can filter on, and the actions and resource types
// the modules write. Only for those who may search the log. The page's list of choices is sent to the browser, so
// this file imports the policy check alone, not the access module with the audit log (node:crypto via db/ids).
import type { Actor } from '../access/actor';
import { authorize } from '../access/policy';
import type { Db } from '../db/database';

/** Suggestions only: modules add their own actions, and the search page takes any action name. */
export const AUDIT_ACTIONS = [
	'read',
	'create',
	'update',
	'delete',
	'consent_record',
	'consent_withdraw',
	'import',
	'sign-in',
	'request-password-reset',
	'reset-password',
	'accept-invitation',
	'deactivate',
	'reactivate'
] as const;
export const AUDIT_RESOURCES = ['resident', 'household', 'dwelling', 'building', 'tenants', 'estate', 'area', 'organisation', 'team', 'user'] as const;

/** The staff whose entries the reader may search: a coordinator's own organisation, everyone for an admin. */
export async function auditActors(db: Db, actor: Actor): Promise<Array<{ id: string; name: string; email: string }>> {
	authorize(actor, 'search', 'audit');
	return db
		.selectFrom('users')
		.select(['id', 'name', 'email'])
		.$if(actor.kind === 'staff' && actor.role !== 'admin', (q) => q.where('organisation_id', '=', actor.kind === 'staff' ? (actor.organisationId ?? '') : ''))
		.orderBy('name')
		.orderBy('email')
		.execute();
}
