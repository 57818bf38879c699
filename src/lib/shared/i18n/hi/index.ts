import type { MessageKey } from '../en/index.ts';
import { common } from './common.ts';
import { errors } from './errors.ts';
import { auth } from './auth.ts';
import { shell } from './shell.ts';
import { users } from './users.ts';
import { roles } from './roles.ts';
import { account } from './account.ts';
import { dashboard } from './dashboard.ts';
import { audit } from './audit.ts';
import { mail } from './mail.ts';
import { patients } from './patients.ts';
import { patientFiles } from './patient-files.ts';
import { patientImport } from './patient-import.ts';
import { portal } from './portal.ts';
import { scheduling } from './scheduling.ts';
import { calendar } from './calendar.ts';
import { setup } from './setup.ts';
import { waitlist } from './waitlist.ts';
import { queue } from './queue.ts';
import { boards } from './boards.ts';
import { reminders } from './reminders.ts';
import { notifications } from './notifications.ts';

/** Hindi: the same keys as English (the type refuses a missing one). */
export const hi: Record<MessageKey, string> = { ...common, ...errors, ...auth, ...shell, ...users, ...roles, ...account, ...dashboard, ...audit, ...mail, ...patients, ...patientFiles, ...patientImport, ...portal, ...scheduling, ...calendar, ...setup, ...waitlist, ...queue, ...boards, ...reminders, ...notifications };
