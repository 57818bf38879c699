import type { MikroORM } from '@mikro-orm/postgresql';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { insertPatient } from '../patients/patient.service.ts';

const FIRST = ['Aarav', 'Ananya', 'Rohan', 'Sneha', 'Karthik', 'Divya', 'Arjun', 'Lakshmi', 'Nikhil', 'Pooja', 'Siddharth', 'Meghana', 'Varun', 'Kavitha', 'Rahul', 'Shreya', 'Manoj', 'Deepa', 'Vivek', 'Nandini'];
const LAST = ['Sharma', 'Reddy', 'Iyer', 'Nair', 'Gowda', 'Patel', 'Menon', 'Rao', 'Kulkarni', 'Shetty', 'Pillai', 'Hegde', 'Joshi', 'Das', 'Bhat'];
const CONCERNS = ['acne', 'pigmentation', 'melasma', 'hair loss', 'eczema', 'psoriasis', 'scars', 'ageing'];
const ALLERGENS = ['penicillin', 'sulfa drugs', 'latex', 'lidocaine', 'hydroquinone'];

/** A deterministic pseudo-random sequence, so every demo install has the same patients. */
function* sequence(seed: number) {
	let x = seed;
	for (;;) {
		x = (x * 1103515245 + 12345) % 2147483648;
		yield x;
	}
}

/**
 * Sixty demo patients across both branches, once, when the demo hospital has none: enough to try
 * search by name, typo, phone and MRN. Their phone numbers are in the unallocated 9000 0… range.
 */
export async function seedDemoPatients(orm: MikroORM, crypto: FieldCrypto): Promise<number> {
	return orm.em.fork().transactional(async (em) => {
		await em.execute('select pg_advisory_xact_lock(?)', [7_200_002]);
		const [hospital] = await em.execute<{ id: string; patients: number }[]>(
			'select h.id, (select count(*)::int from patient p where p.hospital_id = h.id) as patients from hospital h where h.is_demo limit 1'
		);
		if (!hospital || hospital.patients > 0) return 0;
		const branches = await em.execute<{ id: string; code: string }[]>('select id, code from branch where hospital_id = ? order by code', [hospital.id]);
		const rnd = sequence(20261126);
		const pick = <T>(list: readonly T[]) => list[rnd.next().value! % list.length]!;
		for (let i = 0; i < 60; i++) {
			const first = FIRST[i % FIRST.length]!;
			const last = pick(LAST);
			const year = 1950 + (rnd.next().value! % 60);
			const month = 1 + (rnd.next().value! % 12);
			const day = 1 + (rnd.next().value! % 28);
			const branch = branches[i % branches.length]!;
			await insertPatient(em, crypto, { hospitalId: hospital.id, branchId: branch.id, branchCode: branch.code, userId: null }, {
				fullName: `${first} ${last}`,
				dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
				// FIRST alternates men's and women's names.
				sex: i % 2 ? 'female' : 'male',
				phone: `+9190000${String(10000 + i).slice(-5)}`,
				email: i % 3 === 0 ? `${first}.${last}${i}@example.com`.toLowerCase() : null,
				address: `${10 + i}, ${pick(['MG Road', 'Residency Road', '80 Feet Road', 'Hosur Road'])}, Bengaluru`,
				fitzpatrickType: 3 + (i % 3),
				skinConcerns: [pick(CONCERNS)],
				allergies: i % 5 === 0 ? [{ substance: pick(ALLERGENS), severity: pick(['mild', 'moderate', 'severe'] as const) }] : [],
				medications: i % 4 === 0 ? ['Doxycycline 100 mg once daily'] : [],
				conditions: i % 7 === 0 ? ['Type 2 diabetes'] : [],
				consents: { photography: i % 6 !== 0, marketing: i % 4 === 0, sms: true, email: i % 3 === 0, whatsapp: i % 2 === 0 }
			});
		}
		return 60;
	});
}
