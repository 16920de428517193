// Choices for the audit log search page: the staff accounts one can filter on, and the actions and resource types
// the modules write. Only for those who may search the log. The page's list of choices is sent to the browser, so
// this file imports the policy check alone, not the access module with the audit log (node:crypto via db/ids).
import type { Actor } from '../access/model';
import { authorize } from '../access/model';
import type { Db } from '../db/model';

/**
 * Every action the modules write to the log, each with a label in people.action_<action> (audit-filters.test.ts checks
 * both against the code); the search page still takes any action name.
 */
export const AUDIT_ACTIONS = [
	'read',
	'create',
	'update',
	'delete',
	'consent_record',
	'consent_withdraw',
	'import',
	'sign-in',
	'accept-invitation',
	'add-member',
	'add-working-area',
	'category_create',
	'category_update',
	'collective_add',
	'collective_close',
	'collective_create',
	'collective_export',
	'collective_remove',
	'collective_reopen',
	'deactivate',
	'invite',
	'open311_client_issue',
	'open311_client_revoke',
	'partner_link_answer',
	'partner_link_create',
	'partner_link_revoke',
	'reactivate',
	'referral_accept',
	'referral_create',
	'referral_decline',
	'referral_withdraw',
	'remove-member',
	'remove-working-area',
	'request-password-reset',
	'resend-invitation',
	'reset-password',
	'routing_rule_delete',
	'routing_rule_set',
	'routing_rule_update',
	'sign-in-paused',
	'signal_anonymise',
	'signal_assign',
	'signal_category',
	'signal_create',
	'signal_escalate',
	'signal_feedback',
	'signal_join',
	'signal_merge',
	'signal_message',
	'signal_note',
	'signal_overdue_digest',
	'signal_read',
	'signal_reply',
	'signal_status',
	'survey_codes_download',
	'survey_codes_generate',
	'survey_codes_void',
	'survey_create',
	'survey_delete',
	'survey_export',
	'survey_paper_entry',
	'survey_paper_import',
	'survey_publish',
	'survey_status',
	'survey_structure',
	'survey_tablet_entry',
	'survey_unpublish',
	'survey_update',
	'survey_wave_create',
	'survey_wave_delete',
	'survey_wave_update'
] as const;
/** Every kind of record the modules write to the log, each with a label in people.resource_<type> (tested as the actions). */
export const AUDIT_RESOURCES = [
	'resident',
	'household',
	'dwelling',
	'building',
	'tenants',
	'estate',
	'area',
	'organisation',
	'team',
	'user',
	'signal',
	'signal-category',
	'routing-rule',
	'collective-issue',
	'survey',
	'survey_response',
	'open311-client'
] as const;

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
