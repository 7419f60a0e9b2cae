// Builds the service worker after `vite build`: bundles service-worker/sw.ts
// with Vite, then lets Workbox inject the precache manifest of everything in
// build/ (the app shell 200.html included), so every screen opens offline.
import { build } from 'vite';
import { injectManifest } from 'workbox-build';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = await mkdtemp(join(tmpdir(), 'unitrack-sw-'));

await build({
	configFile: false,
	logLevel: 'warn',
	// Workbox reads NODE_ENV to drop its development logging.
	define: { 'process.env.NODE_ENV': JSON.stringify('production') },
	build: {
		outDir: tmp,
		emptyOutDir: true,
		minify: true,
		lib: { entry: join(root, 'service-worker/sw.ts'), formats: ['es'], fileName: () => 'sw.js' }
	}
});

const { count, size, warnings } = await injectManifest({
	swSrc: join(tmp, 'sw.js'),
	swDest: join(root, 'build/sw.js'),
	globDirectory: join(root, 'build'),
	globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,wasm,json,woff2}'],
	globIgnores: ['sw.js'],
	maximumFileSizeToCacheInBytes: 8 * 1024 * 1024
});
await rm(tmp, { recursive: true, force: true });
for (const w of warnings) console.warn(w);
console.log(`service worker: precaches ${count} files, ${(size / 1024).toFixed(0)} KiB`);
