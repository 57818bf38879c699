import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { branchOf, can, canAnywhere, type Actor } from '../../shared/access/actor.ts';
import type { Permission } from '../../shared/access/permissions.ts';
import { msg, type MessageKey } from '../../shared/i18n/translate.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import { WEEKDAYS, type Weekday } from '../../shared/scheduling/slot.types.ts';
import { SERVICE_COLUMNS, type ServiceRow } from './scheduling-input.ts';
import {
	WEEKDAY_BY_NUMBER,
	WEEKDAY_NUMBER,
	ZBackInServiceInput,
	ZCreateDeviceInput,
	ZCreateRoomInput,
	ZCreateServiceInput,
	ZHolidayInput,
	ZHolidayQuery,
	ZLanguagesInput,
	ZLeaveInput,
	ZOpeningHoursInput,
	ZOutOfServiceInput,
	ZUpdateDeviceInput,
	ZUpdateRoomInput,
	ZUpdateServiceInput,
	ZWeekInput,
	type ClockRange,
	type DeviceChange,
	type DeviceRecord,
	type HolidayDto,
	type LeaveDto,
	type OpeningHoursDto,
	type RoomChange,
	type RoomRecord,
	type ScheduleDto,
	type ServiceRecord
} from '../../shared/scheduling/catalogue.schema.ts';
import type { OpeningHours } from '../tenancy/tenancy.entities.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { APPOINTMENT_SELECT, toAppointmentDto, type AppointmentRow } from './booking.service.ts';
import { DAY, MINUTE, offsetAt, startOfLocalDay, toOffsetIso } from './zoned-time.ts';
import { isUuid } from '../../shared/ids.ts';

/**
 * Setting up scheduling: the service catalogue, rooms and devices, practitioners' weeks and
 * leave, a branch's opening hours, holidays and call-out languages.
 *
 * Who may change what:
 * - the service catalogue is one list for the whole hospital (a price or a duration changes at
 *   every branch at once), so changing it needs `scheduling:manage` from a hospital-wide role;
 *   a branch manager sees it and asks the hospital admin;
 * - everything else belongs to one branch and needs `scheduling:manage` there;
 * - leave at every branch needs `scheduling:manage` wherever the practitioner works;
 * - reading needs `appointments:read` (the same people who see the calendars).
 *
 * Nothing is ever deleted that appointments point at: services are deactivated, rooms and devices
 * taken out of service. Such a change still answers with the booked appointments it leaves
 * stranded, so that reception can move them.
 */

/** Appointments that still have to happen and could be moved. */
const MOVABLE = `a.status in ('booked', 'confirmed', 'checked-in')`;
const AFFECTED_LIMIT = 500;

type Week<T> = Record<Weekday, T>;
export interface DayHours {
	work: ClockRange[];
	breaks: ClockRange[];
}

/** A service as the catalogue shows and edits it: the booking's columns plus whether it is offered and its version. */
interface ServiceRecordRow extends ServiceRow {
	category: ServiceRecord['category'];
	active: boolean;
	version: number;
}

const SERVICE_RECORD_SELECT = `select ${SERVICE_COLUMNS}, s.active, s.version from clinic_service s`;

const toServiceRecord = (r: ServiceRecordRow): ServiceRecord => ({
	id: r.id,
	name: r.name,
	category: r.category,
	durationMinutes: r.duration_minutes,
	bufferMinutes: r.buffer_minutes,
	pricePaise: r.price_paise,
	taxRateBp: r.tax_rate_bp,
	roomType: r.room_type,
	deviceTypes: r.device_types,
	practitionerIds: r.practitioner_ids,
	active: r.active,
	version: r.version
});

interface RoomRow {
	id: string;
	name: string;
	type: string;
	in_service: boolean;
	out_of_service_reason: string | null;
	sort_order: number;
	version: number;
}
const ROOM_SELECT = 'select r.id, r.name, r.type, r.in_service, r.out_of_service_reason, r.sort_order, r.version from room r';
const toRoomRecord = (r: RoomRow): RoomRecord => ({ id: r.id, name: r.name, type: r.type, inService: r.in_service, outOfServiceReason: r.out_of_service_reason, sortOrder: r.sort_order, version: r.version });

interface DeviceRow {
	id: string;
	name: string;
	type: string;
	room_id: string | null;
	room_name: string | null;
	in_service: boolean;
	out_of_service_reason: string | null;
	version: number;
}
const DEVICE_SELECT = 'select d.id, d.name, d.type, d.room_id, r.name as room_name, d.in_service, d.out_of_service_reason, d.version from device d left join room r on r.id = d.room_id';
const toDeviceRecord = (d: DeviceRow): DeviceRecord => ({ id: d.id, name: d.name, type: d.type, roomId: d.room_id, roomName: d.room_name, inService: d.in_service, outOfServiceReason: d.out_of_service_reason, version: d.version });

interface BranchRow {
	id: string;
	time_zone: string;
	opening_hours: OpeningHours;
	languages: string[];
}

/** A short fingerprint of what someone saw, so a save can tell whether it changed since. */
function revisionOf(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** Postgres unique_violation: two people created the same name at once. */
function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: string; cause?: { code?: string } } | null;
	return err?.code === '23505' || err?.cause?.code === '23505';
}

/** A text[] parameter (a JS array would be expanded into several parameters). Kinds are [a-z0-9-]. */
const textArray = (values: readonly string[]) => `{${values.join(',')}}`;

const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>): DomainError =>
	new DomainError('VALIDATION_FAILED', msg('validation.check', { fields: field, problems: [msg(key, params)] }), { fields: { [field]: [msg(key, params)] } });

const minutesOf = (clock: string) => (clock === '24:00' ? 1440 : Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5)));

/** The wall clock of an instant in a zone: weekday and minute of the day. */
function wallClock(timeZone: string, t: number): { weekday: Weekday; minute: number; day: number } {
	const wall = t + offsetAt(timeZone, t);
	const day = Math.floor(wall / DAY);
	return { weekday: WEEKDAY_BY_NUMBER[new Date(wall).getUTCDay()]!, minute: Math.round((wall - day * DAY) / MINUTE), day };
}

/**
 * Whether `[start, end)` lies inside one of a day's working ranges and clear of its breaks, on the
 * branch's clock. Used to find the booked appointments a new week or new opening hours strand.
 */
export function fitsWeek(week: Partial<Week<DayHours>>, timeZone: string, start: number, end: number): boolean {
	const from = wallClock(timeZone, start);
	const to = wallClock(timeZone, end);
	const toMinute = to.day > from.day ? to.minute + 1440 * (to.day - from.day) : to.minute;
	const day = week[from.weekday];
	if (!day) return false;
	const inside = day.work.some((w) => minutesOf(w.start) <= from.minute && toMinute <= minutesOf(w.end));
	const onBreak = day.breaks.some((b) => minutesOf(b.start) < toMinute && from.minute < minutesOf(b.end));
	return inside && !onBreak;
}

/** 'YYYY-MM-DDTHH:MM' as typed in a browser's date-and-time field, read on the branch's clock, as ISO-8601 with offset. Anything else is returned as it came (the schema then names the field). */
export function wallTimeToInstant(timeZone: string, value: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
	if (!m) return value;
	try {
		const t = startOfLocalDay(timeZone, m[1]!) + (Number(m[2]) * 60 + Number(m[3])) * MINUTE;
		// startOfLocalDay is exact at midnight; a DST change later that day moves the clock.
		const corrected = t - (offsetAt(timeZone, t) - offsetAt(timeZone, startOfLocalDay(timeZone, m[1]!)));
		return toOffsetIso(corrected, timeZone);
	} catch {
		return value;
	}
}

/** Today on the branch's calendar, 'YYYY-MM-DD'. */
function localToday(timeZone: string, t: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone }).format(t);
}

const emptyWeek = (): Week<DayHours> => Object.fromEntries(WEEKDAYS.map((d) => [d, { work: [], breaks: [] }])) as unknown as Week<DayHours>;

export function createCatalogueService({ orm, now = Date.now }: ServiceDeps) {
	// --- access ------------------------------------------------------------------------------

	/** A branch outside the actor's reach does not exist for them; one in reach without the permission is forbidden. */
	function requireBranch(actor: Actor, branchId: string, permission: Permission): void {
		if (!isUuid(branchId) || !branchOf(actor, branchId)) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		if (!can(actor, permission, branchId)) throw new DomainError('FORBIDDEN');
	}

	/** The catalogue is the hospital's: changing it needs the permission from a hospital-wide role. */
	function requireCatalogueManager(actor: Actor): void {
		if (!can(actor, 'scheduling:manage')) throw new DomainError('FORBIDDEN', msg('setup.errors.catalogueHospitalWide'));
	}

	const audit = (em: EntityManager, actor: Actor, meta: SessionMeta, entry: { branchId: string | null; action: string; targetType: string; targetId: string; before?: unknown; after?: unknown }) =>
		appendAudit(em, { hospitalId: actor.hospitalId, actorUserId: actor.userId, actorLabel: actor.name, ip: meta.ip, userAgent: meta.userAgent, ...entry });

	async function loadBranch(em: EntityManager, actor: Actor, branchId: string, lock = false): Promise<BranchRow> {
		const [row] = await em.execute<BranchRow[]>(`select id, time_zone, opening_hours, languages from branch where id = ? and hospital_id = ?${lock ? ' for update' : ''}`, [branchId, actor.hospitalId]);
		if (!row) throw new DomainError('NOT_FOUND', msg('errors.branches.notFound'));
		return row;
	}

	/** Booked appointments matching a condition, for reception to move; only those at branches the actor can see. */
	async function affected(em: EntityManager, actor: Actor, condition: string, params: unknown[]): Promise<AppointmentDto[]> {
		const rows = await em.execute<AppointmentRow[]>(
			`${APPOINTMENT_SELECT} where a.hospital_id = ? and ${MOVABLE} and a.busy_until > ? and (${condition}) order by a.starts_at limit ${AFFECTED_LIMIT}`,
			[actor.hospitalId, new Date(now()), ...params]
		);
		return rows.filter((r) => can(actor, 'appointments:read', r.branch_id)).map(toAppointmentDto);
	}

	// --- services --------------------------------------------------------------------------------

	async function serviceById(em: EntityManager, actor: Actor, id: string, lock = false): Promise<ServiceRecordRow> {
		const [row] = isUuid(id) ? await em.execute<ServiceRecordRow[]>(`${SERVICE_RECORD_SELECT} where s.id = ? and s.hospital_id = ?${lock ? ' for update of s' : ''}`, [id, actor.hospitalId]) : [];
		if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.serviceNotFound'));
		return row;
	}

	/** Everyone named must be active staff of this hospital. */
	async function checkPractitioners(em: EntityManager, actor: Actor, ids: readonly string[]): Promise<void> {
		if (!ids.length) return;
		const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
		const rows = await em.execute<{ id: string }[]>(`select id from app_user where hospital_id = ? and active and patient_id is null and id in (${unique.map(() => '?').join(',')})`, [actor.hospitalId, ...unique]);
		if (rows.length !== unique.length) throw fieldError('practitionerIds', 'setup.v.practitioner');
	}

	async function checkServiceName(em: EntityManager, actor: Actor, name: string, exceptId: string | null): Promise<void> {
		const [taken] = await em.execute<{ id: string }[]>('select id from clinic_service where hospital_id = ? and lower(name) = lower(?) and id is distinct from ?', [actor.hospitalId, name, exceptId]);
		if (taken) throw fieldError('name', 'setup.v.serviceNameTaken');
	}

	async function setPractitioners(em: EntityManager, serviceId: string, ids: readonly string[]): Promise<void> {
		await em.execute('delete from service_practitioner where service_id = ?', [serviceId], 'run');
		for (const userId of new Set(ids.map((id) => id.toLowerCase()))) await em.execute('insert into service_practitioner (service_id, user_id) values (?, ?)', [serviceId, userId], 'run');
	}

	/** A name taken between our check and our write: the database said so. */
	async function uniqueName<T>(field: string, key: MessageKey, work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (e) {
			if (isUniqueViolation(e)) throw fieldError(field, key);
			throw e;
		}
	}

	// --- rooms and devices -----------------------------------------------------------------------

	async function roomById(em: EntityManager, actor: Actor, branchId: string, roomId: string, lock = false): Promise<RoomRow> {
		const [row] = isUuid(roomId) ? await em.execute<RoomRow[]>(`${ROOM_SELECT} where r.id = ? and r.branch_id = ? and r.hospital_id = ?${lock ? ' for update' : ''}`, [roomId, branchId, actor.hospitalId]) : [];
		if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.roomNotFound'));
		return row;
	}

	async function deviceById(em: EntityManager, actor: Actor, branchId: string, deviceId: string, lock = false): Promise<DeviceRow> {
		const [row] = isUuid(deviceId) ? await em.execute<DeviceRow[]>(`${DEVICE_SELECT} where d.id = ? and d.branch_id = ? and d.hospital_id = ?${lock ? ' for update of d' : ''}`, [deviceId, branchId, actor.hospitalId]) : [];
		if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.deviceNotFound'));
		return row;
	}

	async function checkRoomOfBranch(em: EntityManager, branchId: string, roomId: string | null | undefined): Promise<void> {
		if (!roomId) return;
		const [room] = await em.execute<{ id: string }[]>('select id from room where id = ? and branch_id = ?', [roomId, branchId]);
		if (!room) throw fieldError('roomId', 'setup.v.room');
	}

	const staleRoom = (row: RoomRow) => new DomainError('STALE_VERSION', msg('setup.errors.staleRoom'), { details: { current: toRoomRecord(row) } });
	const staleDevice = (row: DeviceRow) => new DomainError('STALE_VERSION', msg('setup.errors.staleDevice'), { details: { current: toDeviceRecord(row) } });

	// --- schedules ---------------------------------------------------------------------------------

	async function staffMember(em: EntityManager, actor: Actor, userId: string): Promise<{ id: string; name: string }> {
		const [row] = isUuid(userId) ? await em.execute<{ id: string; name: string }[]>('select id, name from app_user where id = ? and hospital_id = ? and patient_id is null and active', [userId, actor.hospitalId]) : [];
		if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.personNotFound'));
		return row;
	}

	async function weekOf(em: EntityManager, branchId: string, userId: string): Promise<Week<DayHours>> {
		const rows = await em.execute<{ weekday: number; starts_at: string; ends_at: string; kind: 'work' | 'break' }[]>(
			`select weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, kind from working_hours where branch_id = ? and user_id = ? order by weekday, starts_at`,
			[branchId, userId]
		);
		const week = emptyWeek();
		for (const r of rows) week[WEEKDAY_BY_NUMBER[r.weekday]!][r.kind === 'break' ? 'breaks' : 'work'].push({ start: r.starts_at, end: r.ends_at === '00:00' ? '24:00' : r.ends_at });
		return week;
	}

	async function scheduleOf(em: EntityManager, actor: Actor, branchId: string, person: { id: string; name: string }, timeZone: string): Promise<ScheduleDto> {
		const [week, leave, services] = await Promise.all([
			weekOf(em, branchId, person.id),
			em.execute<{ id: string; starts_at: Date; ends_at: Date; reason: string | null; branch_id: string | null }[]>(
				'select id, starts_at, ends_at, reason, branch_id from leave where user_id = ? and hospital_id = ? and (branch_id is null or branch_id = ?) and ends_at > ? order by starts_at',
				[person.id, actor.hospitalId, branchId, new Date(now())]
			),
			em.execute<{ service_id: string }[]>('select sp.service_id from service_practitioner sp join clinic_service s on s.id = sp.service_id and s.active where sp.user_id = ? order by s.name', [person.id])
		]);
		return {
			userId: person.id,
			name: person.name,
			branchId,
			week,
			leave: leave.map((l): LeaveDto => ({ id: l.id, start: toOffsetIso(new Date(l.starts_at).getTime(), timeZone), end: toOffsetIso(new Date(l.ends_at).getTime(), timeZone), reason: l.reason, allBranches: l.branch_id === null })),
			serviceIds: services.map((s) => s.service_id),
			revision: revisionOf(week)
		};
	}

	/**
	 * Leave at every branch is the practitioner's whole diary: it needs setup rights at each branch
	 * where they have working hours (a hospital-wide role has them everywhere).
	 */
	async function requireEverywhere(em: EntityManager, actor: Actor, userId: string): Promise<void> {
		if (can(actor, 'scheduling:manage')) return;
		const branches = await em.execute<{ branch_id: string }[]>('select distinct branch_id from working_hours where user_id = ?', [userId]);
		if (branches.some((b) => !can(actor, 'scheduling:manage', b.branch_id))) throw new DomainError('FORBIDDEN', msg('setup.errors.leaveEverywhere'));
	}

	/** Booked appointments at a branch (of one practitioner, when given) that a weekly pattern no longer holds. */
	async function outsideWeek(em: EntityManager, actor: Actor, branchId: string, timeZone: string, week: Partial<Week<DayHours>>, practitionerId?: string): Promise<AppointmentDto[]> {
		const candidates = await affected(em, actor, `a.branch_id = ?${practitionerId ? ' and a.practitioner_id = ?' : ''} and a.starts_at < ?`, [branchId, ...(practitionerId ? [practitionerId] : []), new Date(now() + 366 * DAY)]);
		return candidates.filter((a) => !fitsWeek(week, timeZone, Date.parse(a.start), Date.parse(a.busyUntil)));
	}

	// --- opening hours ---------------------------------------------------------------------------

	function openingDto(branch: BranchRow): OpeningHoursDto {
		const week = Object.fromEntries(
			WEEKDAYS.map((d) => {
				const h = branch.opening_hours[String(WEEKDAY_NUMBER[d]) as keyof OpeningHours];
				return [d, h ? { opens: h.opens, closes: h.closes } : null];
			})
		) as OpeningHoursDto['week'];
		return { branchId: branch.id, timeZone: branch.time_zone, week, revision: revisionOf(week) };
	}

	const openingAsWeek = (week: OpeningHoursDto['week']): Partial<Week<DayHours>> =>
		Object.fromEntries(WEEKDAYS.map((d) => [d, { work: week[d] ? [{ start: week[d].opens, end: week[d].closes }] : [], breaks: [] }]));

	async function holidayRow(em: EntityManager, branchId: string, holidayId: string) {
		const [row] = isUuid(holidayId) ? await em.execute<{ id: string; day: string; name: string }[]>(`select id, to_char(day, 'YYYY-MM-DD') as day, name from branch_holiday where id = ? and branch_id = ?`, [holidayId, branchId]) : [];
		if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.holidayNotFound'));
		return row;
	}

	return {
		// --- services (hospital-wide) --------------------------------------------------------------

		/** The whole catalogue, inactive services too (for setup screens and integrations that edit it). */
		async listServices(actor: Actor): Promise<{ items: ServiceRecord[] }> {
			if (!canAnywhere(actor, 'appointments:read')) throw new DomainError('FORBIDDEN');
			const rows = await orm.em.fork().execute<ServiceRecordRow[]>(`${SERVICE_RECORD_SELECT} where s.hospital_id = ? order by s.active desc, s.category, s.name`, [actor.hospitalId]);
			return { items: rows.map(toServiceRecord) };
		},

		async getService(actor: Actor, serviceId: string): Promise<ServiceRecord> {
			if (!canAnywhere(actor, 'appointments:read')) throw new DomainError('FORBIDDEN');
			return toServiceRecord(await serviceById(orm.em.fork(), actor, serviceId));
		},

		async createService(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<ServiceRecord> {
			requireCatalogueManager(actor);
			const data = parseInput(ZCreateServiceInput, input);
			return uniqueName('name', 'setup.v.serviceNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					await checkServiceName(em, actor, data.name, null);
					await checkPractitioners(em, actor, data.practitionerIds);
					const [row] = await em.execute<{ id: string }[]>(
						`insert into clinic_service (id, hospital_id, name, category, duration_minutes, buffer_minutes, price_paise, tax_rate_bp, room_type, device_types, active, created_at, version)
						 values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], true, now(), 1) returning id`,
						[actor.hospitalId, data.name, data.category, data.durationMinutes, data.bufferMinutes, data.pricePaise, data.taxRateBp, data.roomType, textArray(data.deviceTypes)]
					);
					await setPractitioners(em, row!.id, data.practitionerIds);
					const created = toServiceRecord(await serviceById(em, actor, row!.id));
					await audit(em, actor, meta, { branchId: null, action: 'service.created', targetType: 'clinic_service', targetId: created.id, after: created });
					return created;
				})
			);
		},

		/** Change any fields with the version seen; `active` deactivates or brings it back. A stale version answers 409 with the service as it is. */
		async updateService(actor: Actor, serviceId: string, input: unknown, meta: SessionMeta = {}): Promise<ServiceRecord> {
			requireCatalogueManager(actor);
			const data = parseInput(ZUpdateServiceInput, input);
			return uniqueName('name', 'setup.v.serviceNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					const current = await serviceById(em, actor, serviceId, true);
					if (current.version !== data.version) throw new DomainError('STALE_VERSION', msg('setup.errors.staleService'), { details: { current: toServiceRecord(current) } });
					if (data.name !== undefined) await checkServiceName(em, actor, data.name, current.id);
					if (data.practitionerIds) await checkPractitioners(em, actor, data.practitionerIds);
					const next = {
						name: data.name ?? current.name,
						category: data.category ?? current.category,
						duration_minutes: data.durationMinutes ?? current.duration_minutes,
						buffer_minutes: data.bufferMinutes ?? current.buffer_minutes,
						price_paise: data.pricePaise ?? current.price_paise,
						tax_rate_bp: data.taxRateBp ?? current.tax_rate_bp,
						room_type: data.roomType ?? current.room_type,
						device_types: data.deviceTypes ?? current.device_types,
						active: data.active ?? current.active
					};
					await em.execute(
						`update clinic_service set name = ?, category = ?, duration_minutes = ?, buffer_minutes = ?, price_paise = ?, tax_rate_bp = ?, room_type = ?, device_types = ?::text[], active = ?, version = version + 1 where id = ?`,
						[next.name, next.category, next.duration_minutes, next.buffer_minutes, next.price_paise, next.tax_rate_bp, next.room_type, textArray(next.device_types), next.active, current.id],
						'run'
					);
					if (data.practitionerIds) await setPractitioners(em, current.id, data.practitionerIds);
					const before = toServiceRecord(current);
					const after = toServiceRecord(await serviceById(em, actor, current.id));
					const action = before.active && !after.active ? 'service.deactivated' : !before.active && after.active ? 'service.reactivated' : 'service.updated';
					await audit(em, actor, meta, { branchId: null, action, targetType: 'clinic_service', targetId: current.id, before, after });
					return after;
				})
			);
		},

		/** Staff who could perform services: anyone who may call patients in (doctors, therapists), or who already performs one. */
		async practitionerChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
			if (!canAnywhere(actor, 'appointments:read')) throw new DomainError('FORBIDDEN');
			return orm.em.fork().execute<{ id: string; name: string }[]>(
				`select u.id, u.name from app_user u where u.hospital_id = ? and u.active and u.patient_id is null and (
				   exists (select 1 from service_practitioner sp where sp.user_id = u.id)
				   or exists (select 1 from role_assignment ra join role r on r.id = ra.role_id where ra.user_id = u.id and 'queue:call' = any(r.permissions)))
				 order by u.name`,
				[actor.hospitalId]
			);
		},

		/** Kinds of rooms and devices already used in the hospital, to offer when typing one. */
		async kinds(actor: Actor): Promise<{ roomTypes: string[]; deviceTypes: string[] }> {
			if (!canAnywhere(actor, 'appointments:read')) throw new DomainError('FORBIDDEN');
			const em = orm.em.fork();
			const [roomTypes, deviceTypes] = await Promise.all([
				em.execute<{ kind: string }[]>('select distinct type as kind from room where hospital_id = ? union select distinct room_type from clinic_service where hospital_id = ? order by kind', [actor.hospitalId, actor.hospitalId]),
				em.execute<{ kind: string }[]>('select distinct type as kind from device where hospital_id = ? union select distinct unnest(device_types) from clinic_service where hospital_id = ? order by kind', [actor.hospitalId, actor.hospitalId])
			]);
			return { roomTypes: roomTypes.map((r) => r.kind), deviceTypes: deviceTypes.map((d) => d.kind) };
		},

		// --- rooms ---------------------------------------------------------------------------------------

		async rooms(actor: Actor, branchId: string): Promise<{ items: RoomRecord[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<RoomRow[]>(`${ROOM_SELECT} where r.branch_id = ? and r.hospital_id = ? order by r.sort_order, r.name`, [branchId, actor.hospitalId]);
			return { items: rows.map(toRoomRecord) };
		},

		async createRoom(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<RoomRecord> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZCreateRoomInput, input);
			return uniqueName('name', 'setup.v.roomNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					await loadBranch(em, actor, branchId, true);
					const [taken] = await em.execute<{ id: string }[]>('select id from room where branch_id = ? and lower(name) = lower(?)', [branchId, data.name]);
					if (taken) throw fieldError('name', 'setup.v.roomNameTaken');
					const [row] = await em.execute<RoomRow[]>(
						`insert into room (id, hospital_id, branch_id, name, type, in_service, sort_order, created_at, version)
						 values (gen_random_uuid(), ?, ?, ?, ?, true, coalesce(?::int, (select coalesce(max(sort_order) + 1, 0) from room where branch_id = ?)), now(), 1)
						 returning id, name, type, in_service, out_of_service_reason, sort_order, version`,
						[actor.hospitalId, branchId, data.name, data.type, data.sortOrder ?? null, branchId]
					);
					const room = toRoomRecord(row!);
					await audit(em, actor, meta, { branchId, action: 'room.created', targetType: 'room', targetId: room.id, after: room });
					return room;
				})
			);
		},

		async updateRoom(actor: Actor, branchId: string, roomId: string, input: unknown, meta: SessionMeta = {}): Promise<RoomRecord> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZUpdateRoomInput, input);
			return uniqueName('name', 'setup.v.roomNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					const current = await roomById(em, actor, branchId, roomId, true);
					if (current.version !== data.version) throw staleRoom(current);
					if (data.name !== undefined) {
						const [taken] = await em.execute<{ id: string }[]>('select id from room where branch_id = ? and lower(name) = lower(?) and id <> ?', [branchId, data.name, current.id]);
						if (taken) throw fieldError('name', 'setup.v.roomNameTaken');
					}
					const [row] = await em.execute<RoomRow[]>(
						'update room r set name = ?, type = ?, sort_order = ?, version = version + 1 where id = ? returning r.id, r.name, r.type, r.in_service, r.out_of_service_reason, r.sort_order, r.version',
						[data.name ?? current.name, data.type ?? current.type, data.sortOrder ?? current.sort_order, current.id]
					);
					const room = toRoomRecord(row!);
					await audit(em, actor, meta, { branchId, action: 'room.updated', targetType: 'room', targetId: room.id, before: toRoomRecord(current), after: room });
					return room;
				})
			);
		},

		/**
		 * Out of service with a reason: nothing new is booked there from now on. Appointments already
		 * booked in it stay where they are; the answer lists them so reception can move them.
		 */
		async takeRoomOutOfService(actor: Actor, branchId: string, roomId: string, input: unknown, meta: SessionMeta = {}): Promise<RoomChange> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZOutOfServiceInput, input);
			return orm.em.fork().transactional(async (em) => {
				const current = await roomById(em, actor, branchId, roomId, true);
				if (current.version !== data.version) throw staleRoom(current);
				const [row] = await em.execute<RoomRow[]>(
					'update room r set in_service = false, out_of_service_reason = ?, version = version + 1 where id = ? returning r.id, r.name, r.type, r.in_service, r.out_of_service_reason, r.sort_order, r.version',
					[data.reason, current.id]
				);
				const room = toRoomRecord(row!);
				const affectedAppointments = await affected(em, actor, 'a.room_id = ?', [room.id]);
				await audit(em, actor, meta, { branchId, action: 'room.out-of-service', targetType: 'room', targetId: room.id, before: { inService: current.in_service, reason: current.out_of_service_reason }, after: { inService: false, reason: data.reason, affectedAppointments: affectedAppointments.length } });
				return { room, affectedAppointments };
			});
		},

		async putRoomBackInService(actor: Actor, branchId: string, roomId: string, input: unknown, meta: SessionMeta = {}): Promise<RoomChange> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZBackInServiceInput, input);
			return orm.em.fork().transactional(async (em) => {
				const current = await roomById(em, actor, branchId, roomId, true);
				if (current.version !== data.version) throw staleRoom(current);
				const [row] = await em.execute<RoomRow[]>(
					'update room r set in_service = true, out_of_service_reason = null, version = version + 1 where id = ? returning r.id, r.name, r.type, r.in_service, r.out_of_service_reason, r.sort_order, r.version',
					[current.id]
				);
				const room = toRoomRecord(row!);
				await audit(em, actor, meta, { branchId, action: 'room.in-service', targetType: 'room', targetId: room.id, before: { inService: current.in_service, reason: current.out_of_service_reason }, after: { inService: true } });
				return { room, affectedAppointments: [] };
			});
		},

		// --- devices ----------------------------------------------------------------------------------

		async devices(actor: Actor, branchId: string): Promise<{ items: DeviceRecord[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const rows = await orm.em.fork().execute<DeviceRow[]>(`${DEVICE_SELECT} where d.branch_id = ? and d.hospital_id = ? order by d.type, d.name`, [branchId, actor.hospitalId]);
			return { items: rows.map(toDeviceRecord) };
		},

		async createDevice(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<DeviceRecord> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZCreateDeviceInput, input);
			return uniqueName('name', 'setup.v.deviceNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					await loadBranch(em, actor, branchId);
					const [taken] = await em.execute<{ id: string }[]>('select id from device where branch_id = ? and lower(name) = lower(?)', [branchId, data.name]);
					if (taken) throw fieldError('name', 'setup.v.deviceNameTaken');
					await checkRoomOfBranch(em, branchId, data.roomId);
					const [row] = await em.execute<{ id: string }[]>(
						`insert into device (id, hospital_id, branch_id, name, type, room_id, in_service, created_at, version) values (gen_random_uuid(), ?, ?, ?, ?, ?, true, now(), 1) returning id`,
						[actor.hospitalId, branchId, data.name, data.type, data.roomId ?? null]
					);
					const device = toDeviceRecord(await deviceById(em, actor, branchId, row!.id));
					await audit(em, actor, meta, { branchId, action: 'device.created', targetType: 'device', targetId: device.id, after: device });
					return device;
				})
			);
		},

		/** Rename, change its kind, or move it to another room (roomId; null: in store). */
		async updateDevice(actor: Actor, branchId: string, deviceId: string, input: unknown, meta: SessionMeta = {}): Promise<DeviceRecord> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZUpdateDeviceInput, input);
			return uniqueName('name', 'setup.v.deviceNameTaken', () =>
				orm.em.fork().transactional(async (em) => {
					const current = await deviceById(em, actor, branchId, deviceId, true);
					if (current.version !== data.version) throw staleDevice(current);
					if (data.name !== undefined) {
						const [taken] = await em.execute<{ id: string }[]>('select id from device where branch_id = ? and lower(name) = lower(?) and id <> ?', [branchId, data.name, current.id]);
						if (taken) throw fieldError('name', 'setup.v.deviceNameTaken');
					}
					await checkRoomOfBranch(em, branchId, data.roomId);
					const roomId = data.roomId === undefined ? current.room_id : data.roomId;
					await em.execute('update device set name = ?, type = ?, room_id = ?, version = version + 1 where id = ?', [data.name ?? current.name, data.type ?? current.type, roomId, current.id], 'run');
					const device = toDeviceRecord(await deviceById(em, actor, branchId, current.id));
					const before = toDeviceRecord(current);
					const onlyMoved = before.roomId !== device.roomId && before.name === device.name && before.type === device.type;
					await audit(em, actor, meta, { branchId, action: onlyMoved ? 'device.moved' : 'device.updated', targetType: 'device', targetId: device.id, before, after: device });
					return device;
				})
			);
		},

		/** Out of service: slots needing it are no longer offered; appointments that reserve it are listed to move. */
		async takeDeviceOutOfService(actor: Actor, branchId: string, deviceId: string, input: unknown, meta: SessionMeta = {}): Promise<DeviceChange> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZOutOfServiceInput, input);
			return orm.em.fork().transactional(async (em) => {
				const current = await deviceById(em, actor, branchId, deviceId, true);
				if (current.version !== data.version) throw staleDevice(current);
				await em.execute('update device set in_service = false, out_of_service_reason = ?, version = version + 1 where id = ?', [data.reason, current.id], 'run');
				const device = toDeviceRecord(await deviceById(em, actor, branchId, current.id));
				const affectedAppointments = await affected(em, actor, 'exists (select 1 from appointment_device ad where ad.appointment_id = a.id and ad.device_id = ? and ad.active)', [device.id]);
				await audit(em, actor, meta, { branchId, action: 'device.out-of-service', targetType: 'device', targetId: device.id, before: { inService: current.in_service, reason: current.out_of_service_reason }, after: { inService: false, reason: data.reason, affectedAppointments: affectedAppointments.length } });
				return { device, affectedAppointments };
			});
		},

		async putDeviceBackInService(actor: Actor, branchId: string, deviceId: string, input: unknown, meta: SessionMeta = {}): Promise<DeviceChange> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZBackInServiceInput, input);
			return orm.em.fork().transactional(async (em) => {
				const current = await deviceById(em, actor, branchId, deviceId, true);
				if (current.version !== data.version) throw staleDevice(current);
				await em.execute('update device set in_service = true, out_of_service_reason = null, version = version + 1 where id = ?', [current.id], 'run');
				const device = toDeviceRecord(await deviceById(em, actor, branchId, current.id));
				await audit(em, actor, meta, { branchId, action: 'device.in-service', targetType: 'device', targetId: device.id, before: { inService: current.in_service, reason: current.out_of_service_reason }, after: { inService: true } });
				return { device, affectedAppointments: [] };
			});
		},

		// --- practitioners' weeks and leave ---------------------------------------------------------------

		/** Everyone who could work at the branch (may call patients in there, performs a service, or has hours there), with their week and leave. */
		async schedules(actor: Actor, branchId: string): Promise<{ items: ScheduleDto[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const em = orm.em.fork();
			const branch = await loadBranch(em, actor, branchId);
			const people = await em.execute<{ id: string; name: string }[]>(
				`select u.id, u.name from app_user u where u.hospital_id = ? and u.active and u.patient_id is null and (
				   exists (select 1 from working_hours w where w.user_id = u.id and w.branch_id = ?)
				   or exists (select 1 from role_assignment ra join role r on r.id = ra.role_id where ra.user_id = u.id and (ra.branch_id is null or ra.branch_id = ?) and 'queue:call' = any(r.permissions))
				   or (exists (select 1 from service_practitioner sp where sp.user_id = u.id)
				       and exists (select 1 from role_assignment ra where ra.user_id = u.id and (ra.branch_id is null or ra.branch_id = ?))))
				 order by u.name`,
				[actor.hospitalId, branchId, branchId, branchId]
			);
			const items: ScheduleDto[] = [];
			for (const person of people) items.push(await scheduleOf(em, actor, branchId, person, branch.time_zone));
			return { items };
		},

		async schedule(actor: Actor, branchId: string, userId: string): Promise<ScheduleDto> {
			requireBranch(actor, branchId, 'appointments:read');
			const em = orm.em.fork();
			const branch = await loadBranch(em, actor, branchId);
			return scheduleOf(em, actor, branchId, await staffMember(em, actor, userId), branch.time_zone);
		},

		/**
		 * Replace a practitioner's week at the branch in one go. With the revision read, a week someone
		 * else saved meanwhile is not overwritten (409 with it). Answers with the booked appointments
		 * the new week no longer covers.
		 */
		async saveWeek(actor: Actor, branchId: string, userId: string, input: unknown, meta: SessionMeta = {}): Promise<ScheduleDto & { affectedAppointments: AppointmentDto[] }> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZWeekInput, input);
			return orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId);
				const person = await staffMember(em, actor, userId);
				// Two saves of the same week take turns, so the revision check below means something.
				await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`schedule:${branchId}:${person.id}`]);
				const before = await scheduleOf(em, actor, branchId, person, branch.time_zone);
				if (data.revision !== undefined && data.revision !== before.revision) throw new DomainError('STALE_VERSION', msg('setup.errors.staleWeek'), { details: { current: before } });
				await em.execute('delete from working_hours where branch_id = ? and user_id = ?', [branchId, person.id], 'run');
				for (const day of WEEKDAYS) {
					const hours = data.week[day];
					if (!hours) continue;
					for (const [kind, ranges] of [['work', hours.work], ['break', hours.breaks]] as const) {
						for (const r of ranges) {
							await em.execute(`insert into working_hours (id, hospital_id, branch_id, user_id, weekday, starts_at, ends_at, kind) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)`, [actor.hospitalId, branchId, person.id, WEEKDAY_NUMBER[day], r.start, r.end, kind], 'run');
						}
					}
				}
				const after = await scheduleOf(em, actor, branchId, person, branch.time_zone);
				const affectedAppointments = await outsideWeek(em, actor, branchId, branch.time_zone, after.week, person.id);
				await audit(em, actor, meta, { branchId, action: 'schedule.updated', targetType: 'user', targetId: person.id, before: before.week, after: after.week });
				return { ...after, affectedAppointments };
			});
		},

		async addLeave(actor: Actor, branchId: string, userId: string, input: unknown, meta: SessionMeta = {}): Promise<{ leave: LeaveDto; affectedAppointments: AppointmentDto[] }> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZLeaveInput, input);
			return orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId);
				const person = await staffMember(em, actor, userId);
				if (data.allBranches) await requireEverywhere(em, actor, person.id);
				if (Date.parse(data.end) <= now()) throw fieldError('end', 'setup.v.leavePast');
				const [row] = await em.execute<{ id: string }[]>(
					'insert into leave (id, hospital_id, branch_id, user_id, starts_at, ends_at, reason) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) returning id',
					[actor.hospitalId, data.allBranches ? null : branchId, person.id, new Date(data.start), new Date(data.end), data.reason || null]
				);
				const leave: LeaveDto = { id: row!.id, start: toOffsetIso(Date.parse(data.start), branch.time_zone), end: toOffsetIso(Date.parse(data.end), branch.time_zone), reason: data.reason || null, allBranches: data.allBranches };
				const affectedAppointments = await affected(em, actor, `a.practitioner_id = ? and a.starts_at < ? and a.busy_until > ?${data.allBranches ? '' : ' and a.branch_id = ?'}`, [person.id, new Date(data.end), new Date(data.start), ...(data.allBranches ? [] : [branchId])]);
				await audit(em, actor, meta, { branchId: data.allBranches ? null : branchId, action: 'leave.added', targetType: 'user', targetId: person.id, after: { ...leave, affectedAppointments: affectedAppointments.length } });
				return { leave, affectedAppointments };
			});
		},

		async removeLeave(actor: Actor, branchId: string, userId: string, leaveId: string, meta: SessionMeta = {}): Promise<void> {
			requireBranch(actor, branchId, 'scheduling:manage');
			await orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId);
				const person = await staffMember(em, actor, userId);
				const [row] = isUuid(leaveId)
					? await em.execute<{ id: string; branch_id: string | null; starts_at: Date; ends_at: Date; reason: string | null }[]>(
							'select id, branch_id, starts_at, ends_at, reason from leave where id = ? and user_id = ? and hospital_id = ? and (branch_id is null or branch_id = ?) for update',
							[leaveId, person.id, actor.hospitalId, branchId]
						)
					: [];
				if (!row) throw new DomainError('NOT_FOUND', msg('setup.errors.leaveNotFound'));
				if (row.branch_id === null) await requireEverywhere(em, actor, person.id);
				await em.execute('delete from leave where id = ?', [row.id], 'run');
				const before = { start: toOffsetIso(new Date(row.starts_at).getTime(), branch.time_zone), end: toOffsetIso(new Date(row.ends_at).getTime(), branch.time_zone), reason: row.reason, allBranches: row.branch_id === null };
				await audit(em, actor, meta, { branchId: row.branch_id, action: 'leave.removed', targetType: 'user', targetId: person.id, before });
			});
		},

		// --- opening hours, holidays, languages ------------------------------------------------------------

		async openingHours(actor: Actor, branchId: string): Promise<OpeningHoursDto> {
			requireBranch(actor, branchId, 'appointments:read');
			return openingDto(await loadBranch(orm.em.fork(), actor, branchId));
		},

		/** Replace the week's opening hours (a day left out or null: closed). Answers with booked appointments now outside them. */
		async saveOpeningHours(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<OpeningHoursDto & { affectedAppointments: AppointmentDto[] }> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZOpeningHoursInput, input);
			return orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId, true);
				const before = openingDto(branch);
				if (data.revision !== undefined && data.revision !== before.revision) throw new DomainError('STALE_VERSION', msg('setup.errors.staleHours'), { details: { current: before } });
				const stored: OpeningHours = {};
				for (const day of WEEKDAYS) {
					const h = data.week[day];
					if (h) stored[String(WEEKDAY_NUMBER[day]) as keyof OpeningHours] = { opens: h.opens, closes: h.closes };
				}
				await em.execute('update branch set opening_hours = ? where id = ?', [JSON.stringify(stored), branchId], 'run');
				const after = openingDto({ ...branch, opening_hours: stored });
				const affectedAppointments = await outsideWeek(em, actor, branchId, branch.time_zone, openingAsWeek(after.week));
				await audit(em, actor, meta, { branchId, action: 'branch.opening-hours-updated', targetType: 'branch', targetId: branchId, before: before.week, after: after.week });
				return { ...after, affectedAppointments };
			});
		},

		async holidays(actor: Actor, branchId: string, query: unknown = {}): Promise<{ items: HolidayDto[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const q = parseInput(ZHolidayQuery, query);
			const em = orm.em.fork();
			const branch = await loadBranch(em, actor, branchId);
			const rows = await em.execute<HolidayDto[]>(
				`select id, to_char(day, 'YYYY-MM-DD') as day, name from branch_holiday where branch_id = ? and day >= ?::date and (?::date is null or day <= ?::date) order by day limit 500`,
				[branchId, q.from ?? localToday(branch.time_zone, now()), q.to ?? null, q.to ?? null]
			);
			return { items: rows.map((r) => ({ id: r.id, day: r.day, name: r.name })) };
		},

		/** Close the branch for a day; the booked appointments of that day are listed to move. */
		async addHoliday(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<{ holiday: HolidayDto; affectedAppointments: AppointmentDto[] }> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZHolidayInput, input);
			try {
				return await orm.em.fork().transactional(async (em) => {
					const branch = await loadBranch(em, actor, branchId);
					if (data.day < localToday(branch.time_zone, now())) throw fieldError('day', 'setup.v.dayPast');
					const [taken] = await em.execute<{ name: string }[]>('select name from branch_holiday where branch_id = ? and day = ?::date', [branchId, data.day]);
					if (taken) throw fieldError('day', 'setup.v.holidayTaken', { name: taken.name });
					const [row] = await em.execute<{ id: string }[]>('insert into branch_holiday (id, hospital_id, branch_id, day, name) values (gen_random_uuid(), ?, ?, ?::date, ?) returning id', [actor.hospitalId, branchId, data.day, data.name]);
					const holiday: HolidayDto = { id: row!.id, day: data.day, name: data.name };
					const from = startOfLocalDay(branch.time_zone, data.day);
					const to = startOfLocalDay(branch.time_zone, new Date(Date.parse(`${data.day}T00:00:00Z`) + DAY).toISOString().slice(0, 10));
					const affectedAppointments = await affected(em, actor, 'a.branch_id = ? and a.starts_at >= ? and a.starts_at < ?', [branchId, new Date(from), new Date(to)]);
					await audit(em, actor, meta, { branchId, action: 'holiday.added', targetType: 'branch_holiday', targetId: holiday.id, after: { ...holiday, affectedAppointments: affectedAppointments.length } });
					return { holiday, affectedAppointments };
				});
			} catch (e) {
				if (isUniqueViolation(e)) throw fieldError('day', 'setup.v.holidayTaken', { name: data.name });
				throw e;
			}
		},

		async removeHoliday(actor: Actor, branchId: string, holidayId: string, meta: SessionMeta = {}): Promise<void> {
			requireBranch(actor, branchId, 'scheduling:manage');
			await orm.em.fork().transactional(async (em) => {
				const row = await holidayRow(em, branchId, holidayId);
				await em.execute('delete from branch_holiday where id = ?', [row.id], 'run');
				await audit(em, actor, meta, { branchId, action: 'holiday.removed', targetType: 'branch_holiday', targetId: row.id, before: row });
			});
		},

		async languages(actor: Actor, branchId: string): Promise<{ branchId: string; languages: Locale[] }> {
			requireBranch(actor, branchId, 'appointments:read');
			const branch = await loadBranch(orm.em.fork(), actor, branchId);
			return { branchId, languages: branch.languages as Locale[] };
		},

		/** The languages the waiting room hears call-outs in, in order. */
		async saveLanguages(actor: Actor, branchId: string, input: unknown, meta: SessionMeta = {}): Promise<{ branchId: string; languages: Locale[] }> {
			requireBranch(actor, branchId, 'scheduling:manage');
			const data = parseInput(ZLanguagesInput, input);
			return orm.em.fork().transactional(async (em) => {
				const branch = await loadBranch(em, actor, branchId, true);
				await em.execute('update branch set languages = ?::text[] where id = ?', [textArray(data.languages), branchId], 'run');
				await audit(em, actor, meta, { branchId, action: 'branch.languages-updated', targetType: 'branch', targetId: branchId, before: { languages: branch.languages }, after: { languages: data.languages } });
				return { branchId, languages: data.languages };
			});
		}
	};
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
