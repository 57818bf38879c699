import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDatabase } from './database.ts';
import { startServer, type TestServer } from './server.ts';
import { launchBrowser } from './browser.ts';

export interface ServerFixture {
	server: TestServer;
	databaseUrl: string;
}

/** A fresh database and a real server for this test file, stopped when the file is done. */
export function useServer(options: Omit<Parameters<typeof startServer>[0], 'databaseUrl'> = {}): ServerFixture {
	const fixture = {} as ServerFixture;
	beforeAll(async () => {
		fixture.databaseUrl = await createDatabase();
		fixture.server = await startServer({ ...options, databaseUrl: fixture.databaseUrl });
	});
	afterAll(async () => {
		await fixture.server?.stop();
	});
	return fixture;
}

/** The same, plus Debian's Chromium. */
export function useBrowserAndServer(): ServerFixture & { browser: Browser } {
	const fixture = useServer() as ServerFixture & { browser: Browser };
	beforeAll(async () => {
		fixture.browser = await launchBrowser();
	});
	afterAll(async () => {
		await fixture.browser?.close();
	});
	return fixture;
}
