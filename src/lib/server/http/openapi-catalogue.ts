import { z } from 'zod';
import { ZAppointment } from '../../shared/scheduling/appointment.schema.ts';
import {
	ZBackInServiceInput,
	ZCreateDeviceInput,
	ZCreateRoomInput,
	ZCreateServiceInput,
	ZDeviceChange,
	ZDeviceRecord,
	ZDeviceRecordList,
	ZHoliday,
	ZHolidayChange,
	ZHolidayInput,
	ZHolidayList,
	ZHolidayQuery,
	ZLanguages,
	ZLanguagesInput,
	ZLeaveChange,
	ZLeaveInput,
	ZOpeningHours,
	ZOpeningHoursInput,
	ZOutOfServiceInput,
	ZRoomChange,
	ZRoomRecord,
	ZRoomRecordList,
	ZSchedule,
	ZScheduleList,
	ZServiceRecord,
	ZServiceRecordList,
	ZUpdateDeviceInput,
	ZUpdateRoomInput,
	ZUpdateServiceInput,
	ZWeekInput
} from '../../shared/scheduling/catalogue.schema.ts';

/**
 * The scheduling setup's part of the OpenAPI document (services, rooms, devices, schedules and
 * leave, opening hours, holidays, languages). openapi.ts hands in its operation helpers.
 */
const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export const catalogueSchemas = {
	ServiceRecord: schema(ZServiceRecord),
	ServiceRecordList: schema(ZServiceRecordList),
	CreateServiceInput: schema(ZCreateServiceInput, 'input'),
	UpdateServiceInput: schema(ZUpdateServiceInput, 'input'),
	RoomRecord: schema(ZRoomRecord),
	RoomRecordList: schema(ZRoomRecordList),
	CreateRoomInput: schema(ZCreateRoomInput, 'input'),
	UpdateRoomInput: schema(ZUpdateRoomInput, 'input'),
	OutOfServiceInput: schema(ZOutOfServiceInput, 'input'),
	BackInServiceInput: schema(ZBackInServiceInput, 'input'),
	RoomChange: schema(ZRoomChange),
	DeviceRecord: schema(ZDeviceRecord),
	DeviceRecordList: schema(ZDeviceRecordList),
	CreateDeviceInput: schema(ZCreateDeviceInput, 'input'),
	UpdateDeviceInput: schema(ZUpdateDeviceInput, 'input'),
	DeviceChange: schema(ZDeviceChange),
	Schedule: schema(ZSchedule),
	ScheduleList: schema(ZScheduleList),
	ScheduleChange: schema(ZSchedule.extend({ affectedAppointments: z.array(ZAppointment) })),
	WeekInput: schema(ZWeekInput, 'input'),
	LeaveInput: schema(ZLeaveInput, 'input'),
	LeaveChange: schema(ZLeaveChange),
	OpeningHours: schema(ZOpeningHours),
	OpeningHoursChange: schema(ZOpeningHours.extend({ affectedAppointments: z.array(ZAppointment) })),
	OpeningHoursInput: schema(ZOpeningHoursInput, 'input'),
	Holiday: schema(ZHoliday),
	HolidayList: schema(ZHolidayList),
	HolidayInput: schema(ZHolidayInput, 'input'),
	HolidayChange: schema(ZHolidayChange),
	Languages: schema(ZLanguages),
	LanguagesInput: schema(ZLanguagesInput, 'input')
};

type Op = (operationId: string, summary: string, tag: string, o: { body?: string; parameters?: object[]; ok: readonly [string, string, string?]; errors?: Record<string, string> }) => object;

interface Helpers {
	op: Op;
	pathId(name: string): object;
	queryParameters(s: z.ZodType): object[];
}

export function cataloguePaths({ op, pathId, queryParameters }: Helpers) {
	const branchId = pathId('branchId');
	const tag = 'scheduling-setup';
	const manage = 'Needs scheduling:manage in the branch';
	const branchErrors = { '403': manage, '404': 'No such branch of yours' };
	const edit = (what: string) => ({ '400': 'Field errors naming each field to fix', '403': manage, '404': `No such ${what} at this branch of yours`, '409': `Someone else changed the ${what} first: \`current\` holds it as it is now` });
	return {
		'/services': {
			get: op('listServiceCatalogue', 'The hospital\'s whole service catalogue, inactive services too, each with `active` and `version` (booking screens use /branches/{branchId}/services, active ones only)', tag, {
				ok: ['200', '{ items }', 'ServiceRecordList'],
				errors: { '403': 'Needs appointments:read' }
			}),
			post: op('createService', 'Add a service: name, category, duration and clean-up buffer (minutes), price in paise, tax in basis points (1800 = 18 %), the room type it needs, the device types it needs, who may perform it. Audited (service.created)', tag, {
				body: 'CreateServiceInput',
				ok: ['201', 'The service', 'ServiceRecord'],
				errors: { '400': 'Field errors (e.g. the name is taken, a duration of 0)', '403': 'Needs scheduling:manage from a hospital-wide role: the catalogue is shared by every branch' }
			})
		},
		'/services/{serviceId}': {
			parameters: [pathId('serviceId')],
			get: op('getService', 'One service of the catalogue', tag, { ok: ['200', 'The service', 'ServiceRecord'], errors: { '404': 'No such service in your hospital' } }),
			patch: op('updateService', 'Change any fields, or deactivate with `active: false` (never deleted: appointments keep pointing at it; it is no longer offered for booking). Send the version you saw. Audited (service.updated, service.deactivated, service.reactivated)', tag, {
				body: 'UpdateServiceInput',
				ok: ['200', 'The service after the change', 'ServiceRecord'],
				errors: { '400': 'Field errors', '403': 'Needs scheduling:manage from a hospital-wide role', '404': 'No such service in your hospital', '409': 'Someone else changed the service first: `current` holds it as it is now' }
			})
		},
		'/branches/{branchId}/rooms': {
			parameters: [branchId],
			get: op('listRooms', "The branch's rooms, in service or not, in calendar order, with `sortOrder` and `version`", 'scheduling', { ok: ['200', '{ items }', 'RoomRecordList'], errors: { '404': 'No such branch of yours' } }),
			post: op('createRoom', 'Add a room (name, type matched against services\' room type, place among the calendar\'s columns). Audited (room.created)', tag, {
				body: 'CreateRoomInput',
				ok: ['201', 'The room', 'RoomRecord'],
				errors: { '400': 'Field errors (e.g. the name is taken at this branch)', ...branchErrors }
			})
		},
		'/branches/{branchId}/rooms/{roomId}': {
			parameters: [branchId, pathId('roomId')],
			patch: op('updateRoom', 'Rename, change its type or its place; send the version you saw. Audited (room.updated)', tag, { body: 'UpdateRoomInput', ok: ['200', 'The room', 'RoomRecord'], errors: edit('room') })
		},
		'/branches/{branchId}/rooms/{roomId}/out-of-service': {
			parameters: [branchId, pathId('roomId')],
			post: op('takeRoomOutOfService', 'Out of service with a reason: free slots stop offering it and booking into it is refused (field error on roomId). Appointments already booked there stay: `affectedAppointments` lists them, for reception to move. Calendars shade the room on their next load. Audited (room.out-of-service)', tag, {
				body: 'OutOfServiceInput',
				ok: ['200', 'The room and the booked appointments still in it', 'RoomChange'],
				errors: edit('room')
			})
		},
		'/branches/{branchId}/rooms/{roomId}/in-service': {
			parameters: [branchId, pathId('roomId')],
			post: op('putRoomBackInService', 'Back in service. Audited (room.in-service)', tag, { body: 'BackInServiceInput', ok: ['200', 'The room (affectedAppointments empty)', 'RoomChange'], errors: edit('room') })
		},
		'/branches/{branchId}/devices': {
			parameters: [branchId],
			get: op('listDevices', "The branch's devices (lasers, IPL machines…): kind, the room where each stands, in service or not", 'scheduling', { ok: ['200', '{ items }', 'DeviceRecordList'], errors: { '404': 'No such branch of yours' } }),
			post: op('createDevice', 'Add a device (name, type matched against services\' device types, the room where it stands). Audited (device.created)', tag, {
				body: 'CreateDeviceInput',
				ok: ['201', 'The device', 'DeviceRecord'],
				errors: { '400': 'Field errors (e.g. the name is taken, a room of another branch)', ...branchErrors }
			})
		},
		'/branches/{branchId}/devices/{deviceId}': {
			parameters: [branchId, pathId('deviceId')],
			patch: op('updateDevice', 'Rename, change its type, or move it to another room of the branch (`roomId`; null: in store); send the version you saw. Audited (device.updated, device.moved)', tag, { body: 'UpdateDeviceInput', ok: ['200', 'The device', 'DeviceRecord'], errors: edit('device') })
		},
		'/branches/{branchId}/devices/{deviceId}/out-of-service': {
			parameters: [branchId, pathId('deviceId')],
			post: op('takeDeviceOutOfService', 'Out of service with a reason: slots of services needing it stop being offered unless another device of its type is free. Booked appointments that reserve it are listed in `affectedAppointments`. Audited (device.out-of-service)', tag, {
				body: 'OutOfServiceInput',
				ok: ['200', 'The device and the appointments that reserve it', 'DeviceChange'],
				errors: edit('device')
			})
		},
		'/branches/{branchId}/devices/{deviceId}/in-service': {
			parameters: [branchId, pathId('deviceId')],
			post: op('putDeviceBackInService', 'Back in service. Audited (device.in-service)', tag, { body: 'BackInServiceInput', ok: ['200', 'The device (affectedAppointments empty)', 'DeviceChange'], errors: edit('device') })
		},
		'/branches/{branchId}/schedules': {
			parameters: [branchId],
			get: op('listSchedules', 'Everyone who could work at the branch (may call patients in there, performs a service, or has hours there), each with their week, leave not yet over, and services', tag, { ok: ['200', '{ items }', 'ScheduleList'], errors: { '404': 'No such branch of yours' } })
		},
		'/branches/{branchId}/schedules/{userId}': {
			parameters: [branchId, pathId('userId')],
			get: op('getSchedule', "A practitioner's week at the branch (working ranges and breaks per weekday, on the branch's clock), leave not yet over, and `revision`", tag, {
				ok: ['200', 'The schedule', 'Schedule'],
				errors: { '404': 'No such branch or person' }
			}),
			put: op('saveSchedule', "Replace the practitioner's week at this branch in one save; a weekday left out is a day off. Each end after its start, breaks inside working ranges, no overlaps; errors name the field, e.g. `week.mon.breaks.0.start`. Send `revision` from GET so that a week someone else saved meanwhile is not overwritten (409 with `current`). Free slots follow at once; `affectedAppointments` lists booked appointments the new week no longer covers. Audited (schedule.updated)", tag, {
				body: 'WeekInput',
				ok: ['200', 'The schedule as saved, with the appointments to move', 'ScheduleChange'],
				errors: { '400': 'Field errors per weekday and range', '403': manage, '404': 'No such branch or person', '409': 'Someone else saved this week first: `current` holds it' }
			})
		},
		'/branches/{branchId}/schedules/{userId}/leave': {
			parameters: [branchId, pathId('userId')],
			post: op('addLeave', 'Leave from `start` to `end` (instants with offset), with a reason, at this branch or (`allBranches: true`, needing scheduling:manage wherever the practitioner works) everywhere. No slots are offered with them meanwhile; `affectedAppointments` lists what is already booked. Audited (leave.added)', tag, {
				body: 'LeaveInput',
				ok: ['201', 'The leave and the appointments to move', 'LeaveChange'],
				errors: { '400': 'Field errors (end before start, already over…)', '403': `${manage} (for every branch: wherever they work)`, '404': 'No such branch or person' }
			})
		},
		'/branches/{branchId}/schedules/{userId}/leave/{leaveId}': {
			parameters: [branchId, pathId('userId'), pathId('leaveId')],
			delete: op('removeLeave', 'Remove leave (of this branch, or of every branch). Audited (leave.removed)', tag, { ok: ['204', 'Removed'], errors: { '403': manage, '404': 'No such leave here' } })
		},
		'/branches/{branchId}/opening-hours': {
			parameters: [branchId],
			get: op('getOpeningHours', "The branch's opening hours per weekday on its own clock (null: closed), its time zone and `revision`", tag, { ok: ['200', 'The opening hours', 'OpeningHours'], errors: { '404': 'No such branch of yours' } }),
			put: op('saveOpeningHours', 'Replace the week\'s opening hours (a weekday left out or null: closed); send `revision` to refuse overwriting a change made meanwhile (409). Calendars shade the closed hours; `affectedAppointments` lists booked appointments now outside them. Audited (branch.opening-hours-updated)', tag, {
				body: 'OpeningHoursInput',
				ok: ['200', 'The opening hours as saved, with the appointments to move', 'OpeningHoursChange'],
				errors: { '400': 'Field errors, e.g. `week.sat.closes`', ...branchErrors, '409': 'Changed by someone else first: `current` holds it' }
			})
		},
		'/branches/{branchId}/holidays': {
			parameters: [branchId],
			get: op('listHolidays', 'Days the branch is closed, from `from` (default today) to `to` (default: all ahead), in date order', tag, {
				parameters: queryParameters(ZHolidayQuery),
				ok: ['200', '{ items }', 'HolidayList'],
				errors: { '400': 'A date to fix', '404': 'No such branch of yours' }
			}),
			post: op('addHoliday', 'Close the branch for a day (today or later): no slots are offered that day; `affectedAppointments` lists what is already booked. Audited (holiday.added)', tag, {
				body: 'HolidayInput',
				ok: ['201', 'The holiday and the appointments to move', 'HolidayChange'],
				errors: { '400': 'Field errors (a past day, a day that already is a holiday)', ...branchErrors }
			})
		},
		'/branches/{branchId}/holidays/{holidayId}': {
			parameters: [branchId, pathId('holidayId')],
			delete: op('removeHoliday', 'Open the day again. Audited (holiday.removed)', tag, { ok: ['204', 'Removed'], errors: { '403': manage, '404': 'No such holiday at this branch' } })
		},
		'/branches/{branchId}/languages': {
			parameters: [branchId],
			get: op('getBranchLanguages', 'The languages the waiting room hears call-outs in, first to last (en, hi)', tag, { ok: ['200', 'The languages', 'Languages'], errors: { '404': 'No such branch of yours' } }),
			put: op('saveBranchLanguages', 'Set the call-out languages and their order. Audited (branch.languages-updated)', tag, {
				body: 'LanguagesInput',
				ok: ['200', 'The languages', 'Languages'],
				errors: { '400': 'None chosen, or one twice', ...branchErrors }
			})
		}
	};
}
