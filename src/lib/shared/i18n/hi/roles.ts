import type { roles as en } from '../en/roles.ts';

export const roles: Record<keyof typeof en, string> = {};
