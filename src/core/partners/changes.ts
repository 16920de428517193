// Audit summaries of an update name the fields that changed, never their values (no personal data in the log).
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): string {
	return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).join(', ') || 'nothing';
}
