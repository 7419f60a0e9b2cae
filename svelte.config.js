import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: every deep link is served 200.html, which the
		// service worker also precaches so deep links work offline. The Stock
		// screen alone is prerendered too (routes/stock/+page.ts): stock.html.
		adapter: adapter({ fallback: '200.html', strict: false }),
		paths: { relative: false },
		// The stylesheet goes inline into the pages (it is ~7.5 kB): the prerendered
		// first screen paints with its HTML, without waiting for another request.
		inlineStyleThreshold: 16 * 1024,
		// The service worker is built by @vite-pwa/sveltekit from service-worker/.
		serviceWorker: { register: false }
	}
};

export default config;
