// A signal's timeline: every status change, note, message to the reporter and reply from them, assignment, photo and
// referral, in order.
import { actorLabel, type Actor } from '../../access';
import type { Db } from '../../db';
import { newId, nowIso } from '../../db';
import type { SignalStatus } from '../../db';

export type EventKind =
	| 'created'
	| 'routed'
	| 'status'
	| 'note'
	| 'message'
	| 'assigned'
	| 'attachment'
	| 'category'
	| 'referral'
	| 'merged'
	| 'joined'
	| 'feedback'
	| 'link'
	| 'collective'
	| 'reply';
export type EventInput = {
	kind: EventKind;
	visibility: 'internal' | 'reporter';
	fromStatus?: SignalStatus | null;
	toStatus?: SignalStatus | null;
	body?: string | null;
	data?: Record<string, unknown> | null;
	at?: string;
	/** Who acted when that is no one with an account (a partner answering through a link). */
	actorLabel?: string;
};

export async function addEvent(db: Db, actor: Actor, signalId: string, e: EventInput): Promise<void> {
	await addEvents(db, actor, signalId, [e]);
}

/** Several events of one signal in one statement (intake writes "created" and "routed" together), in their order. */
export async function addEvents(db: Db, actor: Actor, signalId: string, events: readonly EventInput[]): Promise<void> {
	if (events.length === 0) return;
	await db
		.insertInto('signal_events')
		.values(eventRows(actor, signalId, events))
		.execute();
}

/** The rows `addEvents` writes, for a caller that sends them with the other writes of its action (insertRows). */
export function eventRows(actor: Actor, signalId: string, events: readonly EventInput[]) {
	return events.map((e) => ({
		id: newId(),
		signal_id: signalId,
		at: e.at ?? nowIso(),
		actor_id: actor.kind === 'staff' ? actor.id : null,
		actor_label: e.actorLabel ?? (actor.kind === 'staff' ? actor.name : actorLabel(actor)),
		kind: e.kind,
		from_status: e.fromStatus ?? null,
		to_status: e.toStatus ?? null,
		body: e.body ?? null,
		visibility: e.visibility,
		data: e.data ?? null
	}));
}
