import type { EventInput } from 'fullcalendar';
import type { AppointmentDto, AppointmentStatus, HoldDto, SERVICE_CATEGORIES } from '../../shared/scheduling/appointment.schema.ts';
import { isClosed } from './calendar-store.svelte.ts';

export type Columns = 'rooms' | 'practitioners';
export type ColourBy = 'status' | 'service';
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export interface DisplayOptions {
	columns: Columns;
	colourBy: ColourBy;
	showCancelled: boolean;
	canBook: boolean;
}

/**
 * Colours as CSS variables (calendar.css): deep shades in light mode, bright ones in dark mode, so
 * the calendar's tinted events read well on either background.
 */
export const STATUS_COLOURS: Record<AppointmentStatus, string> = {
	booked: 'var(--sk-status-booked)',
	confirmed: 'var(--sk-status-confirmed)',
	'checked-in': 'var(--sk-status-checked-in)',
	'in-consultation': 'var(--sk-status-in-consultation)',
	completed: 'var(--sk-status-completed)',
	cancelled: 'var(--sk-status-cancelled)',
	'no-show': 'var(--sk-status-no-show)'
};

export const CATEGORY_COLOURS: Record<ServiceCategory, string> = {
	consultation: 'var(--sk-category-consultation)',
	'follow-up': 'var(--sk-category-follow-up)',
	laser: 'var(--sk-category-laser)',
	injectable: 'var(--sk-category-injectable)',
	peel: 'var(--sk-category-peel)',
	facial: 'var(--sk-category-facial)',
	surgery: 'var(--sk-category-surgery)'
};

export const APPOINTMENT_EVENT = 'appointment';
export const HOLD_EVENT = 'hold';

export const holdEventId = (holdId: string) => `hold:${holdId}`;

export function columnOf(a: Pick<AppointmentDto, 'room' | 'practitioner'>, columns: Columns): string {
	return columns === 'rooms' ? a.room.id : a.practitioner.id;
}

/** The calendar's event for an appointment, or null when it is not shown (cancelled, unless asked for). */
export function appointmentEvent(a: AppointmentDto, o: DisplayOptions): EventInput | null {
	if (a.status === 'cancelled' && !o.showCancelled) return null;
	const closed = isClosed(a.status);
	const colour = o.colourBy === 'status' ? STATUS_COLOURS[a.status] : CATEGORY_COLOURS[a.service.category];
	return {
		id: a.id,
		title: a.patient.name,
		start: a.start,
		end: a.end,
		resourceId: columnOf(a, o.columns),
		color: colour,
		editable: o.canBook && !closed,
		className: ['sk-appointment', `sk-status-${a.status}`, closed ? 'sk-closed' : ''].filter(Boolean).join(' '),
		extendedProps: { kind: APPOINTMENT_EVENT, appointment: a }
	};
}

/** Someone else is booking this slot right now: a striped band behind the column, with who it is. */
export function holdEvent(h: HoldDto, o: Pick<DisplayOptions, 'columns'>, label: string, mine: boolean): EventInput {
	return {
		id: holdEventId(h.id),
		title: label,
		start: h.start,
		end: h.busyUntil,
		resourceId: o.columns === 'rooms' ? h.roomId : h.practitionerId,
		display: 'background',
		className: mine ? 'sk-hold sk-hold-mine' : 'sk-hold',
		extendedProps: { kind: HOLD_EVENT, hold: h }
	};
}
