import type { Calendar, CalendarOptions, EventApi, EventDisplayInfo, EventInput, EventSourceFuncInfo } from 'fullcalendar';
import type { AppointmentDto, HoldDto, PractitionerItem, RoomItem } from '../../shared/scheduling/appointment.schema.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { APPOINTMENT_EVENT, appointmentEvent, HOLD_EVENT, holdEvent, holdEventId, type Columns, type DisplayOptions } from './calendar-events.ts';
import type { CalendarStore } from './calendar-store.svelte.ts';
import type { HolidayDto, OpeningHoursDto } from '../../shared/scheduling/catalogue.schema.ts';
import type { Weekday } from '../../shared/scheduling/slot.types.ts';

/** The scheduler's own key for projects published under the AGPL, as SkinSpire is. */
const SCHEDULER_LICENSE = 'AGPL-My-Frontend-And-Backend-Are-Open-Source';
const SOURCE = 'appointments';

/** Indian English writes dates day first, as British English does. */
const fcLocale = (locale: Locale) => (locale === 'hi' ? 'hi' : 'en-gb');

/** Open today at the hour before now on the branch's clock, so the day's present is in view; another day at 09:00. */
function openingScroll(timeZone: string, day: string | undefined): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
	if (day && day !== today) return '09:00';
	const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
	return `${String(Math.min(19, Math.max(8, hour - 1))).padStart(2, '0')}:00`;
}

export type CalendarViewName = 'day' | 'week' | 'month' | 'list';
const VIEW_TYPES: Record<CalendarViewName, string> = { day: 'resourceTimeGridDay', week: 'resourceTimeGridWeek', month: 'dayGridMonth', list: 'listWeek' };

/** What moving or resizing asks the server to change. */
export interface MoveRequest {
	start: string;
	roomId?: string;
	practitionerId?: string;
	durationMinutes?: number;
}

export interface CalendarTexts {
	heldBy(name: string): string;
	heldByYou: string;
	outOfService(reason: string | null): string;
	status(status: AppointmentDto['status']): string;
	more(count: number): string;
	noEvents: string;
	eventLabel(a: AppointmentDto): string;
}

export interface CalendarSetup {
	branchId: string;
	timeZone: string;
	me: string;
	rooms: RoomItem[];
	practitioners: PractitionerItem[];
	canBook: boolean;
	locale: Locale;
	texts: CalendarTexts;
	view: CalendarViewName;
	/** The day to open on ('YYYY-MM-DD' on the branch's calendar); today when absent. */
	initialDate?: string;
	display: DisplayOptions;
	onSlot(slot: { start: Date; columnId: string | null }): void;
	onOpen(appointmentId: string): void;
	/** Ask the server; call `revert` when it says no. */
	onMove(appointment: AppointmentDto, change: MoveRequest, revert: () => void): void;
	onRange(range: { title: string; view: CalendarViewName; start: Date; end: Date }): void;
	onLoading(loading: boolean): void;
	/** Whether the last snapshot came (false: the calendar shows what it had, and says so). */
	onLoaded(ok: boolean): void;
}

/** FullCalendar numbers weekdays from Sunday, as JavaScript does. */
const DAY_NUMBER: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The branch's opening hours as FullCalendar business hours: the rest of each day is shaded. */
function businessHours(week: OpeningHoursDto['week']) {
	return (Object.entries(week) as [Weekday, { opens: string; closes: string } | null][]).flatMap(([day, h]) => (h ? [{ daysOfWeek: [DAY_NUMBER[day]], startTime: h.opens, endTime: h.closes }] : []));
}

/**
 * When the branch is closed: its opening hours and holidays, as set up now (a change shows on the
 * calendar's next load). Without them the calendar still works, unshaded.
 */
async function fetchClosures(branchId: string): Promise<{ hours: OpeningHoursDto | null; holidays: HolidayDto[] }> {
	const from = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10);
	const get = async <T>(url: string): Promise<T | null> => {
		try {
			const res = await fetch(url, { headers: { accept: 'application/json' } });
			return res.ok ? ((await res.json()) as T) : null;
		} catch {
			return null;
		}
	};
	const [hours, holidays] = await Promise.all([get<OpeningHoursDto>(`/api/v1/branches/${branchId}/opening-hours`), get<{ items: HolidayDto[] }>(`/api/v1/branches/${branchId}/holidays?from=${from}`)]);
	return { hours, holidays: holidays?.items ?? [] };
}

function el(tag: string, className: string, text?: string): HTMLElement {
	const node = document.createElement(tag);
	node.className = className;
	if (text !== undefined) node.textContent = text;
	return node;
}

/**
 * FullCalendar over a CalendarStore. The store is the truth; this keeps the calendar's events in
 * step with it one event at a time, so a live change never reloads the view, its scroll position
 * or anything open over it.
 */
export class BranchCalendar {
	#calendar: Calendar | null = null;
	#setup: CalendarSetup;
	readonly #store: CalendarStore;
	#destroyed = false;
	/** Re-render from the store instead of asking the server (display options changed, not data). */
	#fromStore = false;
	/** The range the store last had a snapshot of; only within it can a re-render skip the server. */
	#loaded: { from: number; to: number } | null = null;
	/** Days the branch is closed, shaded across every column. */
	#holidays: HolidayDto[] = [];

	constructor(store: CalendarStore, setup: CalendarSetup) {
		this.#store = store;
		this.#setup = setup;
	}

	get display(): DisplayOptions {
		return this.#setup.display;
	}

	async mount(target: HTMLElement): Promise<void> {
		const [{ Calendar }, interaction, dayGrid, timeGrid, list, resourceTimeGrid, scrollGrid, breezy, hi, enGb] = await Promise.all([
			import('fullcalendar'),
			import('fullcalendar/interaction'),
			import('fullcalendar/daygrid'),
			import('fullcalendar/timegrid'),
			import('fullcalendar/list'),
			import('fullcalendar-scheduler/resource-timegrid'),
			import('fullcalendar-scheduler/scrollgrid'),
			import('fullcalendar/themes/breezy'),
			import('fullcalendar/locales/hi'),
			import('fullcalendar/locales/en-gb')
		]);
		const closures = await fetchClosures(this.#setup.branchId);
		this.#holidays = closures.holidays;
		if (this.#destroyed) return;
		const s = this.#setup;
		const options: CalendarOptions = {
			plugins: [interaction.default, dayGrid.default, timeGrid.default, list.default, resourceTimeGrid.default, scrollGrid.default, breezy.default],
			schedulerLicenseKey: SCHEDULER_LICENSE,
			timeZone: s.timeZone,
			locales: [hi.default, enGb.default],
			locale: fcLocale(s.locale),
			firstDay: 1,
			initialView: VIEW_TYPES[s.view],
			...(s.initialDate ? { initialDate: s.initialDate } : {}),
			headerToolbar: false,
			height: '100%',
			// A clinic's day on the 24-hour clock in both languages: no "3:00" that could be night or day.
			slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
			eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
			slotDuration: '00:15:00',
			slotHeaderInterval: '01:00',
			slotMinTime: '07:00',
			slotMaxTime: '22:00',
			scrollTime: openingScroll(s.timeZone, s.initialDate),
			scrollTimeReset: false,
			allDaySlot: false,
			// Outside opening hours is shaded (and nothing can be booked there anyway).
			...(closures.hours ? { businessHours: businessHours(closures.hours.week), nonBusinessHoursClass: 'sk-closed' } : {}),
			nowIndicator: true,
			expandRows: true,
			dayMaxEvents: true,
			datesAboveResources: true,
			// Six rooms on a phone, or a week of them (42 columns) anywhere: keep each column readable and scroll sideways inside the calendar.
			views: { resourceTimeGridDay: { dayMinWidth: 100 }, resourceTimeGridWeek: { dayMinWidth: 100 }, dayGridMonth: { dayMaxEvents: 3 } },
			resourceOrder: 'order',
			resources: this.#resources(s.display.columns),
			editable: s.canBook,
			eventDurationEditable: s.canBook,
			eventResourceEditable: s.canBook,
			eventSources: [{ id: SOURCE, events: (info: EventSourceFuncInfo) => this.#load(info) }],
			moreLinkText: (n: number) => s.texts.more(n),
			noEventsText: s.texts.noEvents,
			eventContent: (arg: EventDisplayInfo) => this.#content(arg),
			eventDidMount: (arg) => this.#mark(arg.event, arg.el),
			backgroundEventContent: (arg: EventDisplayInfo) => ({ domNodes: [el('span', 'sk-band-label', arg.event.title)] }),
			backgroundEventDidMount: (arg) => this.#mark(arg.event, arg.el),
			resourceDayHeaderContent: (arg) => {
				const room = arg.resource.extendedProps.room as RoomItem | undefined;
				const nodes = [el('span', 'sk-column-name', arg.resource.title)];
				if (room && !room.inService) nodes.push(el('span', 'sk-column-note', s.texts.outOfService(room.outOfServiceReason)));
				return { domNodes: nodes };
			},
			dateClick: (info) => {
				if (!info.view.type.startsWith('resourceTimeGrid')) {
					this.#calendar?.changeView(VIEW_TYPES.day, info.date);
					return;
				}
				s.onSlot({ start: info.date, columnId: info.resource?.id ?? null });
			},
			eventClick: (info) => {
				if (info.event.extendedProps.kind === APPOINTMENT_EVENT) {
					info.jsEvent.preventDefault();
					s.onOpen(info.event.id);
				}
			},
			// The version is the one on screen when the drag began: if someone else changed the
			// appointment meanwhile, the server says so instead of this drop silently undoing it.
			eventDrop: (info) => {
				const a = info.oldEvent.extendedProps.appointment as AppointmentDto | undefined;
				if (!a || !info.event.start) return info.revert();
				const change: MoveRequest = { start: info.event.start.toISOString() };
				if (info.newResource && info.newResource.id !== info.oldResource?.id) {
					if (this.display.columns === 'rooms') change.roomId = info.newResource.id;
					else change.practitionerId = info.newResource.id;
				}
				s.onMove(a, change, info.revert);
			},
			eventResize: (info) => {
				const a = info.oldEvent.extendedProps.appointment as AppointmentDto | undefined;
				if (!a || !info.event.start || !info.event.end) return info.revert();
				s.onMove(a, { start: info.event.start.toISOString(), durationMinutes: Math.round((info.event.end.getTime() - info.event.start.getTime()) / 60_000) }, info.revert);
			},
			datesSet: (info) => {
				const view = (Object.entries(VIEW_TYPES).find(([, type]) => type === info.view.type)?.[0] ?? 'day') as CalendarViewName;
				s.onRange({ title: info.view.title, view, start: info.start, end: info.end });
			},
			loading: (loading) => s.onLoading(loading)
		};
		this.#calendar = new Calendar(target, options);
		this.#calendar.render();
	}

	destroy(): void {
		this.#destroyed = true;
		this.#calendar?.destroy();
		this.#calendar = null;
	}

	#resources(columns: Columns) {
		const s = this.#setup;
		return columns === 'rooms'
			? s.rooms.map((room, order) => ({ id: room.id, title: room.name, extendedProps: { order, room } }))
			: s.practitioners.map((p, order) => ({ id: p.id, title: p.name, extendedProps: { order } }));
	}

	/** The visible range from the server (or, for a change of display only, from the store). */
	async #load(info: EventSourceFuncInfo): Promise<EventInput[]> {
		const from = info.start.getTime();
		const to = info.end.getTime();
		const known = this.#fromStore && this.#loaded !== null && this.#loaded.from <= from && to <= this.#loaded.to;
		if (!known) {
			const mark = this.#store.mark();
			const url = `/api/v1/branches/${this.#setup.branchId}/appointments?from=${encodeURIComponent(info.start.toISOString())}&to=${encodeURIComponent(info.end.toISOString())}`;
			try {
				const res = await fetch(url, { headers: { accept: 'application/json' } });
				if (!res.ok) throw new Error(String(res.status));
				this.#store.replaceRange(mark, from, to, await res.json());
				this.#loaded = { from, to };
				this.#setup.onLoaded(true);
			} catch {
				// Keep showing what the store has; the connection's return refetches.
				this.#setup.onLoaded(false);
			}
		}
		this.#fromStore = false;
		return this.#inputs(info.start, info.end);
	}

	#inputs(start: Date, end: Date): EventInput[] {
		const from = start.getTime();
		const to = end.getTime();
		const d = this.display;
		const events: EventInput[] = [];
		for (const a of this.#store.between(from, to)) {
			const input = appointmentEvent(a, d);
			if (input) events.push(input);
		}
		for (const h of this.#store.holdsBetween(from, to)) events.push(this.#holdInput(h));
		for (const h of this.#holidays) {
			const day = Date.parse(`${h.day}T00:00:00Z`);
			// A wall-clock day, compared loosely with instants: a day either side does no harm.
			if (day > to + 86_400_000 || day + 2 * 86_400_000 < from) continue;
			const next = new Date(day + 86_400_000).toISOString().slice(0, 10);
			events.push({ id: `holiday:${h.id}`, start: `${h.day}T00:00:00`, end: `${next}T00:00:00`, display: 'background', className: 'sk-holiday', title: h.name });
		}
		if (d.columns === 'rooms') {
			for (const room of this.#setup.rooms.filter((r) => !r.inService)) {
				events.push({ id: `out-of-service:${room.id}`, start, end, resourceId: room.id, display: 'background', className: 'sk-out-of-service', title: this.#setup.texts.outOfService(room.outOfServiceReason) });
			}
		}
		return events;
	}

	#holdInput(h: HoldDto): EventInput {
		const mine = h.heldBy.id === this.#setup.me;
		return holdEvent(h, this.display, mine ? this.#setup.texts.heldByYou : this.#setup.texts.heldBy(h.heldBy.name), mine);
	}

	#content(arg: EventDisplayInfo) {
		const a = arg.event.extendedProps.appointment as AppointmentDto | undefined;
		if (!a) return true;
		// A month cell has room for a line per appointment; a short slot for one too.
		const month = arg.view.type === VIEW_TYPES.month;
		const box = el('div', `sk-event${arg.isShort || month ? ' sk-event-short' : ''}${month ? ' sk-event-dot' : ''}`);
		box.append(el('span', 'sk-event-time', arg.timeText));
		// Beside the time, where a short event still has room for it.
		if (a.status !== 'booked') box.append(el('span', 'sk-event-status', this.#setup.texts.status(a.status)));
		box.append(el('span', 'sk-event-patient', a.patient.name), el('span', 'sk-event-service', a.service.name));
		return { domNodes: [box] };
	}

	#mark(event: EventApi, node: HTMLElement) {
		const kind = event.extendedProps.kind as string | undefined;
		if (kind === APPOINTMENT_EVENT) {
			const a = event.extendedProps.appointment as AppointmentDto;
			node.dataset.testid = 'calendar-event';
			node.dataset.appointmentId = a.id;
			node.dataset.status = a.status;
			node.dataset.start = a.start;
			node.dataset.end = a.end;
			node.dataset.roomId = a.room.id;
			node.dataset.practitionerId = a.practitioner.id;
			node.title = this.#setup.texts.eventLabel(a);
		} else if (kind === HOLD_EVENT) {
			node.dataset.testid = 'calendar-hold';
			node.dataset.holdId = (event.extendedProps.hold as HoldDto).id;
		} else if (event.id.startsWith('out-of-service:')) {
			node.dataset.testid = 'calendar-out-of-service';
			node.dataset.resourceId = event.id.slice('out-of-service:'.length);
			node.title = event.title;
		} else if (event.id.startsWith('holiday:')) {
			node.dataset.testid = 'calendar-holiday';
			node.title = event.title;
		}
	}

	/** Show an appointment as the store has it now (added, moved, changed or gone). */
	refreshAppointment(id: string): void {
		const calendar = this.#calendar;
		if (!calendar) return;
		calendar.getEventById(id)?.remove();
		const a = this.#store.appointments.get(id);
		const input = a && appointmentEvent(a, this.display);
		if (input) calendar.addEvent(input, SOURCE);
	}

	refreshHold(holdId: string): void {
		const calendar = this.#calendar;
		if (!calendar) return;
		calendar.getEventById(holdEventId(holdId))?.remove();
		const h = this.#store.holds.get(holdId);
		if (h) calendar.addEvent(this.#holdInput(h), SOURCE);
	}

	/** Ask the server again for the visible range (after the connection came back). */
	refetch(): void {
		this.#calendar?.getEventSourceById(SOURCE)?.refetch();
	}

	setDisplay(display: DisplayOptions): void {
		const before = this.#setup.display;
		this.#setup = { ...this.#setup, display };
		const calendar = this.#calendar;
		if (!calendar) return;
		if (before.columns !== display.columns) calendar.setOption('resources', this.#resources(display.columns));
		this.#fromStore = true;
		calendar.getEventSourceById(SOURCE)?.refetch();
	}

	setView(view: CalendarViewName): void {
		this.#calendar?.changeView(VIEW_TYPES[view]);
	}

	setLocale(locale: Locale, texts: CalendarTexts): void {
		this.#setup = { ...this.#setup, locale, texts };
		const calendar = this.#calendar;
		if (!calendar) return;
		calendar.setOption('locale', fcLocale(locale));
		calendar.setOption('noEventsText', texts.noEvents);
		this.#fromStore = true;
		calendar.getEventSourceById(SOURCE)?.refetch();
	}

	prev(): void {
		this.#calendar?.prev();
	}

	next(): void {
		this.#calendar?.next();
	}

	today(): void {
		this.#calendar?.today();
	}

	gotoDate(date: Date): void {
		this.#calendar?.gotoDate(date);
	}
}
