import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ROUTE_ACCESS, ruleFor } from './route-access.ts';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');

/** Every (route id, method or form action) the app serves, read from the files themselves. */
function discover(): Map<string, Set<string>> {
	const found = new Map<string, Set<string>>();
	const add = (id: string, key: string) => (found.get(id) ?? found.set(id, new Set()).get(id)!).add(key);
	const walk = (dir: string) => {
		const files = fs.readdirSync(dir, { withFileTypes: true });
		const rel = path.relative(ROUTES, dir).split(path.sep).filter(Boolean);
		const id = '/' + rel.join('/');
		for (const f of files) {
			if (f.isDirectory()) walk(path.join(dir, f.name));
			else if (f.name === '+page.svelte' || f.name === '+page.server.ts') add(id, 'GET');
			if (f.name === '+page.server.ts') {
				const src = fs.readFileSync(path.join(dir, f.name), 'utf8');
				const actions = src.split('export const actions')[1];
				if (actions) for (const m of actions.matchAll(/^\t(\w+): (?:async )?\(/gm)) add(id, `POST ?/${m[1]}`);
			}
			if (f.name === '+server.ts') {
				const src = fs.readFileSync(path.join(dir, f.name), 'utf8');
				for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) add(id, m[1]!);
			}
		}
	};
	walk(ROUTES);
	return found;
}

describe('route access table', () => {
	const routes = discover();

	it('finds the routes (the walk itself works)', () => {
		expect(routes.get('/api/v1/branches/[branchId]/notices')).toEqual(new Set(['GET', 'POST']));
		expect(routes.get('/(app)/[branch]')).toEqual(new Set(['GET', 'POST ?/post', 'POST ?/clear']));
	});

	it('declares a rule for every page, endpoint method and form action', () => {
		const missing: string[] = [];
		for (const [id, keys] of routes) for (const key of keys) if (!ROUTE_ACCESS[id]?.[key]) missing.push(`${key} ${id}`);
		expect(missing).toEqual([]);
	});

	it('has no rule for a route or method that does not exist', () => {
		const stale: string[] = [];
		for (const [id, rules] of Object.entries(ROUTE_ACCESS)) for (const key of Object.keys(rules)) if (!routes.get(id)?.has(key)) stale.push(`${key} ${id}`);
		expect(stale).toEqual([]);
	});

	it('denies what is not declared', () => {
		expect(ruleFor('/api/v1/me', 'DELETE', '')).toBeUndefined();
		expect(ruleFor('/nowhere', 'GET', '')).toBeUndefined();
		expect(ruleFor(null, 'GET', '')).toBeUndefined();
		expect(ruleFor('/(app)/[branch]', 'POST', '?/unknown')).toBeUndefined();
		expect(ruleFor('/(auth)/login', 'POST', '')).toBe('public');
		expect(ruleFor('/api/v1/me', 'HEAD', '')).toBe('signed-in-or-token');
	});
});

describe('OpenAPI document', () => {
	it('describes every API route and method in the access table', async () => {
		const { openApiDocument } = await import('../http/openapi.ts');
		const doc = openApiDocument('http://x') as { paths: Record<string, Record<string, unknown>> };
		const missing: string[] = [];
		for (const [id, rules] of Object.entries(ROUTE_ACCESS)) {
			if (!id.startsWith('/api/v1/') || id === '/api/v1/openapi.json') continue;
			const path = id.slice('/api/v1'.length).replace(/\[(\w+)\]/g, '{$1}');
			for (const method of Object.keys(rules)) if (!doc.paths[path]?.[method.toLowerCase()]) missing.push(`${method} ${path}`);
		}
		expect(missing).toEqual([]);
	});
});
