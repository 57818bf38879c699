/**
 * The origins a browser may call us from: the configured ORIGIN, plus its loopback twin
 * (localhost ↔ 127.0.0.1) so a developer can use either address.
 */
export function allowedOrigins(origin: string): Set<string> {
	const set = new Set([origin]);
	const u = new URL(origin);
	if (u.hostname === 'localhost') set.add(origin.replace('//localhost', '//127.0.0.1'));
	if (u.hostname === '127.0.0.1') set.add(origin.replace('//127.0.0.1', '//localhost'));
	return set;
}

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
