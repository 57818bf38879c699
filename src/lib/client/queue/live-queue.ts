import type { QueueAction, ServerToClientEvents } from '../../shared/realtime/events.ts';
import type { QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import { getSocket } from '../realtime/socket.ts';

export interface QueueListener {
	queue(event: { action: QueueAction; entry: QueueEntryDto; queue: QueueSnapshot }): void;
	appointment?(appointment: AppointmentDto): void;
	/** Events may have been missed (a reconnect without recovery, or the server asked): fetch again. */
	resync(): void;
}

/**
 * Follow one branch's queue (and its appointments) on the tab's socket; returns the unsubscribe.
 * The socket is in every branch room of the user, so events of other branches are left out here.
 */
export function followQueue(branchId: string, listener: QueueListener): () => void {
	const socket = getSocket();
	let connectedBefore = socket.connected;
	const onQueue = (e: Parameters<ServerToClientEvents['queue.updated']>[0]) => {
		if (e.queue.branchId === branchId) listener.queue(e);
	};
	const onAppointment = (e: Parameters<ServerToClientEvents['appointment.changed']>[0]) => {
		if (e.appointment.branchId === branchId) listener.appointment?.(e.appointment);
	};
	const onConnect = () => {
		if (connectedBefore && !socket.recovered) listener.resync();
		connectedBefore = true;
	};
	const onResync = () => listener.resync();
	socket.on('queue.updated', onQueue);
	socket.on('appointment.changed', onAppointment);
	socket.on('connect', onConnect);
	socket.on('system.resync', onResync);
	return () => {
		socket.off('queue.updated', onQueue);
		socket.off('appointment.changed', onAppointment);
		socket.off('connect', onConnect);
		socket.off('system.resync', onResync);
	};
}
