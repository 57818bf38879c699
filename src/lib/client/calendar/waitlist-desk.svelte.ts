import type { AppointmentDto } from '../../shared/scheduling/appointment.schema.ts';
import type { JoinWaitlistInput, WaitlistBookingDto, WaitlistEntryDto, WaitlistOfferDto } from '../../shared/scheduling/waitlist.schema.ts';
import { send, type Problem, type Result } from './calendar-api.ts';

export const waitlistApi = {
	list: (branchId: string) => send<{ items: WaitlistEntryDto[] }>('GET', `/api/v1/branches/${branchId}/waitlist`),
	join: (branchId: string, input: JoinWaitlistInput) => send<WaitlistEntryDto>('POST', `/api/v1/branches/${branchId}/waitlist`, input),
	remove: (entry: Pick<WaitlistEntryDto, 'id' | 'version'>) => send<void>('DELETE', `/api/v1/waitlist/${entry.id}?version=${entry.version}`),
	book: (entryId: string, slot: SlotChoice) => send<WaitlistBookingDto>('POST', `/api/v1/waitlist/${entryId}/book`, slot),
	notify: (entryId: string, slot: SlotChoice) => send<{ sentTo: string }>('POST', `/api/v1/waitlist/${entryId}/notify`, slot)
};

export interface SlotChoice {
	start: string;
	practitionerId: string;
	roomId: string;
}

/** One patient of an offer, with what this desk has done about them. */
export interface OfferItem {
	entry: WaitlistEntryDto;
	slot: WaitlistOfferDto['slot'];
	state: 'open' | 'booking' | 'booked' | 'gone' | 'failed';
	problem: Problem | null;
	/** Emailed to (masked), or the refusal. */
	sent: string | null;
	sendProblem: Problem | null;
	sending: boolean;
}

/** A freed time (one practitioner, one room, one start) and everyone it was offered to, best first. */
export interface OfferCard {
	key: string;
	start: string;
	practitionerId: string;
	roomId: string;
	items: OfferItem[];
	receivedAt: number;
}

const cardKey = (slot: WaitlistOfferDto['slot']) => `${slot.start}|${slot.practitionerId}|${slot.roomId}`;

/**
 * The branch's waitlist as one desk sees it: who is waiting (kept current by `waitlist.changed`)
 * and the offers that arrive when a time frees up (`waitlist.offer`), each bookable in one click.
 */
export class WaitlistDesk {
	readonly branchId: string;
	entries = $state<WaitlistEntryDto[]>([]);
	loaded = $state(false);
	failed = $state(false);
	offers = $state<OfferCard[]>([]);

	constructor(branchId: string) {
		this.branchId = branchId;
	}

	async load(): Promise<void> {
		const result = await waitlistApi.list(this.branchId);
		if (result.ok) {
			// Keep anything that arrived live and is newer than the snapshot.
			const live = (id: string) => this.entries.find((e) => e.id === id);
			this.entries = result.data.items.map((e) => ((live(e.id)?.version ?? 0) > e.version ? live(e.id)! : e)).filter((e) => e.status === 'waiting');
			this.loaded = true;
			this.failed = false;
		} else this.failed = true;
	}

	/** An entry changed (here or at another desk): the list and any offer naming it follow. */
	applyEntry(entry: WaitlistEntryDto): void {
		if (entry.branchId !== this.branchId) return;
		const known = this.entries.find((e) => e.id === entry.id);
		if (known && known.version >= entry.version) return;
		const others = this.entries.filter((e) => e.id !== entry.id);
		this.entries = entry.status === 'waiting' ? [...others, entry].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)) : others;
		for (const card of this.offers) {
			for (const item of card.items) {
				if (item.entry.id !== entry.id || item.entry.version >= entry.version) continue;
				item.entry = entry;
				if (entry.status !== 'waiting' && item.state !== 'booked') item.state = 'gone';
			}
		}
	}

	/** An offer from the server: merged into the card of the same freed time, newest card first. */
	receiveOffer(offer: WaitlistOfferDto): void {
		if (offer.branchId !== this.branchId || !offer.matches.length) return;
		const key = cardKey(offer.slot);
		const items: OfferItem[] = offer.matches.map((entry) => ({ entry, slot: offer.slot, state: 'open', problem: null, sent: null, sendProblem: null, sending: false }));
		const card = this.offers.find((c) => c.key === key);
		if (card) {
			const fresh = items.filter((i) => !card.items.some((x) => x.entry.id === i.entry.id));
			card.items = [...card.items, ...fresh];
			card.receivedAt = Date.now();
			this.offers = [card, ...this.offers.filter((c) => c !== card)];
		} else {
			this.offers = [{ key, start: offer.slot.start, practitionerId: offer.slot.practitionerId, roomId: offer.slot.roomId, items, receivedAt: Date.now() }, ...this.offers];
		}
	}

	dismiss(card: OfferCard): void {
		this.offers = this.offers.filter((c) => c.key !== card.key);
	}

	async join(input: JoinWaitlistInput): Promise<Result<WaitlistEntryDto>> {
		const result = await waitlistApi.join(this.branchId, input);
		if (result.ok) this.applyEntry(result.data);
		return result;
	}

	async remove(entry: WaitlistEntryDto): Promise<Result<void>> {
		const result = await waitlistApi.remove(entry);
		if (result.ok) this.entries = this.entries.filter((e) => e.id !== entry.id);
		else if (result.problem?.code === 'STALE_VERSION' || result.problem?.status === 422) {
			const current = (result.problem as Problem & { current?: WaitlistEntryDto }).current;
			if (current) this.applyEntry(current);
		}
		return result;
	}

	/** One click: book this patient into the offered time. The slot's other candidates cannot have it any more. */
	async book(card: OfferCard, item: OfferItem): Promise<AppointmentDto | null> {
		if (item.state === 'booking' || item.state === 'booked') return null;
		item.state = 'booking';
		item.problem = null;
		const result = await waitlistApi.book(item.entry.id, { start: item.slot.start, practitionerId: item.slot.practitionerId, roomId: item.slot.roomId });
		if (result.ok) {
			item.state = 'booked';
			this.applyEntry(result.data.entry);
			for (const other of card.items) if (other !== item && other.state === 'open') other.state = 'gone';
			return result.data.appointment;
		}
		item.problem = result.problem;
		item.state = result.problem?.status === 409 ? 'gone' : 'failed';
		return null;
	}

	async notify(item: OfferItem): Promise<void> {
		if (item.sending) return;
		item.sending = true;
		item.sendProblem = null;
		try {
			const result = await waitlistApi.notify(item.entry.id, { start: item.slot.start, practitionerId: item.slot.practitionerId, roomId: item.slot.roomId });
			if (result.ok) item.sent = result.data.sentTo;
			else item.sendProblem = result.problem;
		} finally {
			item.sending = false;
		}
	}
}
