import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { encryptedColumns, plainColumns } from '../patient.service.ts';
import { formatMrn } from '../patient-search.ts';

export interface BulkPatient {
	sourceId: string;
	/** Registration's input, already checked with the shared schema. */
	data: Record<string, unknown>;
}

/**
 * `insertPatient` for many rows at once, inside the caller's transaction: the same columns, the
 * same encryption and blind indexes, MRNs from the same counter (reserved in one step), but one
 * INSERT for the batch instead of two statements a row. A row whose source id arrived meanwhile
 * (another import of the same file running at the same moment) is left out by the unique index,
 * never duplicated; its reserved MRN then stays unused, as a number is never reused anyway.
 * Returns the source ids actually inserted.
 */
export async function insertPatientsBulk(
	em: EntityManager,
	crypto: FieldCrypto,
	at: { hospitalId: string; branchId: string; branchCode: string; userId: string | null },
	sourceSystem: string,
	patients: readonly BulkPatient[]
): Promise<string[]> {
	if (!patients.length) return [];
	const [counter] = await em.execute<{ last_value: number }[]>(
		`insert into mrn_counter (hospital_id, prefix, last_value) values (?, ?, ?)
		 on conflict (hospital_id, prefix) do update set last_value = mrn_counter.last_value + excluded.last_value returning last_value`,
		[at.hospitalId, at.branchCode, patients.length]
	);
	const first = counter!.last_value - patients.length + 1;
	const rows = patients.map((p, i) => {
		const id = randomUUID();
		const columns: Record<string, unknown> = { ...plainColumns(p.data), ...encryptedColumns(crypto, id, p.data), source_system: sourceSystem, source_id: p.sourceId };
		return { id, mrn: formatMrn(at.branchCode, first + i), columns };
	});
	// One column list for the batch; a row without a value takes the column's default.
	const names = [...new Set(rows.flatMap((r) => Object.keys(r.columns)))];
	const params: unknown[] = [];
	const tuples = rows.map((r) => {
		params.push(r.id, at.hospitalId, r.mrn, at.branchId, at.userId);
		const cells = names.map((n) => {
			if (!(n in r.columns)) return 'default';
			params.push(r.columns[n]);
			return '?';
		});
		return `(?, ?, ?, ?, ?, now(), now(), 1, ${cells.join(', ')})`;
	});
	const inserted = await em.execute<{ source_id: string }[]>(
		`insert into patient (id, hospital_id, mrn, registered_at_branch_id, created_by_id, created_at, updated_at, version, ${names.join(', ')})
		 values ${tuples.join(', ')} on conflict do nothing returning source_id`,
		params
	);
	return inserted.map((r) => r.source_id);
}
