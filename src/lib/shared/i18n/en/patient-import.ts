export const patientImport = {} as const;
