import { error } from '@sveltejs/kit';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import { translate } from '#lib/shared/i18n/translate.ts';

const FILES: Record<string, string> = {
	'swagger-ui.css': 'text/css; charset=utf-8',
	'swagger-ui-bundle.js': 'text/javascript; charset=utf-8'
};

const init = `window.addEventListener('load', function () {
	window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});`;

export const GET = async ({ params, locals }) => {
	if (params.file === 'init.js') return new Response(init, { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
	const type = FILES[params.file];
	if (!type) error(404, translate(locals.locale, 'error.NOT_FOUND'));
	const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
	const body = await fs.readFile(path.join(dir, params.file));
	return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } });
};
