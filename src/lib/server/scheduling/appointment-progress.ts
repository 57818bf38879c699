import type { EntityManager } from '@mikro-orm/postgresql';
import { rooms } from '../../shared/realtime/events.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import type { OutboxBatch } from '../realtime/outbox.ts';
import { APPOINTMENT_SELECT, toAppointmentDto, type AppointmentRow } from './booking.service.ts';

/**
 * Move an appointment along as its patient moves through the queue (checked in → in
 * consultation → completed), in the caller's transaction: only from the given statuses, with a
 * line in its history and every calendar of the branch told. Nothing happens when there is no
 * appointment or it is already past `from`.
 */
export async function advanceAppointment(em: EntityManager, outbox: OutboxBatch, byUserId: string, appointmentId: string | null, to: AppointmentDto['status'], from: AppointmentDto['status'][]): Promise<void> {
	if (!appointmentId) return;
	const [moved] = await em.execute<{ status: string; before: string }[]>(
		`update appointment a set status = ?, updated_at = now(), version = version + 1 from (select id, status as before from appointment where id = ? for update) old
		 where a.id = old.id and old.before in (${from.map(() => '?').join(', ')}) returning a.status, old.before`,
		[to, appointmentId, ...from]
	);
	if (!moved) return;
	await em.execute('insert into appointment_event (appointment_id, kind, before, after, by_id, at) values (?, ?, ?, ?, ?, now())', [appointmentId, 'status_changed', JSON.stringify({ status: moved.before }), JSON.stringify({ status: to }), byUserId], 'run');
	const [row] = await em.execute<AppointmentRow[]>(`${APPOINTMENT_SELECT} where a.id = ?`, [appointmentId]);
	const dto = toAppointmentDto(row!);
	await outbox.broadcast(em, rooms.schedule(dto.branchId), 'appointment.changed', { appointment: dto, version: dto.version });
}
