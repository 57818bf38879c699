export const patientFiles = {} as const;
