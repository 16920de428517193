// What a page may offer the actor, as data: booleans computed from the policy's rules, so no page compares roles.
// A page shows a menu entry or a button when its boolean is true; the service still asks the policy again (with the
// subject) when the action is taken.
import { can } from './policy';
import type { Actor } from './actor';

/** The staff menu and the buttons every staff page may show, by what the actor's role is allowed anywhere. */
export type StaffPermissions = {
	/** The signal inbox (handling signals and help requests). */
	handleSignals: boolean;
	/** Signal categories and routing rules. */
	manageSignalSettings: boolean;
	/** Referrals: who handles signals is referred to and refers on. */
	referrals: boolean;
	/** The list of residents and households. */
	readResidents: boolean;
	/** The figures of signals; shown to those who work with signals (the policy lets any staff read them). */
	readFigures: boolean;
	/** Bundling signals into a collective issue. */
	bundleSignals: boolean;
	/** Building surveys and reading their results. */
	buildSurveys: boolean;
	/** The audit log. */
	searchAudit: boolean;
	/** Organisations, accounts and API keys. */
	administer: boolean;
	/** Staff accounts. */
	manageUsers: boolean;
	/** Importing area boundaries. */
	importAreas: boolean;
	/** Importing a housing company's tenants (the import page decides per company). */
	importTenants: boolean;
};

export function staffPermissions(actor: Actor): StaffPermissions {
	const handleSignals = actor.kind === 'staff' && can(actor, 'list', 'signal');
	return {
		handleSignals,
		manageSignalSettings: actor.kind === 'staff' && can(actor, 'manage', 'signal-category'),
		referrals: handleSignals,
		readResidents: actor.kind === 'staff' && can(actor, 'list', 'resident'),
		readFigures: handleSignals && can(actor, 'read', 'signal-figures'),
		bundleSignals: actor.kind === 'staff' && can(actor, 'create', 'collective-issue'),
		buildSurveys: actor.kind === 'staff' && can(actor, 'list', 'survey'),
		searchAudit: actor.kind === 'staff' && can(actor, 'search', 'audit'),
		administer: actor.kind === 'staff' && can(actor, 'create', 'organisation'),
		manageUsers: actor.kind === 'staff' && can(actor, 'update', 'user'),
		importAreas: actor.kind === 'staff' && can(actor, 'import', 'area'),
		importTenants: actor.kind === 'staff' && can(actor, 'import', 'household')
	};
}

/**
 * The actions of one resource a page shows, each answered for this subject (a signal's context, a person's):
 * `permissionsFor(actor, 'signal', ['handle', 'refer'] as const, ctx)` → `{ handle: true, refer: false }`.
 */
export function permissionsFor<A extends string, S>(actor: Actor, resource: string, actions: readonly A[], subject: S): Record<A, boolean> {
	return Object.fromEntries(actions.map((action) => [action, actor.kind === 'staff' && can(actor, action, resource, subject)])) as Record<A, boolean>;
}
