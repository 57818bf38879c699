import { createHash, randomUUID } from 'node:crypto';
import { raw, type RawQueryFragment } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../shared/access/actor.ts';
import { canAnywhere } from '../../shared/access/actor.ts';
import {
	CONSENTS,
	ZCreatePatientInput,
	ZHistoryEntryInput,
	ZSearchPatientsQuery,
	ZUpdatePatientInput,
	type HistoryEntry,
	type PatientDto,
	type PatientPage,
	type PatientSummary
} from '../../shared/patients/patient.schema.ts';
import { normalisePhone } from '../../shared/patients/phone.ts';
import { rooms } from '../../shared/realtime/events.ts';
import { msg } from '../../shared/i18n/translate.ts';
import { DatabaseText } from '../audit/audit-chain.ts';
import { appendAudit, auditAppendStatements } from '../audit/audit.service.ts';
import type { SessionMeta } from '../auth/session.service.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { BEGIN, COMMIT, COMMIT_WITHOUT_WAITING, executePrepared, inlinePrepared, runInOneRoundTrip, type PreparedStatement } from '../db/one-round-trip.ts';
import { DomainError, parseInput } from '../errors/domain-error.ts';
import { OutboxBatch, type PayloadSealer } from '../realtime/outbox.ts';
import type { ServiceDeps } from '../runtime/deps.ts';
import { ENCRYPTED_COLUMNS, normaliseForIndex, PATIENT_SELECT, seal, toPatientDto, toSummary, type EncryptedField, type PatientRow } from './patient-codec.ts';
import { corrections, formatMrn, likeLiteral, MIN_CORRECTED_LENGTH, oneTypoAlternatives, planSearch, wholeWordPattern, wordStartPattern } from './patient-search.ts';
import { isUuid } from '../../shared/ids.ts';


/** Fields kept in clear, by input name → column. */
const PLAIN_COLUMNS = {
	fullName: 'full_name',
	preferredName: 'preferred_name',
	sex: 'sex',
	occupation: 'occupation',
	referralSource: 'referral_source',
	preferredLanguage: 'preferred_language',
	fitzpatrickType: 'fitzpatrick_type',
	skinConcerns: 'skin_concerns'
} as const;

const SUMMARY_COLUMNS = `p.id, p.mrn, p.full_name, p.preferred_name, to_char(p.date_of_birth, 'YYYY-MM-DD') as date_of_birth, p.date_of_birth_estimated, p.sex, p.phone_enc, p.version`;

function notFound(): DomainError {
	return new DomainError('NOT_FOUND', msg('patients.errors.notFound'));
}

/** A text[] literal: the driver would expand a JS array into a list of parameters instead. */
function pgTextArray(items: readonly string[]): string {
	return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Birth date from an age in years: the same day that many years ago, marked as estimated. */
function birthDateFromAge(age: number, today = new Date()): string {
	const d = new Date(Date.UTC(today.getUTCFullYear() - age, today.getUTCMonth(), today.getUTCDate()));
	return d.toISOString().slice(0, 10);
}

/** Column values for the encrypted fields of an input (and their blind indexes). */
export function encryptedColumns(crypto: FieldCrypto, id: string, data: Record<string, unknown>): Record<string, string | null> {
	const out: Record<string, string | null> = {};
	for (const field of Object.keys(ENCRYPTED_COLUMNS) as EncryptedField[]) {
		if (!(field in data) || data[field] === undefined) continue;
		const value = data[field];
		out[ENCRYPTED_COLUMNS[field]] = seal(crypto, id, field, Array.isArray(value) && !value.length ? null : value);
	}
	if ('phone' in data && data.phone !== undefined) out.phone_idx = data.phone ? crypto.blindIndex('phone', data.phone as string) : null;
	if ('email' in data && data.email !== undefined) out.email_idx = data.email ? crypto.blindIndex('email', normaliseForIndex.email(data.email as string)) : null;
	if ('governmentId' in data && data.governmentId !== undefined) {
		out.government_id_idx = data.governmentId ? crypto.blindIndex('government-id', normaliseForIndex.governmentId(data.governmentId as never)) : null;
	}
	return out;
}

export function plainColumns(data: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [field, column] of Object.entries(PLAIN_COLUMNS)) if (data[field] !== undefined) out[column] = Array.isArray(data[field]) ? pgTextArray(data[field] as string[]) : data[field];
	if (data.estimatedAge !== undefined) {
		out.date_of_birth = birthDateFromAge(data.estimatedAge as number);
		out.date_of_birth_estimated = true;
	} else if (data.dateOfBirth !== undefined) {
		out.date_of_birth = data.dateOfBirth;
		out.date_of_birth_estimated = false;
	}
	const consents = data.consents as Record<string, boolean | undefined> | undefined;
	for (const c of CONSENTS) if (consents?.[c] !== undefined) out[`consent_${c}`] = consents[c];
	return out;
}

/** Where and by whom a patient is being registered. */
export interface RegistrationPlace {
	hospitalId: string;
	branchId: string;
	branchCode: string;
	userId: string | null;
}

const NEXT_MRN: PreparedStatement = {
	name: 'skinspire_next_mrn',
	sql: `insert into mrn_counter (hospital_id, prefix, last_value) values ($1::uuid, $2::text, 1)
	  on conflict (hospital_id, prefix) do update set last_value = mrn_counter.last_value + 1 returning last_value`
};

/** Where a registration's round trip keeps the MRN it drew, for its statements after that (a setting of the connection). */
const DRAWN_MRN = `current_setting('skinspire.mrn')`;

/** NEXT_MRN, formatted as formatMrn does ($3 the prefix in capitals) and kept in DRAWN_MRN. */
export const NEXT_MRN_KEPT: PreparedStatement = {
	name: 'skinspire_next_mrn_kept',
	sql: `with drawn as (${NEXT_MRN.sql})
	  select set_config('skinspire.mrn', $3::text || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0'), false) as mrn from drawn`
};

/** The INSERTs of the sets of columns registrations have sent, prepared once per connection (up to PREPARED_INSERTS of them). */
const patientInserts = new Map<string, PreparedStatement>();
const PREPARED_INSERTS = 64;

/**
 * The INSERT of one patient (returning its `created_at`) with its values: the id, the hospital, the
 * MRN (or an SQL expression of it), the branch, the author, then `columns`, the columns of `data`.
 */
function patientInsert(crypto: FieldCrypto, at: RegistrationPlace, mrn: string | RawQueryFragment, data: Record<string, unknown>, source: { system: string; id: string } | null): { id: string; insert: PreparedStatement; params: unknown[]; columns: Record<string, unknown> } {
	const id = randomUUID();
	const columns: Record<string, unknown> = { ...plainColumns(data), ...encryptedColumns(crypto, id, data) };
	if (source) Object.assign(columns, { source_system: source.system, source_id: source.id });
	const names = Object.keys(columns).join(', ');
	let insert = patientInserts.get(names);
	if (!insert) {
		const n = Object.keys(columns).length;
		insert = {
			name: `skinspire_patient_insert_${createHash('sha256').update(names).digest('hex').slice(0, 16)}`,
			sql: `insert into patient (id, hospital_id, mrn, registered_at_branch_id, created_by_id, created_at, updated_at, version${n ? `, ${names}` : ''})
			 values ($1::uuid, $2::uuid, $3::text, $4::uuid, $5::uuid, now(), now(), 1${Array.from({ length: n }, (_, i) => `, $${i + 6}`).join('')})
			 returning created_at`
		};
		if (patientInserts.size < PREPARED_INSERTS) patientInserts.set(names, insert);
	}
	return { id, insert, params: [id, at.hospitalId, mrn, at.branchId, at.userId, ...Object.values(columns)], columns };
}

/**
 * A new patient's row as stored, without reading it back: the inserted columns over what the
 * table's defaults give the others (see the patients migration; a test compares a registration's
 * answer with the record read afterwards).
 */
function insertedRow(columns: Record<string, unknown>, data: Record<string, unknown>, row: Pick<PatientRow, 'id' | 'hospital_id' | 'mrn' | 'registered_at_branch_id' | 'branch_name' | 'branch_code' | 'created_at'>): PatientRow {
	const nulls = ['preferred_name', 'date_of_birth', 'phone_enc', 'email_enc', 'address_enc', 'emergency_contact_enc', 'government_id_enc', 'occupation', 'referral_source', 'preferred_language', 'fitzpatrick_type', 'allergies_enc', 'medications_enc', 'conditions_enc', 'previous_procedures_enc'];
	return {
		...(Object.fromEntries(nulls.map((c) => [c, null])) as object),
		date_of_birth_estimated: false,
		consent_photography: false,
		consent_marketing: false,
		consent_sms: false,
		consent_email: false,
		consent_whatsapp: false,
		...(columns as object),
		skin_concerns: (data.skinConcerns as string[] | undefined) ?? [],
		...row,
		updated_at: row.created_at,
		version: 1
	} as PatientRow;
}

/** The field crypto, remembering what it sealed: the answer to a registration shows the record just written without opening it again. */
function rememberingSeals(crypto: FieldCrypto): FieldCrypto {
	const sealed = new Map<string, string>();
	return {
		...crypto,
		encrypt(plain, context) {
			const value = crypto.encrypt(plain, context);
			sealed.set(value, plain);
			return value;
		},
		decrypt: (value, context) => sealed.get(value) ?? crypto.decrypt(value, context)
	};
}

/**
 * Insert one patient with the next MRN of the branch, inside the caller's transaction. Shared by
 * the demo seed; the caller audits.
 */
export async function insertPatient(
	em: EntityManager,
	crypto: FieldCrypto,
	at: RegistrationPlace,
	data: Record<string, unknown>,
	source: { system: string; id: string } | null = null
): Promise<{ id: string; mrn: string }> {
	const [counter] = await em.execute<{ last_value: number }[]>(inlinePrepared(em.getPlatform(), NEXT_MRN, [at.hospitalId, at.branchCode]));
	const mrn = formatMrn(at.branchCode, counter!.last_value);
	const { id, insert, params } = patientInsert(crypto, at, mrn, data, source);
	await em.execute(inlinePrepared(em.getPlatform(), insert, params), [], 'run');
	return { id, mrn };
}

/** How many of the most recently updated patients a one-word name search looks through first. */
const NAME_WINDOW = 8000;

/**
 * Of the NAME_WINDOW most recently updated patients, those matching `where` (on `p`), most recent
 * first: a walk of the recently-updated index that stops soon, for words so common that ranking
 * every match would take a second.
 */
function recentlyUpdatedWhere(tx: EntityManager, hospitalId: string, where: string, params: unknown[], want: number): Promise<PatientRow[]> {
	return tx.execute<PatientRow[]>(
		`select ${SUMMARY_COLUMNS} from (select * from patient where hospital_id = ? order by updated_at desc limit ?) p
		 where ${where} order by p.updated_at desc limit ?`,
		[hospitalId, NAME_WINDOW, ...params, want]
	);
}

/**
 * Names, best first, up to `want` rows. First the patients with a word of the name starting with
 * what was typed ("shar" finds Sharma and Sharmila, "priya n" finds Priya Nair), most recently
 * updated first; then, if that leaves room, similar names for a typo ("Priya Nayr" finds Priya
 * Nair), most similar first.
 *
 * In a hospital of a million patients three or four letters can match tens of thousands of them,
 * and ranking them all takes a second. So a one-word search first walks the recently-updated index,
 * stopping once the page is full or NAME_WINDOW patients were read: for a common prefix that is
 * soon, and gives exactly the rows a full search would rank first. Only a rarer prefix, or several
 * words, goes to the trigram index, where the matches are then few.
 *
 * A typo among several words: the other words must be there as typed and the misspelt one leave a
 * trace (see oneTypoAlternatives), so "Priya Nayr" ranks the Priya Na…s by similarity, not every
 * Priya. Only when that finds nothing at all (two typos, or one in the second letter of a short
 * word) does a looser match over the whole name (word similarity 0.5) rank a bounded set of
 * candidates.
 */
async function findByName(em: EntityManager, hospitalId: string, name: string, want: number): Promise<PatientRow[]> {
	const single = !name.includes(' ');
	return em.transactional(async (tx) => {
		if (single) {
			const recent = await recentlyUpdatedWhere(tx, hospitalId, '(lower(p.full_name) like ? or lower(p.full_name) like ?)', [`${likeLiteral(name)}%`, `% ${likeLiteral(name)}%`], want);
			if (recent.length >= want) return recent;
		}
		// From here on through the trigram index, never a walk of the table: the planner cannot
		// tell how many rows a trigram pattern matches, and a wrong guess costs a full scan.
		await tx.execute('set local enable_seqscan = off', [], 'run');
		await tx.execute('set local enable_indexscan = off', [], 'run');
		// One pattern for "a word starts with", so the index is read once rather than once per LIKE.
		const wordStart = wordStartPattern(name);
		const rows = await tx.execute<PatientRow[]>(
			`select ${SUMMARY_COLUMNS} from patient p where p.hospital_id = ? and lower(p.full_name) ~ ? order by p.updated_at desc, p.id desc limit ?`,
			[hospitalId, wordStart, want]
		);
		if (rows.length >= want) return rows;
		if (single) return [...rows, ...(await correctedWord(tx, hospitalId, name, wordStart, want - rows.length))];
		const ranked = (where: string, params: unknown[], candidates?: number) =>
			tx.execute<PatientRow[]>(
				`select ${SUMMARY_COLUMNS} from (select * from patient p where p.hospital_id = ? and lower(p.full_name) !~ ? and ${where}${candidates ? ' limit ?' : ''}) p
				 order by similarity(lower(p.full_name), ?) desc, word_similarity(?, lower(p.full_name)) desc, p.full_name, p.id limit ?`,
				[hospitalId, wordStart, ...params, ...(candidates ? [candidates] : []), name, name, want - rows.length]
			);
		const alternatives = oneTypoAlternatives(name).slice(0, 5);
		let typos = alternatives.length
			? await ranked(
					`(${alternatives.map((a) => `(${[...a.exact, a.trace].map(() => 'lower(p.full_name) ~ ?').join(' and ')})`).join(' or ')})`,
					alternatives.flatMap((a) => [...a.exact, a.trace])
				)
			: [];
		if (!rows.length && !typos.length) {
			await tx.execute('set local pg_trgm.word_similarity_threshold = 0.5', [], 'run');
			typos = await ranked('? <% lower(p.full_name)', [name], 2000);
		}
		return [...rows, ...typos];
	});
}

/**
 * A single misspelt word ("priyaa", "nayr"): its few trigrams are shared by so many names that
 * looking for similar names directly would read most of the index. So the word is corrected first
 * against the hospital's vocabulary of name words (patient_name_word, tens of thousands of words
 * rather than a million names), and the patients with a corrected word are listed, most recently
 * updated first. Runs inside findByName's transaction (sequential and plain index scans off).
 */
async function correctedWord(tx: EntityManager, hospitalId: string, name: string, wordStart: string, want: number): Promise<PatientRow[]> {
	if (name.length < MIN_CORRECTED_LENGTH) return [];
	// A short word with one letter wrong shares few trigrams with the right one ("nayr"/"nair": 2 of 8).
	await tx.execute('set local pg_trgm.similarity_threshold = 0.2', [], 'run');
	const vocabulary = await tx.execute<{ word: string }[]>(
		'select word from patient_name_word where hospital_id = ? and word % ? order by similarity(word, ?) desc, word limit 50',
		[hospitalId, name, name]
	);
	const words = corrections(name, vocabulary.map((v) => v.word));
	if (!words.length) return [];
	const pattern = wholeWordPattern(words);
	// The recently updated first, as for a prefix: a corrected common name can match thousands.
	await tx.execute('set local enable_indexscan = on', [], 'run');
	const recent = await recentlyUpdatedWhere(tx, hospitalId, 'lower(p.full_name) ~ ? and lower(p.full_name) !~ ?', [pattern, wordStart], want);
	if (recent.length >= want) return recent;
	await tx.execute('set local enable_indexscan = off', [], 'run');
	return tx.execute<PatientRow[]>(
		`select ${SUMMARY_COLUMNS} from patient p where p.hospital_id = ? and lower(p.full_name) ~ ? and lower(p.full_name) !~ ? order by p.updated_at desc, p.id desc limit ?`,
		[hospitalId, pattern, wordStart, want]
	);
}

export function createPatientService({ orm, afterCommit, crypto, sealer }: ServiceDeps & { crypto: FieldCrypto; sealer: PayloadSealer }) {
	const sensitiveFor = (actor: Actor) => canAnywhere(actor, 'patients:read-sensitive');

	function requireRead(actor: Actor) {
		if (!canAnywhere(actor, 'patients:read')) throw new DomainError('FORBIDDEN');
	}
	function requireWrite(actor: Actor) {
		if (!canAnywhere(actor, 'patients:write')) throw new DomainError('FORBIDDEN');
	}

	async function loadRow(em: EntityManager, actor: Actor, id: string, lock = false): Promise<PatientRow> {
		if (!isUuid(id)) throw notFound();
		const [row] = await em.execute<PatientRow[]>(`${PATIENT_SELECT} where p.id = ? and p.hospital_id = ?${lock ? ' for update of p' : ''}`, [id, actor.hospitalId]);
		if (!row) throw notFound();
		return row;
	}

	/** Which fields an input changes, by name only: audit rows must not become a copy of health data. */
	function changedFields(data: Record<string, unknown>): string[] {
		return Object.keys(data).filter((k) => k !== 'version' && k !== 'registeredAtBranchId' && data[k] !== undefined);
	}

	async function broadcastChange(em: EntityManager, outbox: OutboxBatch, row: PatientRow, by: Actor) {
		// Two rooms, because what a viewer may see depends on patients:read-sensitive.
		for (const sensitive of [true, false]) {
			const patient = toPatientDto(crypto, row, sensitive);
			await outbox.broadcastSealed(em, sealer, rooms.patient(row.id, sensitive), 'patient.changed', { patient, version: patient.version, by: { id: by.userId, name: by.name } });
		}
	}

	return {
		async register(actor: Actor, input: unknown, meta: SessionMeta = {}): Promise<PatientDto> {
			requireWrite(actor);
			const data = parseInput(ZCreatePatientInput, input);
			const writable = actor.branches.filter((b) => b.permissions.includes('patients:write'));
			const branch = data.registeredAtBranchId ? writable.find((b) => b.id === data.registeredAtBranchId) : writable[0];
			if (!branch) throw new DomainError('VALIDATION_FAILED', msg('patients.errors.branch'), { fields: { registeredAtBranchId: [msg('patients.v.branch')] } });
			const at = { hospitalId: actor.hospitalId, branchId: branch.id, branchCode: branch.code, userId: actor.userId };
			const seals = rememberingSeals(crypto);
			const { id, insert, params, columns } = patientInsert(seals, at, raw(DRAWN_MRN), data, null);
			const audit = auditAppendStatements({
				hospitalId: actor.hospitalId,
				branchId: branch.id,
				actorUserId: actor.userId,
				actorLabel: actor.name,
				action: 'patient.registered',
				targetType: 'patient',
				targetId: id,
				after: { mrn: new DatabaseText(DRAWN_MRN), fields: changedFields(data) },
				ip: meta.ip ?? null,
				userAgent: meta.userAgent ?? null
			});
			// One round trip, three transactions. First the MRN, in a transaction of its own, so the
			// counter's row (which every registration at the branch writes) is locked for one statement,
			// not until the patient is in. The rule is that an MRN is never reused, not that there are
			// no gaps: a registration that fails after this leaves its number unused for good.
			// Then the patient and its audit row, the chain's lock taken last, so registrations at once
			// wait for each other only for the append. Neither commit waits for the WAL flush, so
			// neither lock is held through a flush; the activity ping after them is committed as usual,
			// and its flush covers both (WAL is flushed in order). So nobody is told "registered" before
			// the record is durable, and a crash before that can only lose a number no patient carries.
			const results = await runInOneRoundTrip(orm, [
				BEGIN,
				COMMIT_WITHOUT_WAITING,
				executePrepared(NEXT_MRN_KEPT, [at.hospitalId, at.branchCode, at.branchCode.toUpperCase()]),
				COMMIT,
				BEGIN,
				COMMIT_WITHOUT_WAITING,
				executePrepared(insert, params),
				audit.lock,
				audit.append,
				COMMIT,
				audit.ping
			]);
			const { mrn } = results[2]![0] as { mrn: string };
			const { created_at } = results[6]![0] as { created_at: Date };
			const row = insertedRow(columns, data, { id, hospital_id: at.hospitalId, mrn, registered_at_branch_id: branch.id, branch_name: branch.name, branch_code: branch.code, created_at });
			return toPatientDto(seals, row, sensitiveFor(actor));
		},

		/** Possible duplicates of a registration: the same phone, or a similar name with the same date of birth. */
		async findDuplicates(actor: Actor, input: Record<string, unknown>): Promise<(PatientSummary & { reason: 'phone' | 'name-and-birth-date' })[]> {
			requireRead(actor);
			const phone = typeof input.phone === 'string' ? normalisePhone(input.phone) : null;
			const name = typeof input.fullName === 'string' ? input.fullName.trim().toLowerCase() : '';
			const dob = typeof input.dateOfBirth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.dateOfBirth) ? input.dateOfBirth : null;
			if (!phone && !(name && dob)) return [];
			const rows = await orm.em.fork().execute<(PatientRow & { reason: 'phone' | 'name-and-birth-date' })[]>(
				`select ${SUMMARY_COLUMNS}, case when p.phone_idx = ? then 'phone' else 'name-and-birth-date' end as reason
				 from patient p where p.hospital_id = ? and (p.phone_idx = ? or (p.date_of_birth = ?::date and similarity(lower(p.full_name), ?) > 0.4))
				 order by p.updated_at desc limit 5`,
				[phone ? crypto.blindIndex('phone', phone) : null, actor.hospitalId, phone ? crypto.blindIndex('phone', phone) : null, dob, name]
			);
			const sensitive = sensitiveFor(actor);
			return rows.map((r) => ({ ...toSummary(crypto, r, sensitive), reason: r.reason }));
		},

		/** One patient, as this reader may see them. Every read is written to the audit trail. */
		async get(actor: Actor, id: string, meta: SessionMeta & { branchId?: string } = {}): Promise<PatientDto> {
			requireRead(actor);
			return orm.em.fork().transactional(async (em) => {
				const row = await loadRow(em, actor, id);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: meta.branchId ?? null,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'patient.viewed',
					targetType: 'patient',
					targetId: id,
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				return toPatientDto(crypto, row, sensitiveFor(actor));
			});
		},

		/** The record as this actor may see it, to compare an edit form against; nothing is shown, so nothing is audited. */
		async snapshot(actor: Actor, id: string): Promise<PatientDto> {
			requireRead(actor);
			return toPatientDto(crypto, await loadRow(orm.em.fork(), actor, id), sensitiveFor(actor));
		},

		async update(actor: Actor, id: string, input: unknown, meta: SessionMeta & { branchId?: string } = {}): Promise<PatientDto> {
			requireWrite(actor);
			const data = parseInput(ZUpdatePatientInput, input);
			if (data.dateOfBirth && data.estimatedAge !== undefined) {
				throw new DomainError('VALIDATION_FAILED', msg('patients.v.dobOrAge'), { fields: { estimatedAge: [msg('patients.v.dobOrAge')] } });
			}
			const sensitive = sensitiveFor(actor);
			const outbox = new OutboxBatch();
			const result = await orm.em.fork().transactional(async (em) => {
				const before = await loadRow(em, actor, id, true);
				if (before.version !== data.version) {
					throw new DomainError('STALE_VERSION', msg('patients.errors.stale'), { details: { current: toPatientDto(crypto, before, sensitive) } });
				}
				// Without patients:read-sensitive one may not even overwrite what one cannot see.
				const touchesSensitive = (Object.keys(ENCRYPTED_COLUMNS) as EncryptedField[]).filter((f) => data[f] !== undefined);
				if (!sensitive && touchesSensitive.length) {
					throw new DomainError('FORBIDDEN', msg('patients.errors.sensitiveWrite'), { fields: Object.fromEntries(touchesSensitive.map((f) => [f, [msg('patients.errors.sensitiveWrite')]])) });
				}
				const columns = { ...plainColumns(data), ...encryptedColumns(crypto, id, data) };
				const names = Object.keys(columns);
				const changed = changedFields(data);
				if (!names.length) return { row: before, changed: [] as string[] };
				await em.execute(`update patient set ${names.map((n) => `${n} = ?`).join(', ')}, updated_at = now(), version = version + 1 where id = ?`, [...Object.values(columns), id], 'run');
				const after = await loadRow(em, actor, id);
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: meta.branchId ?? null,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'patient.updated',
					targetType: 'patient',
					targetId: id,
					before: { version: before.version },
					after: { version: after.version, fields: changed },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				await broadcastChange(em, outbox, after, actor);
				return { row: after, changed };
			});
			if (result.changed.length) afterCommit(outbox);
			return toPatientDto(crypto, result.row, sensitive);
		},

		async search(actor: Actor, query: unknown): Promise<PatientPage> {
			requireRead(actor);
			const { q, page, pageSize } = parseInput(ZSearchPatientsQuery, query);
			const plan = planSearch(q);
			const offset = (page - 1) * pageSize;
			const em = orm.em.fork();
			let rows: PatientRow[];
			if (plan.by === 'recent') {
				rows = await em.execute<PatientRow[]>(`select ${SUMMARY_COLUMNS} from patient p where p.hospital_id = ? order by p.updated_at desc limit ? offset ?`, [actor.hospitalId, pageSize + 1, offset]);
			} else if (plan.by === 'mrn') {
				rows = await em.execute<PatientRow[]>(`select ${SUMMARY_COLUMNS} from patient p where p.hospital_id = ? and p.mrn = ? limit ? offset ?`, [actor.hospitalId, plan.mrn, pageSize + 1, offset]);
			} else if (plan.by === 'phone' || plan.by === 'email') {
				const column = plan.by === 'phone' ? 'phone_idx' : 'email_idx';
				const index = plan.by === 'phone' ? crypto.blindIndex('phone', plan.phone) : crypto.blindIndex('email', plan.email);
				rows = await em.execute<PatientRow[]>(`select ${SUMMARY_COLUMNS} from patient p where p.hospital_id = ? and p.${column} = ? order by p.updated_at desc limit ? offset ?`, [actor.hospitalId, index, pageSize + 1, offset]);
			} else {
				rows = (await findByName(em, actor.hospitalId, plan.name, offset + pageSize + 1)).slice(offset);
			}
			const sensitive = sensitiveFor(actor);
			return {
				items: rows.slice(0, pageSize).map((r) => toSummary(crypto, r, sensitive)),
				page,
				pageSize,
				hasMore: rows.length > pageSize,
				matchedBy: plan.by === 'recent' ? 'recent' : plan.by
			};
		},

		async addHistory(actor: Actor, patientId: string, input: unknown, meta: SessionMeta & { branchId?: string } = {}): Promise<HistoryEntry> {
			requireWrite(actor);
			if (!sensitiveFor(actor)) throw new DomainError('FORBIDDEN', msg('patients.errors.sensitiveWrite'));
			const data = parseInput(ZHistoryEntryInput, input);
			const id = randomUUID();
			const entryDate = data.entryDate ?? new Date().toISOString().slice(0, 10);
			const outbox = new OutboxBatch();
			const entry = await orm.em.fork().transactional(async (em) => {
				await loadRow(em, actor, patientId, true);
				await em.execute(
					'insert into patient_history_entry (id, hospital_id, patient_id, entry_date, note_enc, author_id, created_at) values (?, ?, ?, ?, ?, ?, now())',
					[id, actor.hospitalId, patientId, entryDate, crypto.encrypt(data.note, `patient-history:${id}`), actor.userId],
					'run'
				);
				// The chart's version moves too, so open screens know to refetch the timeline.
				await em.execute('update patient set updated_at = now(), version = version + 1 where id = ?', [patientId], 'run');
				await appendAudit(em, {
					hospitalId: actor.hospitalId,
					branchId: meta.branchId ?? null,
					actorUserId: actor.userId,
					actorLabel: actor.name,
					action: 'patient.history_added',
					targetType: 'patient',
					targetId: patientId,
					after: { entryId: id, entryDate },
					ip: meta.ip,
					userAgent: meta.userAgent
				});
				await broadcastChange(em, outbox, await loadRow(em, actor, patientId), actor);
				return { id, entryDate, note: data.note, author: { id: actor.userId, name: actor.name }, createdAt: new Date().toISOString() };
			});
			afterCommit(outbox);
			return entry;
		},

		/**
		 * The timeline, newest first; notes only for readers of sensitive data. A read on its own
		 * (the API) is audited; the chart page's refresh after a live change is covered by its view.
		 */
		async history(actor: Actor, patientId: string, audit: (SessionMeta & { branchId?: string }) | null = null): Promise<HistoryEntry[]> {
			requireRead(actor);
			const em = orm.em.fork();
			await loadRow(em, actor, patientId);
			if (audit) {
				await em.transactional((tx) =>
					appendAudit(tx, { hospitalId: actor.hospitalId, branchId: audit.branchId ?? null, actorUserId: actor.userId, actorLabel: actor.name, action: 'patient.history_viewed', targetType: 'patient', targetId: patientId, ip: audit.ip, userAgent: audit.userAgent })
				);
			}
			const rows = await em.execute<{ id: string; entry_date: string; note_enc: string; author_id: string; author_name: string; created_at: Date }[]>(
				`select h.id, to_char(h.entry_date, 'YYYY-MM-DD') as entry_date, h.note_enc, h.author_id, u.name as author_name, h.created_at
				 from patient_history_entry h join app_user u on u.id = h.author_id
				 where h.patient_id = ? and h.hospital_id = ? order by h.entry_date desc, h.created_at desc limit 500`,
				[patientId, actor.hospitalId]
			);
			const sensitive = sensitiveFor(actor);
			return rows.map((r) => ({
				id: r.id,
				entryDate: r.entry_date,
				note: sensitive ? crypto.decrypt(r.note_enc, `patient-history:${r.id}`) : null,
				author: { id: r.author_id, name: r.author_name },
				createdAt: new Date(r.created_at).toISOString()
			}));
		},

		/** For the realtime layer: may this actor watch this patient, and at which level? */
		async watchLevel(actor: Actor, patientId: string): Promise<{ sensitive: boolean }> {
			requireRead(actor);
			await loadRow(orm.em.fork(), actor, patientId);
			return { sensitive: sensitiveFor(actor) };
		}
	};
}

export type PatientService = ReturnType<typeof createPatientService>;
