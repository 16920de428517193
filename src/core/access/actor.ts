// Who is acting: a staff user with a role in an organisation, an anonymous resident, or the system itself (sweeps,
// imports from the command line, demo data).
import type { OrganisationKind, Role } from '../db';

/**
 * Where a staff member's organisation works, loaded once per request (partners/reach.ts): its working areas — a
 * regional institute's focus areas, an OCMW's or a municipality's territory. Every area inside one of them is in reach;
 * a housing company also reaches the estates it lets, which the policies read from the item itself.
 */
export type Reach = { areaIds: ReadonlySet<string> };
export const noReach: Reach = { areaIds: new Set() };

export type StaffActor = {
	kind: 'staff';
	id: string;
	name: string;
	email: string;
	role: Role;
	organisationId: string | null;
	organisationKind: OrganisationKind | null;
	teamIds: string[];
	reach: Reach;
	requestId?: string;
};
export type AnonymousActor = { kind: 'anonymous'; requestId?: string };
export type SystemActor = { kind: 'system'; label: string; requestId?: string };
export type Actor = StaffActor | AnonymousActor | SystemActor;

export const anonymous: AnonymousActor = { kind: 'anonymous' };
export const system = (label: string): SystemActor => ({ kind: 'system', label });

export function actorLabel(actor: Actor): string {
	if (actor.kind === 'staff') return `${actor.name} <${actor.email}>`;
	if (actor.kind === 'system') return `system:${actor.label}`;
	return 'anonymous';
}

export const isStaff = (actor: Actor): actor is StaffActor => actor.kind === 'staff';
