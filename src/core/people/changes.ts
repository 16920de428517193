// What every change to a person's record shares: the organisation that registers it, and the fields that changed (audit
// summaries name fields, never values).
import type { Actor } from '../access';

/** The staff actor's organisation, kept as the one that registered a household or resident. */
export const organisationOf = (actor: Actor) => (actor.kind === 'staff' ? actor.organisationId : null);

/** The fields whose value differs, by column name (audit summaries name fields, never values). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Array<keyof T & string> {
	return (Object.keys(after) as Array<keyof T & string>).filter((k) => after[k] !== undefined && after[k] !== before[k]);
}
