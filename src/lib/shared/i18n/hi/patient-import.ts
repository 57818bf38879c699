import type { patientImport as en } from '../en/patient-import.ts';

export const patientImport: Record<keyof typeof en, string> = {};
