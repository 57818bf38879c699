import type { portal as en } from '../en/portal.ts';

export const portal: Record<keyof typeof en, string> = {};
