import type { CheckInInput, QueueEntryDto, QueueSnapshot } from '../../shared/queue/queue.schema.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import { problemText as calendarProblemText } from '../calendar/calendar-api.ts';

/** A refusal as the API writes it (RFC 9457), with what the queue adds to it. */
export interface QueueProblem {
	status: number;
	code: string;
	detail: string;
	errors?: Record<string, string[]>;
	/** STALE_VERSION: the entry as it stands now. */
	current?: QueueEntryDto;
}

/** `problem: null` means no answer at all (offline, a dropped connection): the screen says so itself. */
export type QueueResult<T> = { ok: true; data: T } | { ok: false; problem: QueueProblem | null };

async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<QueueResult<T>> {
	let res: Response;
	try {
		res = await fetch(url, {
			method,
			headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, problem: null };
	}
	const json: unknown = await res.json().catch(() => null);
	if (res.ok) return { ok: true, data: json as T };
	if (json && typeof json === 'object' && 'detail' in json) return { ok: false, problem: { ...(json as QueueProblem), status: res.status } };
	return { ok: false, problem: null };
}

export const queueApi = {
	list: (branchId: string) => request<QueueSnapshot>('GET', `/api/v1/branches/${branchId}/queue`),
	myDay: (branchId: string) => request<{ appointments: AppointmentDto[]; queue: QueueSnapshot }>('GET', `/api/v1/branches/${branchId}/my-day`),
	/** With an Idempotency-Key, so pressing again after a dropped answer cannot issue a second token. */
	checkIn: (branchId: string, input: CheckInInput, idempotencyKey: string) => request<QueueEntryDto>('POST', `/api/v1/branches/${branchId}/queue`, input, { 'idempotency-key': idempotencyKey }),
	callNext: (branchId: string, roomId: string) => request<QueueEntryDto>('POST', `/api/v1/branches/${branchId}/queue/call-next`, { roomId }),
	call: (entry: Pick<QueueEntryDto, 'id' | 'version'>, roomId: string) => request<QueueEntryDto>('POST', `/api/v1/queue/${entry.id}/call`, { roomId, version: entry.version }),
	status: (entry: Pick<QueueEntryDto, 'id' | 'version'>, status: 'in-service' | 'done' | 'left' | 'waiting') => request<QueueEntryDto>('POST', `/api/v1/queue/${entry.id}/status`, { status, version: entry.version }),
	priority: (entry: Pick<QueueEntryDto, 'id' | 'version'>, priority: boolean, reason?: string) =>
		request<QueueEntryDto>('POST', `/api/v1/queue/${entry.id}/priority`, priority ? { priority, reason, version: entry.version } : { priority, version: entry.version }),
	reorder: (entry: Pick<QueueEntryDto, 'id' | 'version'>, beforeId: string | null) => request<QueueEntryDto>('POST', `/api/v1/queue/${entry.id}/reorder`, { beforeId, version: entry.version })
};

/** The sentence for a refusal, worded as the calendar words them: what happened, then what is wrong with each field. */
export function problemText(problem: QueueProblem): string {
	return calendarProblemText({ status: problem.status, code: problem.code, detail: problem.detail, errors: problem.errors });
}
