import type { patientFiles as en } from '../en/patient-files.ts';

export const patientFiles: Record<keyof typeof en, string> = {};
