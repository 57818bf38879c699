import { Branch, Hospital } from '../tenancy/tenancy.entities.ts';
import { ApiToken, Invitation, PasswordReset, Session, User } from '../auth/auth.entities.ts';
import { Role, RoleAssignment } from '../access/access.entities.ts';
import { OutboxEvent } from '../realtime/outbox.entity.ts';
import { AuditEvent } from '../audit/audit.entities.ts';
import { MfaRecoveryCode, MfaTotp } from '../mfa/mfa.entities.ts';
import { BranchNotice, NoticeDismissal } from '../notices/notice.entities.ts';
import { UserPhoto } from '../profile/profile.entities.ts';
import { Appointment, AppointmentDevice, AppointmentEvent, BranchHoliday, ClinicService, Device, Leave, Room, ServicePractitioner, SlotHold, WaitlistEntry, WorkingHours } from '../scheduling/scheduling.entities.ts';
import { QueueEntry, QueueTokenCounter } from '../queue/queue.entities.ts';
import { BoardDevice } from '../boards/board.entities.ts';
import { JobStep, ScheduledJob } from '../jobs/job.entities.ts';
import { UserNotification } from '../notifications/notification.entities.ts';
import { IdempotencyRecord } from '../idempotency/idempotency.entities.ts';
import { MrnCounter, Patient, PatientFile, PatientHistoryEntry, PatientImport, PatientNameWord } from '../patients/patient.entities.ts';

/** Every entity the ORM knows; a module adds its own here. */
export const entities = [Hospital, Branch, User, Session, Invitation, PasswordReset, ApiToken, Role, RoleAssignment, OutboxEvent, AuditEvent, MfaTotp, MfaRecoveryCode, BranchNotice, NoticeDismissal, UserPhoto, Patient, PatientHistoryEntry, MrnCounter, PatientFile, PatientImport, PatientNameWord, ClinicService, ServicePractitioner, Room, Device, WorkingHours, Leave, BranchHoliday, Appointment, AppointmentDevice, AppointmentEvent, SlotHold, WaitlistEntry, IdempotencyRecord, QueueEntry, QueueTokenCounter, BoardDevice, ScheduledJob, JobStep, UserNotification];
