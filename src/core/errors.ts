// Errors are values with stable codes; one place (src/lib/server/problem.ts) turns them into pages or RFC 9457 documents.
import type { ZodError } from 'zod';

/** `messageKey` names a module's own message ("surveys.value_off_scale"); without it the message is `errors.<code>`. */
export type FieldIssue = { path: string; code: string; message: string; params?: Record<string, unknown>; messageKey?: string };

export class DomainError extends Error {
	constructor(
		readonly code: string,
		readonly status: number,
		message: string,
		readonly params: Record<string, unknown> = {}
	) {
		super(message);
		this.name = new.target.name;
	}
}

export class NotFound extends DomainError {
	constructor(what: string, id?: string) {
		super('not_found', 404, `${what} not found`, { what, id });
	}
}

export class Forbidden extends DomainError {
	constructor(message = 'You may not do this') {
		super('forbidden', 403, message);
	}
}

export class Unauthenticated extends DomainError {
	constructor() {
		super('unauthenticated', 401, 'Log in first');
	}
}

export class Conflict extends DomainError {
	constructor(code: string, message: string, params: Record<string, unknown> = {}) {
		super(code, 409, message, params);
	}
}

/** Input that fails validation; `issues` name the fields to fix. */
export class Invalid extends DomainError {
	constructor(
		readonly issues: FieldIssue[],
		code = 'invalid_input'
	) {
		super(code, 422, issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') || 'Invalid input');
	}

	static fromZod(error: ZodError): Invalid {
		return new Invalid(
			error.issues.map((issue) => {
				const i = issue as typeof issue & { minimum?: unknown; maximum?: unknown; format?: string; origin?: string; input?: unknown };
				const params: Record<string, unknown> = {};
				for (const k of ['minimum', 'maximum', 'format', 'origin'] as const) if (i[k] !== undefined) params[k] = String(i[k]);
				// A missing or empty required field reads better as "required" than as a type or length error.
				const empty = i.input === undefined || i.input === null || i.input === '';
				// A refinement names its rule in its message ('reason_required', 'phone'): that is the code to translate.
				const named = (issue.code === 'custom' || issue.code === 'invalid_format') && /^[a-z][a-z0-9_]*$/.test(issue.message) ? issue.message : null;
				const code =
					named ??
					((issue.code === 'invalid_type' && empty) || (issue.code === 'too_small' && i.origin === 'string' && Number(i.minimum) === 1)
						? 'required'
						: issue.code);
				return { path: issue.path.join('.'), code, message: issue.message, params };
			})
		);
	}

	static field(path: string, code: string, message: string, params?: Record<string, unknown>): Invalid {
		return new Invalid([{ path, code, message, params }]);
	}
}
