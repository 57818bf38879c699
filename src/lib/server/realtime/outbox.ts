import type { EntityManager } from '@mikro-orm/postgresql';
import type { BroadcastEvent, BroadcastPayload } from '../../shared/realtime/events.ts';

/**
 * Queue a broadcast inside the caller's transaction. It is published only if that transaction
 * commits, and it is never lost if this process dies right after the commit.
 */
export async function enqueueBroadcast<E extends BroadcastEvent>(
	em: EntityManager,
	room: string,
	event: E,
	payload: BroadcastPayload<E>
): Promise<void> {
	await em.execute('insert into outbox_event (room, event, payload) values (?, ?, ?)', [room, event, JSON.stringify(payload)], 'run');
}

/** Control messages for the realtime layer itself (not forwarded to browsers). */
export const CONTROL = {
	disconnectSession: '_control.disconnect'
} as const;

export async function enqueueControl(em: EntityManager, room: string, control: (typeof CONTROL)[keyof typeof CONTROL]): Promise<void> {
	await em.execute('insert into outbox_event (room, event, payload) values (?, ?, ?)', [room, control, '{}'], 'run');
}
