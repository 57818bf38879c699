import { describe, expect, it } from 'vitest';
import { WaitlistDesk } from './waitlist-desk.svelte.ts';
import type { WaitlistEntryDto, WaitlistOfferDto } from '../../shared/scheduling/waitlist.schema.ts';

const BRANCH = '11111111-1111-4111-8111-111111111111';
const OTHER_BRANCH = '99999999-9999-4999-8999-999999999999';
const ROOM = '21111111-1111-4111-8111-111111111111';
const DR_RAO = '31111111-1111-4111-8111-111111111111';
const CONSULT = '71111111-1111-4111-8111-111111111111';
const FOLLOW_UP = '72222222-2222-4222-8222-222222222222';

function entry(id: string, over: Partial<WaitlistEntryDto> = {}): WaitlistEntryDto {
	return {
		id,
		branchId: BRANCH,
		patient: { id: `p${id}`, name: `Patient ${id}`, mrn: `IND-00000${id}` },
		service: { id: CONSULT, name: 'Dermatology consultation' },
		practitioner: null,
		timeOfDay: 'any',
		earliestDay: null,
		latestDay: null,
		notes: null,
		status: 'waiting',
		bookedAppointmentId: null,
		createdAt: `2026-11-2${id}T09:00:00+05:30`,
		version: 1,
		...over
	};
}

function offer(matches: WaitlistEntryDto[], over: Partial<WaitlistOfferDto['slot']> = {}, branchId = BRANCH): WaitlistOfferDto {
	return { branchId, slot: { start: '2026-11-27T10:30:00+05:30', end: '2026-11-27T10:45:00+05:30', practitionerId: DR_RAO, roomId: ROOM, serviceId: CONSULT, ...over }, matches };
}

describe('a desk’s waitlist', () => {
	it('keeps the list in waiting order, applies each change once, and drops those no longer waiting', () => {
		const desk = new WaitlistDesk(BRANCH);
		desk.applyEntry(entry('2'));
		desk.applyEntry(entry('1'));
		expect(desk.entries.map((e) => e.id)).toEqual(['1', '2']);
		desk.applyEntry(entry('1', { status: 'booked', version: 2 }));
		expect(desk.entries.map((e) => e.id)).toEqual(['2']);
		// A late, older event does not bring it back; another branch's entries never show.
		desk.applyEntry(entry('2', { notes: 'old', version: 1 }));
		expect(desk.entries[0]!.notes).toBeNull();
		desk.applyEntry(entry('3', { branchId: OTHER_BRANCH }));
		expect(desk.entries.map((e) => e.id)).toEqual(['2']);
	});

	it('gathers the offers of one freed time on one card, newest card first, each patient once', () => {
		const desk = new WaitlistDesk(BRANCH);
		desk.receiveOffer(offer([entry('1'), entry('2')]));
		desk.receiveOffer(offer([entry('4', { service: { id: FOLLOW_UP, name: 'Follow-up visit' } })], { serviceId: FOLLOW_UP, end: '2026-11-27T10:40:00+05:30' }));
		desk.receiveOffer(offer([entry('1')]));
		expect(desk.offers).toHaveLength(1);
		expect(desk.offers[0]!.items.map((i) => [i.entry.id, i.slot.serviceId])).toEqual([
			['1', CONSULT],
			['2', CONSULT],
			['4', FOLLOW_UP]
		]);
		desk.receiveOffer(offer([entry('5')], { start: '2026-11-27T16:00:00+05:30' }));
		expect(desk.offers.map((c) => c.start)).toEqual(['2026-11-27T16:00:00+05:30', '2026-11-27T10:30:00+05:30']);
		desk.receiveOffer(offer([entry('6')], {}, OTHER_BRANCH));
		expect(desk.offers).toHaveLength(2);
	});

	it('marks an offered patient gone once another desk books or removes them', () => {
		const desk = new WaitlistDesk(BRANCH);
		desk.receiveOffer(offer([entry('1'), entry('2')]));
		desk.applyEntry(entry('2', { status: 'booked', version: 2 }));
		expect(desk.offers[0]!.items.map((i) => i.state)).toEqual(['open', 'gone']);
		expect(desk.offers[0]!.items[1]!.entry.status).toBe('booked');
	});
});
