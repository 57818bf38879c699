import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import adapter from '@sveltejs/adapter-node';
import { skinspireRealtime } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit({
			// Express in server/ compresses responses, so the adapter need not precompress too.
			adapter: adapter({ precompress: false }),
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'],
					'connect-src': ['self'],
					'font-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none']
				}
			}
		}),
		skinspireRealtime()
	],
	server: { port: 5173, strictPort: true }
});
