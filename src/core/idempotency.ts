// Retried posts: a client that lost an answer sends the same request again with the same key (Open311's
// Idempotency-Key header, the tablet's submission id) and gets the first answer. The key is kept with a fingerprint
// of what was sent, so the same key with another body — a key reused for a second report — is refused with 422
// instead of being answered with the first one (Stripe; IETF draft-ietf-httpapi-idempotency-key-header).
import { createHash } from 'node:crypto';
import { DomainError } from './errors';

export class IdempotencyKeyReused extends DomainError {
	constructor(key: string) {
		super('idempotency_key_reused', 422, `${key} was used before for a request with another body`, { key });
	}
}

/** The SHA-256 of a request's fields as parsed (so the order of fields and JSON keys does not matter). */
export function fingerprint(fields: unknown): string {
	return createHash('sha256').update(canonicalJson(fields)).digest('base64url');
}

/** JSON with object keys sorted at every depth; undefined fields left out, as JSON.stringify does. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
	if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		return `{${entries
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
			.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The stored fingerprint and the one sent: a key kept before fingerprints existed (null) matches any body. */
export function checkFingerprint(key: string, stored: string | null, sent: string | undefined): void {
	if (stored && sent && stored !== sent) throw new IdempotencyKeyReused(key);
}
