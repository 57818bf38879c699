import { endpoint, requireActor } from '#lib/server/http/api.ts';
import { getRuntime } from '#lib/server/runtime/registry.ts';

/** The filtered audit trail as CSV; the export is itself recorded in the trail. */
export const GET = endpoint(async (event) => {
	const { page: _page, pageSize: _size, ...filters } = Object.fromEntries(event.url.searchParams);
	const csv = await getRuntime().services.audit.exportCsv(requireActor(event), filters, {
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? undefined
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="skinspire-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
});
