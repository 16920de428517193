// The shapes of an hourly limit's answer: safe for the browser (types and one pure function, no database).

/** A count taken: allowed while it stays within the limit; refused with the seconds until the window ends. */
export type SlotAnswer = { allowed: true; count: number } | { allowed: false; count: number; retryAfter: number };
export type SlotOptions = { limit: number; windowSeconds: number; now?: Date };
/** Work done only when its count was allowed: its value, or when to try again. */
export type Counted<T> = { allowed: true; value: T } | { allowed: false; retryAfter: number };

/** The fixed window `now` falls in: its start and how many seconds are left of it (at least one). */
export function windowOf(now: Date, windowSeconds: number): { start: Date; secondsLeft: number } {
	const windowMs = windowSeconds * 1000;
	const start = Math.floor(now.getTime() / windowMs) * windowMs;
	return { start: new Date(start), secondsLeft: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)) };
}
