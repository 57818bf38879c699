import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canAnywhere, type Actor, type ActorBranch } from '../../../shared/access/actor.ts';
import {
	DELIMITER_NAMES,
	FINISHED_STATUSES,
	IMPORT_BATCH,
	RUNNING_STATUSES,
	ZImportMappingInput,
	ZImportVersion,
	ZStartImportInput,
	ZUploadImportInput,
	type Delimiter,
	type ImportField,
	type ImportProgress,
	type ImportStatus,
	type PatientImportDto,
	type PatientImportSummary
} from '../../../shared/patients/patient-import.schema.ts';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/i18n/locales.ts';
import { msg, render, type MessageKey, type Msg } from '../../../shared/i18n/translate.ts';
import { rooms } from '../../../shared/realtime/events.ts';
import { appendAudit } from '../../audit/audit.service.ts';
import type { SessionMeta } from '../../auth/session.service.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { DomainError, parseInput } from '../../errors/domain-error.ts';
import type { FileStore } from '../../files/file-store.ts';
import { OutboxBatch } from '../../realtime/outbox.ts';
import type { ServiceDeps } from '../../runtime/deps.ts';
import { insertPatientsBulk, type BulkPatient } from './bulk-insert.ts';
import { decodeCsv, detectDelimiter, parseCsv, type CsvEncoding, type CsvRecord } from './csv.ts';
import { columnNames, fieldsTakenTwice, guessMapping, missingRequired } from './mapping.ts';
import { checkRow, fieldIndex, type RowProblem } from './rows.ts';
import { exportPatientsCsv } from './export.ts';
import { isUuid } from '../../../shared/ids.ts';

/** A running step whose heartbeat (updated_at) is older than this was left by a process that died. */
const STALE_AFTER_SECONDS = 120;
const MAX_ISSUES = 1000;
const MAX_WARNINGS = 200;
const PREVIEW_ROWS = 5;
/** How often a dry run says how far it got (and looks for a cancel). */
const CHECK_TICK = 5000;


/** A problem as stored in the report: message keys, never a cell's value (the report is not encrypted). */
interface StoredIssue {
	row: number;
	column: string | null;
	field: ImportField | null;
	msg: Msg;
}

interface StoredReport {
	encoding: CsvEncoding;
	fileProblems: Msg[];
	issues: StoredIssue[];
	moreIssues: number;
	warnings: (StoredIssue & { patientId: string; mrn: string })[];
	moreWarnings: number;
	alreadyImported: number;
	run: { imported: number; alreadyImported: number; withErrors: number; seconds: number; outcome: 'completed' | 'cancelled' | 'failed' } | null;
}

interface ImportRow {
	id: string;
	hospital_id: string;
	branch_id: string;
	branch_name: string;
	branch_code: string;
	created_by_id: string;
	created_by_name: string;
	status: ImportStatus;
	source_system: string;
	file_name: string;
	storage_key: string;
	delimiter: Delimiter | null;
	mapping: Record<string, ImportField> | null;
	good_rows_only: boolean;
	total_rows: number;
	valid_rows: number;
	error_rows: number;
	imported_rows: number;
	skipped_rows: number;
	report: StoredReport | null;
	cancel_requested: boolean;
	created_at: Date;
	updated_at: Date;
	finished_at: Date | null;
	version: number;
}

const SELECT = `select i.*, b.name as branch_name, b.code as branch_code, u.name as created_by_name
	from patient_import i join branch b on b.id = i.branch_id join app_user u on u.id = i.created_by_id`;

/** A text[] literal: the driver would expand a JS array into a list of parameters instead. */
function pgTextArray(items: readonly string[]): string {
	return `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The name the person uploaded, without a path or control characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'import.csv';
}

function notFound(): DomainError {
	return new DomainError('NOT_FOUND', msg('imports.errors.notFound'));
}

function notNow(status: ImportStatus): DomainError {
	return new DomainError('UNPROCESSABLE', msg('imports.errors.notNow', { status: msg(`imports.status.${status}` as MessageKey) }));
}

function fieldLabel(field: ImportField): Msg {
	return msg(`imports.field.${field}` as MessageKey);
}

function delimiterLabel(d: Delimiter): Msg {
	return msg(`imports.delimiter.${DELIMITER_NAMES[d]}` as MessageKey);
}

function processedOf(r: Pick<ImportRow, 'status' | 'valid_rows' | 'error_rows' | 'imported_rows' | 'skipped_rows'>): number {
	if (r.status === 'checking') return r.valid_rows + r.error_rows;
	if (r.status === 'importing' || r.status === 'completed' || r.status === 'cancelled' || r.status === 'failed') return r.imported_rows + r.skipped_rows;
	return 0;
}

function toProgress(r: ImportRow): ImportProgress {
	return {
		id: r.id,
		status: r.status,
		totalRows: r.total_rows,
		processedRows: processedOf(r),
		validRows: r.valid_rows,
		errorRows: r.error_rows,
		importedRows: r.imported_rows,
		skippedRows: r.skipped_rows,
		cancelRequested: r.cancel_requested,
		version: r.version
	};
}

function toSummary(r: ImportRow): PatientImportSummary {
	return {
		id: r.id,
		status: r.status,
		sourceSystem: r.source_system,
		fileName: r.file_name,
		branch: { id: r.branch_id, name: r.branch_name, code: r.branch_code },
		createdBy: { id: r.created_by_id, name: r.created_by_name },
		delimiter: r.delimiter,
		mapping: r.mapping,
		goodRowsOnly: r.good_rows_only,
		totalRows: r.total_rows,
		validRows: r.valid_rows,
		errorRows: r.error_rows,
		importedRows: r.imported_rows,
		skippedRows: r.skipped_rows,
		processedRows: processedOf(r),
		cancelRequested: r.cancel_requested,
		createdAt: new Date(r.created_at).toISOString(),
		updatedAt: new Date(r.updated_at).toISOString(),
		finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
		version: r.version
	};
}

/** The report in the reader's language: keys were stored, sentences are made now. */
function renderReport(report: StoredReport | null, locale: Locale): PatientImportDto['report'] {
	if (!report) return null;
	const issue = (i: StoredIssue) => ({ row: i.row, column: i.column, field: i.field, message: render(locale, i.msg) });
	return {
		encoding: report.encoding,
		fileProblems: report.fileProblems.map((m) => render(locale, m)),
		issues: report.issues.map(issue),
		moreIssues: report.moreIssues,
		warnings: report.warnings.map((w) => ({ ...issue(w), patientId: w.patientId, mrn: w.mrn })),
		moreWarnings: report.moreWarnings,
		alreadyImported: report.alreadyImported,
		run: report.run
	};
}

function emptyReport(encoding: CsvEncoding): StoredReport {
	return { encoding, fileProblems: [], issues: [], moreIssues: 0, warnings: [], moreWarnings: 0, alreadyImported: 0, run: null };
}

/** The uploaded file as text, read the same way every time (the bytes are kept as uploaded). */
interface OpenedFile {
	encoding: CsvEncoding;
	text: string;
}

export function createPatientImportService({ orm, afterCommit, logger, crypto, files }: ServiceDeps & { crypto: FieldCrypto; files: FileStore }) {
	const log = logger.child({ component: 'patient-import' });
	/** Steps running in this process, so the stale sweep never takes one of ours for dead. */
	const running = new Map<string, Promise<void>>();

	const importBranches = (actor: Actor): ActorBranch[] => actor.branches.filter((b) => b.permissions.includes('patients:import'));

	function requireImport(actor: Actor) {
		if (!canAnywhere(actor, 'patients:import')) throw new DomainError('FORBIDDEN');
	}

	async function load(em: EntityManager, actor: Actor, id: string, lock = false): Promise<ImportRow> {
		if (!isUuid(id)) throw notFound();
		const [row] = await em.execute<ImportRow[]>(`${SELECT} where i.id = ? and i.hospital_id = ?${lock ? ' for update of i' : ''}`, [id, actor.hospitalId]);
		// Imports of branches where one may not import are as good as absent.
		if (!row || !importBranches(actor).some((b) => b.id === row.branch_id)) throw notFound();
		return row;
	}

	async function loadById(em: EntityManager, id: string, lock = false): Promise<ImportRow> {
		const [row] = await em.execute<ImportRow[]>(`${SELECT} where i.id = ?${lock ? ' for update of i' : ''}`, [id]);
		if (!row) throw notFound();
		return row;
	}

	async function openFile(row: Pick<ImportRow, 'storage_key'>): Promise<OpenedFile> {
		const decoded = decodeCsv(await files.get(row.storage_key));
		// The upload refused anything else, so this is a file that was changed behind our back.
		if (!decoded.ok) throw new Error('stored import file is not readable text');
		return { encoding: decoded.encoding, text: decoded.text };
	}

	/**
	 * Write a change to the import row (bumping its version) and tell the people following it.
	 * Counts only: the event never carries patient data.
	 */
	async function update(em: EntityManager, outbox: OutboxBatch, id: string, set: Record<string, unknown>, notify: readonly string[]): Promise<ImportRow> {
		const names = Object.keys(set);
		await em.execute(
			`update patient_import set ${names.map((n) => `${n} = ?`).join(', ')}${names.length ? ', ' : ''}updated_at = now(), version = version + 1 where id = ?`,
			[...names.map((n) => (n === 'report' || n === 'mapping') && set[n] !== null ? JSON.stringify(set[n]) : set[n]), id],
			'run'
		);
		const row = await loadById(em, id);
		for (const userId of new Set(notify)) await outbox.broadcast(em, rooms.user(userId), 'import.progress', { import: toProgress(row), version: row.version });
		return row;
	}

	async function removeFile(row: Pick<ImportRow, 'storage_key' | 'id'>) {
		await files.remove(row.storage_key).catch((e: unknown) => log.warn({ err: e, importId: row.id }, 'could not remove an import file'));
	}

	function launch(id: string, step: () => Promise<void>) {
		const job = step()
			.catch((e: unknown) => log.error({ err: e, importId: id }, 'patient import step failed'))
			.finally(() => running.delete(id));
		running.set(id, job);
	}

	async function auditRun(em: EntityManager, row: ImportRow, actor: { id: string | null; label: string }, run: NonNullable<StoredReport['run']>, meta: SessionMeta = {}) {
		await appendAudit(em, {
			hospitalId: row.hospital_id,
			branchId: row.branch_id,
			actorUserId: actor.id,
			actorLabel: actor.label,
			action: 'patients.imported',
			targetType: 'patient_import',
			targetId: row.id,
			// Counts only: the audit trail must not become a copy of the file.
			after: { sourceSystem: row.source_system, outcome: run.outcome, totalRows: row.total_rows, imported: run.imported, alreadyImported: run.alreadyImported, withErrors: run.withErrors, goodRowsOnly: row.good_rows_only },
			ip: meta.ip,
			userAgent: meta.userAgent
		});
	}

	// ── The dry run ──────────────────────────────────────────────────────────────────────────

	/**
	 * Check every row with registration's schema, without writing a patient: problems per row,
	 * source ids twice in the file, source ids imported before (to be skipped), and phone numbers
	 * that already belong to a registered patient (a warning: often family).
	 */
	async function runCheck(id: string, by: { userId: string; name: string }) {
		let row = await loadById(orm.em.fork(), id);
		const notify = [row.created_by_id, by.userId];
		try {
			const file = await openFile(row);
			const report = emptyReport(file.encoding);
			const delimiter = row.delimiter ?? detectDelimiter(file.text).delimiter;
			const parsed = parseCsv(file.text, delimiter);
			const [header, ...records] = parsed.records;
			const columns = header ? columnNames(header.cells) : [];
			const mapping = Object.fromEntries(Object.entries(row.mapping ?? {}).filter(([c]) => columns.includes(c))) as Record<string, ImportField>;

			if (columns.length < 2) {
				const detected = detectDelimiter(file.text);
				if (detected.delimiter !== delimiter && detected.columns[detected.delimiter] >= 2) {
					report.fileProblems.push(msg('imports.file.wrongDelimiter', { used: delimiterLabel(delimiter), suggested: delimiterLabel(detected.delimiter) }));
				} else report.fileProblems.push(msg('imports.file.oneColumn', { used: delimiterLabel(delimiter) }));
			}
			const missing = missingRequired(mapping);
			if (missing.length) report.fileProblems.push(msg('imports.file.missingRequired', { fields: missing.map(fieldLabel) }));
			const twice = fieldsTakenTwice(mapping);
			if (twice.length) report.fileProblems.push(msg('imports.file.fieldTwice', { fields: twice.map(fieldLabel) }));
			if (parsed.unterminatedQuoteAt !== null) report.fileProblems.push(msg('imports.file.unterminatedQuote', { row: parsed.unterminatedQuoteAt }));
			if (!records.length) report.fileProblems.push(msg('imports.file.noRows'));

			{
				const outbox = new OutboxBatch();
				row = await orm.em.fork().transactional((em) => update(em, outbox, id, { total_rows: records.length, valid_rows: 0, error_rows: 0 }, notify));
				afterCommit(outbox);
			}
			if (report.fileProblems.length) {
				await finishCheck(id, notify, report, { valid: 0, errors: 0 });
				return;
			}

			const index = fieldIndex(columns, mapping);
			const columnOf = new Map(Object.entries(mapping).map(([c, f]) => [f, c]));
			const firstRowOf = new Map<string, number>();
			const good: { row: number; sourceId: string; phone: string | null }[] = [];
			let errors = 0;
			const addIssue = (issue: StoredIssue) => {
				if (report.issues.length < MAX_ISSUES) report.issues.push(issue);
				else report.moreIssues++;
			};
			const problemToIssue = (rowNumber: number, p: RowProblem): StoredIssue => ({ row: rowNumber, field: p.field, column: p.field ? (columnOf.get(p.field) ?? null) : null, msg: p.msg });

			for (let i = 0; i < records.length; i++) {
				const record = records[i]!;
				const checked = checkRow(record.cells, index, columns.length);
				const problems = checked.ok ? [] : [...checked.problems];
				const sourceId = checked.sourceId;
				if (sourceId) {
					const first = firstRowOf.get(sourceId);
					if (first !== undefined) problems.push({ field: 'sourceId', msg: msg('imports.v.duplicateSourceId', { row: first }) });
					else firstRowOf.set(sourceId, record.row);
				}
				if (problems.length) {
					errors++;
					for (const p of problems) addIssue(problemToIssue(record.row, p));
				} else if (checked.ok) good.push({ row: record.row, sourceId: checked.sourceId, phone: typeof checked.data.phone === 'string' ? checked.data.phone : null });

				if ((i + 1) % 500 === 0) await yieldToOthers();
				if ((i + 1) % CHECK_TICK === 0 && i + 1 < records.length) {
					const outbox = new OutboxBatch();
					row = await orm.em.fork().transactional((em) => update(em, outbox, id, { valid_rows: good.length, error_rows: errors }, notify));
					afterCommit(outbox);
					if (row.cancel_requested) return finishCancelled(id, notify);
				}
			}

			// Against the database: what was imported before, and phone numbers already registered.
			const em = orm.em.fork();
			const already = new Set<string>();
			for (const part of chunks(good, 1000)) {
				const found = await em.execute<{ source_id: string }[]>(
					'select source_id from patient where hospital_id = ? and source_system = ? and source_id = any(?::text[])',
					[row.hospital_id, row.source_system, pgTextArray(part.map((g) => g.sourceId))]
				);
				for (const f of found) already.add(f.source_id);
			}
			report.alreadyImported = already.size;
			const withPhone = good.filter((g) => g.phone && !already.has(g.sourceId));
			for (const part of chunks(withPhone, 1000)) {
				const indexes = part.map((g) => crypto.blindIndex('phone', g.phone!));
				const found = await em.execute<{ id: string; mrn: string; phone_idx: string }[]>(
					'select id, mrn, phone_idx from patient where hospital_id = ? and phone_idx = any(?::text[]) order by mrn',
					[row.hospital_id, pgTextArray([...new Set(indexes)])]
				);
				const byIndex = new Map<string, { id: string; mrn: string }>();
				for (const f of found) if (!byIndex.has(f.phone_idx)) byIndex.set(f.phone_idx, f);
				part.forEach((g, k) => {
					const match = byIndex.get(indexes[k]!);
					if (!match) return;
					if (report.warnings.length < MAX_WARNINGS) {
						report.warnings.push({ row: g.row, field: 'phone', column: columnOf.get('phone') ?? null, msg: msg('imports.report.phoneMatch', { mrn: match.mrn }), patientId: match.id, mrn: match.mrn });
					} else report.moreWarnings++;
				});
			}
			await finishCheck(id, notify, report, { valid: good.length, errors });
		} catch (e) {
			log.error({ err: e, importId: id }, 'the dry run of a patient import failed');
			const outbox = new OutboxBatch();
			await orm.em.fork().transactional((em) => update(em, outbox, id, { status: 'failed', cancel_requested: false }, notify));
			afterCommit(outbox);
		}
	}

	async function finishCheck(id: string, notify: string[], report: StoredReport, counts: { valid: number; errors: number }) {
		const outbox = new OutboxBatch();
		const cancelled = await orm.em.fork().transactional(async (em) => {
			const current = await loadById(em, id, true);
			if (current.cancel_requested) return true;
			await update(em, outbox, id, { status: 'checked', valid_rows: counts.valid, error_rows: counts.errors, report }, notify);
			return false;
		});
		if (cancelled) return finishCancelled(id, notify);
		afterCommit(outbox);
	}

	/** A cancel asked for while a dry run ran: the import ends there, and its file goes. */
	async function finishCancelled(id: string, notify: string[]) {
		const outbox = new OutboxBatch();
		const row = await orm.em.fork().transactional((em) => update(em, outbox, id, { status: 'cancelled', finished_at: new Date() }, notify));
		afterCommit(outbox);
		await removeFile(row);
	}

	// ── The import itself ────────────────────────────────────────────────────────────────────

	/**
	 * Batches of IMPORT_BATCH file rows, one transaction each: rows with errors are left out
	 * (the person chose that), source ids already in the hospital are skipped, the rest are
	 * inserted with their MRNs. Between batches a cancel is honoured; what was imported stays.
	 */
	async function runImport(id: string, by: { userId: string; name: string }, meta: SessionMeta) {
		const started = Date.now();
		let row = await loadById(orm.em.fork(), id);
		const notify = [row.created_by_id, by.userId];
		const tally = { imported: 0, alreadyImported: 0, withErrors: 0 };
		let outcome: 'completed' | 'cancelled' | 'failed' = 'completed';
		try {
			const file = await openFile(row);
			const { records: all } = parseCsv(file.text, row.delimiter ?? detectDelimiter(file.text).delimiter);
			const [header, ...records] = all as [CsvRecord, ...CsvRecord[]];
			const columns = columnNames(header.cells);
			const index = fieldIndex(columns, row.mapping ?? {});
			const at = { hospitalId: row.hospital_id, branchId: row.branch_id, branchCode: row.branch_code, userId: by.userId };
			const seen = new Set<string>();

			for (let start = 0; start < records.length; start += IMPORT_BATCH) {
				const batch: BulkPatient[] = [];
				let withErrors = 0;
				for (const record of records.slice(start, start + IMPORT_BATCH)) {
					const checked = checkRow(record.cells, index, columns.length);
					const repeated = checked.sourceId !== null && seen.has(checked.sourceId);
					if (checked.sourceId) seen.add(checked.sourceId);
					if (!checked.ok || repeated) withErrors++;
					else batch.push({ sourceId: checked.sourceId, data: checked.data });
				}
				const outbox = new OutboxBatch();
				const stop = await orm.em.fork().transactional(async (em) => {
					const current = await loadById(em, id, true);
					if (current.cancel_requested) return true;
					const existing = new Set(
						batch.length
							? (
									await em.execute<{ source_id: string }[]>('select source_id from patient where hospital_id = ? and source_system = ? and source_id = any(?::text[])', [
										row.hospital_id,
										row.source_system,
										pgTextArray(batch.map((b) => b.sourceId))
									])
								).map((r) => r.source_id)
							: []
					);
					const fresh = batch.filter((b) => !existing.has(b.sourceId));
					const inserted = await insertPatientsBulk(em, crypto, at, row.source_system, fresh);
					tally.imported += inserted.length;
					tally.alreadyImported += batch.length - inserted.length;
					tally.withErrors += withErrors;
					row = await update(em, outbox, id, { imported_rows: tally.imported, skipped_rows: tally.alreadyImported + tally.withErrors }, notify);
					return false;
				});
				if (stop) {
					outcome = 'cancelled';
					break;
				}
				afterCommit(outbox);
				await yieldToOthers();
			}
		} catch (e) {
			log.error({ err: e, importId: id }, 'a patient import failed part way; what was imported stays');
			outcome = 'failed';
		}

		const run = { ...tally, seconds: Math.round((Date.now() - started) / 100) / 10, outcome };
		const outbox = new OutboxBatch();
		const finished = await orm.em.fork().transactional(async (em) => {
			const current = await loadById(em, id, true);
			const report = { ...(current.report ?? emptyReport('utf-8')), run };
			const after = await update(
				em,
				outbox,
				id,
				{ status: outcome, finished_at: outcome === 'failed' ? null : new Date(), cancel_requested: false, imported_rows: tally.imported, skipped_rows: tally.alreadyImported + tally.withErrors, report },
				notify
			);
			await auditRun(em, after, { id: by.userId, label: by.name }, run, meta);
			return after;
		});
		afterCommit(outbox);
		// A failed run keeps its file, so it can be checked and started again (what it imported is skipped).
		if (outcome !== 'failed') await removeFile(finished);
		// Thousands of new rows at once leave the planner's statistics behind until autovacuum
		// catches up; meanwhile paging by MRN or searching would sort the whole table.
		if (tally.imported >= 1000) await orm.em.fork().execute('analyze patient', [], 'run').catch((e: unknown) => log.warn({ err: e }, 'could not analyze the patient table after an import'));
	}

	// ── Crash recovery ───────────────────────────────────────────────────────────────────────

	let lastSweep = 0;
	/**
	 * A step whose process died (its heartbeat stopped) would show "importing" forever. A dry run
	 * goes back to "uploaded" (nothing was written); an import becomes "failed", keeping what it
	 * imported and its file: checking and starting it again skips the rows already imported.
	 */
	async function sweepStale(): Promise<number> {
		lastSweep = Date.now();
		const em = orm.em.fork();
		const stale = await em.execute<{ id: string }[]>(
			`select id from patient_import where status in ('checking', 'importing') and updated_at < now() - make_interval(secs => ?)`,
			[STALE_AFTER_SECONDS]
		);
		let swept = 0;
		for (const { id } of stale) {
			if (running.has(id)) continue;
			const outbox = new OutboxBatch();
			const result = await orm.em.fork().transactional(async (tx) => {
				const row = await loadById(tx, id, true);
				if (!RUNNING_STATUSES.includes(row.status) || new Date(row.updated_at).getTime() > Date.now() - STALE_AFTER_SECONDS * 1000) return null;
				const notify = [row.created_by_id];
				if (row.cancel_requested) return update(tx, outbox, id, { status: 'cancelled', finished_at: new Date(), cancel_requested: false }, notify);
				if (row.status === 'checking') return update(tx, outbox, id, { status: 'uploaded', report: null, valid_rows: 0, error_rows: 0 }, notify);
				const run = { imported: row.imported_rows, alreadyImported: 0, withErrors: 0, seconds: 0, outcome: 'failed' as const };
				const after = await update(tx, outbox, id, { status: 'failed', report: { ...(row.report ?? emptyReport('utf-8')), run } }, notify);
				await auditRun(tx, after, { id: null, label: 'system' }, run);
				return after;
			});
			afterCommit(outbox);
			if (result?.status === 'cancelled') await removeFile(result);
			if (result) {
				swept++;
				log.warn({ importId: id, status: result.status }, 'a patient import step was left running by a process that stopped');
			}
		}
		return swept;
	}

	/** On the next request after a while, as well as on a timer: a stuck import never waits long. */
	function sweepSoon() {
		if (Date.now() - lastSweep < 10_000) return;
		void sweepStale().catch((e: unknown) => log.warn({ err: e }, 'could not look for stale patient imports'));
	}
	setTimeout(sweepSoon, 1000).unref();
	setInterval(sweepSoon, 60_000).unref();

	async function withPreview(row: ImportRow, locale: Locale): Promise<PatientImportDto> {
		const dto: PatientImportDto = { ...toSummary(row), report: renderReport(row.report, locale) };
		if (FINISHED_STATUSES.includes(row.status) || RUNNING_STATUSES.includes(row.status)) return dto;
		try {
			const file = await openFile(row);
			const { records } = parseCsv(file.text, row.delimiter ?? detectDelimiter(file.text).delimiter, { maxRecords: PREVIEW_ROWS + 1 });
			dto.columns = records[0] ? columnNames(records[0].cells) : [];
			dto.preview = records.slice(1).map((r) => r.cells);
		} catch (e) {
			log.warn({ err: e, importId: row.id }, 'could not read an import file for its preview');
		}
		return dto;
	}

	return {
		/**
		 * Keep an uploaded CSV (encrypted: it holds patient data), detect its separator and guess
		 * which column is which field. Nothing is imported yet.
		 */
		async upload(actor: Actor, file: { name: string; bytes: Uint8Array } | null, fields: unknown, locale: Locale = DEFAULT_LOCALE): Promise<PatientImportDto> {
			requireImport(actor);
			const input = parseInput(ZUploadImportInput, fields);
			const branches = importBranches(actor);
			const branch = input.branchId ? branches.find((b) => b.id === input.branchId) : branches[0];
			if (!branch) throw new DomainError('VALIDATION_FAILED', msg('patients.v.branch'), { fields: { branchId: [msg('patients.v.branch')] } });
			const refuse = (key: MessageKey, code: 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' = 'VALIDATION_FAILED') => new DomainError(code, msg(key), { fields: { file: [msg(key)] } });
			if (!file) throw refuse('imports.v.noFile');
			const decoded = decodeCsv(file.bytes);
			if (!decoded.ok) throw decoded.reason === 'empty' ? refuse('imports.v.empty') : refuse(decoded.reason === 'spreadsheet' ? 'imports.v.spreadsheet' : 'imports.v.notText', 'UNSUPPORTED_MEDIA_TYPE');
			const delimiter = input.delimiter ?? detectDelimiter(decoded.text).delimiter;
			const header = parseCsv(decoded.text, delimiter, { maxRecords: 1 }).records[0];
			if (!header) throw refuse('imports.v.empty');
			const mapping = guessMapping(columnNames(header.cells));

			const id = randomUUID();
			const storageKey = `imports/${actor.hospitalId}/${id}.csv`;
			await files.put(storageKey, file.bytes);
			try {
				await orm.em.fork().execute(
					`insert into patient_import (id, hospital_id, branch_id, created_by_id, status, source_system, file_name, storage_key, delimiter, mapping, created_at, updated_at, version)
					 values (?, ?, ?, ?, 'uploaded', ?, ?, ?, ?, ?, now(), now(), 1)`,
					[id, actor.hospitalId, branch.id, actor.userId, input.sourceSystem, cleanFileName(file.name), storageKey, delimiter, JSON.stringify(mapping)],
					'run'
				);
			} catch (e) {
				await files.remove(storageKey).catch(() => undefined);
				throw e;
			}
			return withPreview(await loadById(orm.em.fork(), id), locale);
		},

		async list(actor: Actor): Promise<PatientImportSummary[]> {
			requireImport(actor);
			sweepSoon();
			const branchIds = importBranches(actor).map((b) => b.id);
			if (!branchIds.length) return [];
			const rows = await orm.em.fork().execute<ImportRow[]>(`${SELECT} where i.hospital_id = ? and i.branch_id = any(?::uuid[]) order by i.created_at desc limit 100`, [
				actor.hospitalId,
				pgTextArray(branchIds)
			]);
			return rows.map(toSummary);
		},

		/** One import with its report in the reader's language, and (while the file is kept) its columns and first rows. */
		async get(actor: Actor, id: string, locale: Locale = DEFAULT_LOCALE): Promise<PatientImportDto> {
			requireImport(actor);
			sweepSoon();
			return withPreview(await load(orm.em.fork(), actor, id), locale);
		},

		/** Change the separator (the matching is guessed again) or which column fills which field; the dry run must then run again. */
		async setMapping(actor: Actor, id: string, input: unknown, locale: Locale = DEFAULT_LOCALE): Promise<PatientImportDto> {
			requireImport(actor);
			const data = parseInput(ZImportMappingInput, input);
			const outbox = new OutboxBatch();
			const row = await orm.em.fork().transactional(async (em) => {
				const current = await load(em, actor, id, true);
				if (!['uploaded', 'checked', 'failed'].includes(current.status)) throw notNow(current.status);
				if (current.version !== data.version) throw new DomainError('STALE_VERSION', msg('imports.errors.stale'));
				const file = await openFile(current);
				const delimiter = data.delimiter ?? current.delimiter ?? detectDelimiter(file.text).delimiter;
				const header = parseCsv(file.text, delimiter, { maxRecords: 1 }).records[0];
				const columns = header ? columnNames(header.cells) : [];
				let mapping: Record<string, ImportField>;
				const delimiterChanged = delimiter !== current.delimiter;
				if (data.mapping && !(delimiterChanged && Object.keys(data.mapping).some((c) => !columns.includes(c)))) {
					const unknown = Object.keys(data.mapping).filter((c) => !columns.includes(c));
					if (unknown.length) {
						const m = msg('imports.v.columnUnknown', { column: unknown.join(', ') });
						throw new DomainError('VALIDATION_FAILED', m, { fields: { mapping: [m] } });
					}
					const twice = fieldsTakenTwice(data.mapping);
					if (twice.length) {
						const m = msg('imports.file.fieldTwice', { fields: twice.map(fieldLabel) });
						throw new DomainError('VALIDATION_FAILED', m, { fields: { mapping: [m] } });
					}
					mapping = data.mapping;
				} else mapping = delimiterChanged ? guessMapping(columns) : (current.mapping ?? guessMapping(columns));
				return update(em, outbox, id, { delimiter, mapping, status: 'uploaded', report: null, total_rows: 0, valid_rows: 0, error_rows: 0, good_rows_only: false }, [current.created_by_id, actor.userId]);
			});
			afterCommit(outbox);
			return withPreview(row, locale);
		},

		/** Start the dry run in the background; progress arrives as `import.progress`, the report with the import. */
		async check(actor: Actor, id: string, input: unknown): Promise<PatientImportDto> {
			requireImport(actor);
			const { version } = parseInput(ZImportVersion, input);
			const outbox = new OutboxBatch();
			const row = await orm.em.fork().transactional(async (em) => {
				const current = await load(em, actor, id, true);
				if (!['uploaded', 'checked', 'failed'].includes(current.status)) throw notNow(current.status);
				if (current.version !== version) throw new DomainError('STALE_VERSION', msg('imports.errors.stale'));
				return update(em, outbox, id, { status: 'checking', cancel_requested: false, report: null, valid_rows: 0, error_rows: 0, good_rows_only: false }, [current.created_by_id, actor.userId]);
			});
			afterCommit(outbox);
			launch(id, () => runCheck(id, { userId: actor.userId, name: actor.name }));
			return { ...toSummary(row), report: null };
		},

		/**
		 * Start importing in the background. Refused until a dry run has passed the whole file; when
		 * it found rows with errors, only with the explicit choice to import the others (goodRowsOnly).
		 */
		async start(actor: Actor, id: string, input: unknown, meta: SessionMeta = {}, locale: Locale = DEFAULT_LOCALE): Promise<PatientImportDto> {
			requireImport(actor);
			const data = parseInput(ZStartImportInput, input);
			const outbox = new OutboxBatch();
			const row = await orm.em.fork().transactional(async (em) => {
				const current = await load(em, actor, id, true);
				if (current.status !== 'checked') {
					if (['uploaded', 'failed'].includes(current.status)) throw new DomainError('UNPROCESSABLE', msg('imports.errors.checkFirst'));
					throw notNow(current.status);
				}
				if (current.version !== data.version) throw new DomainError('STALE_VERSION', msg('imports.errors.stale'));
				if (current.report?.fileProblems.length) throw new DomainError('UNPROCESSABLE', msg('imports.errors.fileProblems'));
				// Rows imported before are simply skipped again, so a file can be run as often as one likes.
				if (current.valid_rows <= 0) throw new DomainError('UNPROCESSABLE', msg('imports.errors.nothingToImport'));
				if (current.error_rows > 0 && !data.goodRowsOnly) {
					const m = msg('imports.v.goodRowsOnly', { count: current.error_rows });
					throw new DomainError('UNPROCESSABLE', m, { fields: { goodRowsOnly: [m] } });
				}
				return update(
					em,
					outbox,
					id,
					{ status: 'importing', good_rows_only: data.goodRowsOnly, imported_rows: 0, skipped_rows: 0, cancel_requested: false, finished_at: null },
					[current.created_by_id, actor.userId]
				);
			});
			afterCommit(outbox);
			launch(id, () => runImport(id, { userId: actor.userId, name: actor.name }, meta));
			return { ...toSummary(row), report: renderReport(row.report, locale) };
		},

		/**
		 * Abandon an import. A running step stops at its next batch (rows already imported stay, and
		 * the report says how many); otherwise it ends now. Either way the file is deleted.
		 */
		async cancel(actor: Actor, id: string, locale: Locale = DEFAULT_LOCALE): Promise<PatientImportDto> {
			requireImport(actor);
			const outbox = new OutboxBatch();
			const row = await orm.em.fork().transactional(async (em) => {
				const current = await load(em, actor, id, true);
				const notify = [current.created_by_id, actor.userId];
				if (FINISHED_STATUSES.includes(current.status)) throw notNow(current.status);
				if (RUNNING_STATUSES.includes(current.status)) return update(em, outbox, id, { cancel_requested: true }, notify);
				return update(em, outbox, id, { status: 'cancelled', finished_at: new Date() }, notify);
			});
			afterCommit(outbox);
			if (row.status === 'cancelled') await removeFile(row);
			return { ...toSummary(row), report: renderReport(row.report, locale) };
		},

		/** Every patient of the hospital as CSV (needs patients:export; masked without patients:read-sensitive); audited. */
		exportCsv(actor: Actor, meta: SessionMeta = {}) {
			return exportPatientsCsv(orm, crypto, actor, meta);
		},

		/** Mark steps left running by a dead process (also runs by itself, see sweepSoon); answers how many. */
		sweepStale
	};
}

export type PatientImportService = ReturnType<typeof createPatientImportService>;
