import type { Actor } from '#lib/shared/access/actor.ts';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			requestId: string;
		}
		interface Error {
			message: string;
			code?: string;
			requestId?: string;
		}
	}
}

export {};
