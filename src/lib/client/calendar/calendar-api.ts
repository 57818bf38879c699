import type { AppointmentDto, BookedSeriesDto, HoldDto, SeriesClash } from '../../shared/scheduling/appointment.schema.ts';
import type { SlotDto } from '../../shared/scheduling/slot.types.ts';

/** An RFC 9457 problem as the API writes it, with the booking extras it may carry. */
export interface Problem {
	status: number;
	code: string;
	detail: string;
	errors?: Record<string, string[]>;
	/** SLOT_TAKEN: the nearest free times for the same service. */
	alternatives?: SlotDto[];
	/** STALE_VERSION: how the appointment stands now. */
	current?: AppointmentDto;
	/** A refused course: each session that cannot be booked (its reasons are in `errors['sessions.<index>']`). */
	clashes?: SeriesClash[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem | null };

/** The sentence to show for a refusal: what happened, then what is wrong with each field. */
export function problemText(problem: Problem): string {
	const fields = Object.values(problem.errors ?? {}).flat();
	const extra = fields.filter((f) => f !== problem.detail);
	return extra.length ? `${problem.detail.replace(/[.:;।]?$/, ':')} ${extra.join('; ')}` : problem.detail;
}

/**
 * One JSON request. A refusal comes back as its problem document; no answer at all (offline, a
 * dropped connection) as `problem: null`, so the screen can say so in the reader's language.
 */
export async function send<T>(method: string, url: string, body?: unknown): Promise<Result<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, problem: null };
	}
	if (res.status === 204) return { ok: true, data: undefined as T };
	const json = await res.json().catch(() => null);
	if (res.ok) return { ok: true, data: json as T };
	if (json && typeof json === 'object' && 'detail' in json) return { ok: false, problem: { ...(json as Problem), status: res.status } };
	return { ok: false, problem: null };
}

export const calendarApi = {
	move: (id: string, change: object, version: number) => send<AppointmentDto>('PATCH', `/api/v1/appointments/${id}`, { ...change, version }),
	book: (input: object) => send<AppointmentDto>('POST', '/api/v1/appointments', input),
	bookSeries: (input: object) => send<BookedSeriesDto>('POST', '/api/v1/appointments/series', input),
	hold: (branchId: string, input: { serviceId: string; practitionerId: string; roomId: string; start: string }) => send<HoldDto>('POST', `/api/v1/branches/${branchId}/holds`, input),
	release: (holdId: string) => send<void>('DELETE', `/api/v1/holds/${holdId}`),
	status: (id: string, status: string, version: number) => send<AppointmentDto>('POST', `/api/v1/appointments/${id}/status`, { status, version }),
	cancel: (id: string, reason: string, version: number) => send<AppointmentDto>('POST', `/api/v1/appointments/${id}/cancel`, { reason, version }),
	slots: (branchId: string, serviceId: string, from: number, to: number, limit: number) => {
		const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
		return send<{ items: SlotDto[] }>('GET', `/api/v1/branches/${branchId}/slots?serviceId=${serviceId}&from=${iso(from)}&to=${iso(to)}&limit=${limit}`);
	},
	history: (id: string) => send<{ events: HistoryEvent[] }>('GET', `/api/v1/appointments/${id}/history`)
};

export interface HistoryEvent {
	kind: 'booked' | 'rescheduled' | 'status_changed' | 'cancelled' | string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
	by_name: string | null;
	at: string;
}
