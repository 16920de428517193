// The access policy: every read or write of people's data asks here first. Rules are one readable line each,
// registered per resource in core/access/policies/*.ts (after Outline's server/policies).
import { Forbidden, Unauthenticated } from '../errors';
import type { Role } from '../db/model';
import type { Actor, StaffActor } from './actor';

type Condition<S> = (actor: StaffActor, subject: S) => boolean;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule checks its own resource type; the table holds them all
type Rule = { roles: readonly Role[] | 'any-staff'; condition?: Condition<any> };

const rules = new Map<string, Rule[]>();
const publicActions = new Set<string>();

/** `allow('resident', ['read'], ['community_worker'], (actor, r) => …)`: staff with one of the roles may, if the condition holds. */
export function allow<S = unknown>(resource: string, actions: readonly string[], roles: readonly Role[] | 'any-staff', condition?: Condition<S>): void {
	for (const action of actions) {
		const key = `${resource}:${action}`;
		rules.set(key, [...(rules.get(key) ?? []), { roles, condition }]);
	}
}

/** Actions anyone may do, without an account (a resident reading an area's public page). */
export function allowPublic(resource: string, actions: readonly string[]): void {
	for (const action of actions) publicActions.add(`${resource}:${action}`);
}

/**
 * May the actor do this? With a subject (a resident's context, a signal's, a place's), the rule's condition decides.
 * Without one, the question is the role's: may someone in this role do it anywhere — a role gate before the subject is
 * loaded, or whether to show a button. A service that acts on a subject always asks again with the subject.
 */
export function can<S = unknown>(actor: Actor, action: string, resource: string, subject?: S): boolean {
	const key = `${resource}:${action}`;
	if (publicActions.has(key)) return true;
	if (actor.kind === 'system') return true;
	if (actor.kind !== 'staff') return false;
	return (rules.get(key) ?? []).some(
		(rule) => (rule.roles === 'any-staff' || rule.roles.includes(actor.role)) && (!rule.condition || subject === undefined || rule.condition(actor, subject))
	);
}

/** Throws Unauthenticated for an anonymous actor and Forbidden for staff without the right. */
export function authorize<S = unknown>(actor: Actor, action: string, resource: string, subject?: S): void {
	if (can(actor, action, resource, subject)) return;
	if (actor.kind === 'anonymous') throw new Unauthenticated();
	throw new Forbidden();
}

/** Every resource:action pair the policy knows, for tests and documentation. */
export function knownPermissions(): string[] {
	return [...new Set([...rules.keys(), ...publicActions])].sort();
}
