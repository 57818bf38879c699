import { getContext, setContext } from 'svelte';
import type { NoticeBoard } from './notices/notice-board.svelte.ts';

const KEY = Symbol('skinspire.branch');

export interface BranchContext {
	readonly board: NoticeBoard;
}

export function setBranchContext(ctx: BranchContext): void {
	setContext(KEY, ctx);
}

export function getBranchContext(): BranchContext {
	return getContext<BranchContext>(KEY);
}
