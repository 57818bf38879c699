import type { NoticeDto, PostNoticeInput } from '../notices/notice.schema.ts';
import type { Ack } from '../errors/error-codes.ts';
import type { PatientDto } from '../patients/patient.schema.ts';
import type { AppointmentDto, HoldDto } from '../scheduling/appointment.schema.ts';
import type { ImportProgress } from '../patients/patient-import.schema.ts';
import type { PatientFileDto } from '../patients/patient-files.schema.ts';
import type { QueueEntryDto, QueueSnapshot } from '../queue/queue.schema.ts';
import type { BoardState } from '../boards/board.schema.ts';
import type { NotificationDto } from '../notifications/notification.schema.ts';
import type { WaitlistEntryDto, WaitlistOfferDto } from '../scheduling/waitlist.schema.ts';

/**
 * The one wire contract between the server and every screen. Both `new Server<…>` and the
 * browser's `Socket<…>` are typed from these maps. A broadcast carries the entity's full DTO and
 * its version, so applying it twice is harmless and an older one can be dropped.
 */
export interface NoticeEvent {
	notice: NoticeDto;
	version: number;
}

/**
 * Appointment, hold, queue and waitlist events go to a branch's schedule room (sockets with
 * appointments:read there); notices to its branch room (notices:read); TVs get board.updated only.
 */
export interface ServerToClientEvents {
	'notice.posted': (event: NoticeEvent) => void;
	'notice.cleared': (event: NoticeEvent) => void;
	/** Sent to the user's own room, so their other tabs hide a notice they dismissed. */
	'notice.dismissed': (event: { noticeId: string; branchId: string }) => void;
	/** Something was added to the hospital's audit trail (for the live activity dashboard). */
	'activity.changed': (event: { action: string; at: string; version: number }) => void;
	/** An appointment of the branch was booked, moved, changed status or was cancelled. */
	'appointment.changed': (event: { appointment: AppointmentDto; version: number }) => void;
	/** A slot was held while someone books it (`hold`), or the hold ended (`hold: null`); holds also expire by `expiresAt`. */
	'hold.changed': (event: { holdId: string; hold: HoldDto | null }) => void;
	/** A patient's chart changed (by someone else, or in another tab): the reader's view of it. */
	'patient.changed': (event: { patient: PatientDto; version: number; by: { id: string; name: string } }) => void;
	/**
	 * A document or photo was added to or removed from a patient's chart. Sent only to charts
	 * opened with patients:read-sensitive; a screen refetches its list (or applies `file`).
	 */
	'patient.files-changed': (event: { patientId: string; change: 'added' | 'removed'; file: PatientFileDto; version: number; by: { id: string; name: string } }) => void;
	/** How far a patient import's dry run or run got (counts only), to the person who started it and its uploader. */
	'import.progress': (event: { import: ImportProgress; version: number }) => void;
	/** Who has this patient's chart open right now (one entry per person, whatever their tabs). */
	'patient.viewers': (event: { patientId: string; viewers: PatientViewer[] }) => void;
	/**
	 * The branch's queue changed (check-in, call, start, finish, left, priority, reorder): what
	 * happened to which entry, and the whole day's queue with fresh expected waits. Keep the
	 * snapshot with the highest `seq`.
	 */
	'queue.updated': (event: { action: QueueAction; entry: QueueEntryDto; queue: QueueSnapshot; by: { id: string; name: string } | null }) => void;
	/** To a paired waiting-room TV only: what its board shows now (tokens and initials, no names). */
	'board.updated': (event: { state: BoardState; call: { token: string; room: string } | null }) => void;
	/** Something for this person alone (e.g. their patient checked in), to their own room. */
	'notification.created': (event: { notification: NotificationDto }) => void;
	/** Some of this person's notifications were read (in another tab, say): the bell drops them from its count. */
	'notification.read': (event: { ids: string[]; readAt: string }) => void;
	/** A time freed up that waitlisted patients want: reception sees the best matches at once. */
	'waitlist.offer': (event: { offer: WaitlistOfferDto }) => void;
	/** A waitlist entry of the branch was added, booked or removed: desks update their lists and offer cards. */
	'waitlist.changed': (event: { entry: WaitlistEntryDto; version: number }) => void;
	/** The server could not guarantee delivery for a while (e.g. Redis was away): refetch. */
	'system.resync': (event: { reason: string }) => void;
}

export type QueueAction = 'checked-in' | 'called' | 'started' | 'finished' | 'left' | 'returned' | 'priority' | 'reordered';

export interface PatientViewer {
	id: string;
	name: string;
}

export interface ClientToServerEvents {
	'notice:post': (command: PostNoticeInput & { branchId: string }, ack: (result: Ack<NoticeDto>) => void) => void;
	/** Open a chart: receive its changes and appear among its viewers until unwatch or disconnect. */
	'patient:watch': (command: { patientId: string }, ack: (result: Ack<{ viewers: PatientViewer[] }>) => void) => void;
	'patient:unwatch': (command: { patientId: string }, ack: (result: Ack<null>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
	userId: string;
	sessionId: string;
	hospitalId: string;
	branchIds: string[];
	/** Branches whose calendars and queue this socket may follow (appointments:read there). */
	scheduleBranchIds: string[];
	/** May watch the hospital's activity (audit:read hospital-wide). */
	seesActivity: boolean;
	/** Shown to other viewers of a chart this socket has open. */
	userName: string;
	/** Set for a paired waiting-room TV: it is in its branch's board room and nothing else. */
	board?: { deviceId: string; branchId: string };
}

export type BroadcastEvent = keyof ServerToClientEvents;
export type BroadcastPayload<E extends BroadcastEvent> = Parameters<ServerToClientEvents[E]>[0];

/** Rooms a socket can be in; the server alone decides membership. */
export const rooms = {
	branch: (branchId: string) => `branch:${branchId}`,
	/**
	 * A branch's calendars, queue and waitlist: only sockets with appointments:read there (a
	 * branch room also holds people who may read its notices but not who is booked or waiting).
	 */
	schedule: (branchId: string) => `schedule:${branchId}`,
	user: (userId: string) => `user:${userId}`,
	session: (sessionId: string) => `session:${sessionId}`,
	/** A branch's paired waiting-room TVs (and nothing else reaches them). */
	board: (branchId: string) => `board:${branchId}`,
	/** Hospital-wide audit readers only. */
	activity: (hospitalId: string) => `hospital:${hospitalId}:activity`,
	/** A patient's open charts, split by what the viewer may see (patients:read-sensitive or not). */
	patient: (patientId: string, sensitive: boolean) => `patient:${patientId}:${sensitive ? 'full' : 'masked'}`
};
