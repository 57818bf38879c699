import { describe, expect, it } from 'vitest';
import { NoticeBoard } from './notice-board.svelte.ts';
import type { NoticeDto } from '../../shared/notices/notice.schema.ts';

const BRANCH = '11111111-1111-4111-8111-111111111111';
function notice(over: Partial<NoticeDto> = {}): NoticeDto {
	return {
		id: '22222222-2222-4222-8222-222222222222',
		branchId: BRANCH,
		message: 'Dr Rao is running late',
		urgent: false,
		onBoard: false,
		postedBy: { id: '33333333-3333-4333-8333-333333333333', name: 'Priya' },
		createdAt: new Date().toISOString(),
		expiresAt: null,
		clearedAt: null,
		dismissed: false,
		version: 1,
		...over
	};
}

describe('NoticeBoard', () => {
	it('applies a new notice once, however often the event arrives', () => {
		const board = new NoticeBoard(BRANCH, []);
		expect(board.apply(notice())).toBe(true);
		expect(board.apply(notice())).toBe(false);
		expect(board.active).toHaveLength(1);
	});

	it('a clear removes it, and a late "posted" cannot bring it back', () => {
		const board = new NoticeBoard(BRANCH, []);
		board.apply(notice());
		board.apply(notice({ version: 2, clearedAt: new Date().toISOString() }));
		expect(board.active).toHaveLength(0);
		board.apply(notice({ version: 1 }));
		expect(board.active).toHaveLength(0);
	});

	it('ignores an older version of a notice it has', () => {
		const board = new NoticeBoard(BRANCH, [notice({ version: 3, message: 'new' })]);
		board.apply(notice({ version: 2, message: 'old' }));
		expect(board.active[0]!.message).toBe('new');
	});

	it('hides expired and dismissed notices from the strip', () => {
		const board = new NoticeBoard(BRANCH, [
			notice({ id: 'a', expiresAt: new Date(Date.now() - 1000).toISOString() }),
			notice({ id: 'b' }),
			notice({ id: 'c' })
		]);
		board.markDismissed('c');
		expect(board.active.map((n) => n.id)).toEqual(['b', 'c']);
		expect(board.visible.map((n) => n.id)).toEqual(['b']);
	});
});
