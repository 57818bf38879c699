import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A new, empty database for one test file; the server started on it runs the migrations. */
export async function createDatabase(): Promise<string> {
	const adminUrl = inject('adminDatabaseUrl');
	const name = `${inject('databasePrefix')}${randomBytes(5).toString('hex')}`;
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(`create database "${name}"`);
	} finally {
		await client.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		return (await client.query<T>(sql, params)).rows;
	} finally {
		await client.end();
	}
}
