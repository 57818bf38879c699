// `npm test`: build the production bundle (browser and API tests run against it), then every
// Vitest project: unit, integration (real PostgreSQL and Redis), e2e (real Chromium).
// Prints one closing line `N passed, N failed` summed over all of it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const env = { ...process.env, PATH: `${path.join(root, 'node_modules/.bin')}:${process.env.PATH}` };

if (!process.env.SKIP_BUILD) {
	const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
	if (build.status !== 0) {
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
}

const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync(bin('vitest'), args, { cwd: root, stdio: 'inherit', env });

let passed = 0;
let failed: number;
let skipped = 0;
if (fs.existsSync(report)) {
	const result = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number };
	passed = result.numPassedTests;
	// A file that fails before its tests run (e.g. a broken import) counts as a failure too.
	failed = result.numFailedTests + (result.numFailedTests === 0 ? result.numFailedTestSuites : 0);
	skipped = result.numPendingTests + result.numTodoTests;
} else {
	failed = 1;
}
// A run that failed without a failing test (setup error, no tests found) is still a failure.
if ((run.status !== 0 || passed === 0) && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
