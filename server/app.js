// The HTTP(S) server for the built app: static files from build/, the SPA
// fallback to 200.html, and cache headers that let the service worker
// decide what is fresh. The signaling endpoint for peer sync attaches to
// the same server (see the end of createServer and signaling.js).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import sirv from 'sirv';
import { attachSignaling } from './signaling.js';

/** Hashed build output: its name changes whenever its content does. */
const IMMUTABLE_PREFIX = '/_app/immutable/';

/**
 * A request for a file (a chunk, an image, the wasm decoder) must 404 when the
 * file is missing, not get 200.html as text/html. Anything else is a deep link
 * into the app, even with a dot in it (`/stock/SN.0098`).
 */
const ASSET_PATH =
	/^\/_app\/|\.(?:js|mjs|css|map|json|wasm|webmanifest|png|jpe?g|gif|webp|svg|ico|woff2?|txt|xml)$/i;

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} pathname
 */
function setCacheHeaders(res, pathname) {
	if (pathname.startsWith(IMMUTABLE_PREFIX)) {
		res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
	} else {
		// Everything else revalidates by ETag, so clients never keep an old
		// sw.js, 200.html, index.html or manifest.webmanifest. This also covers
		// 200.html served for a deep link, whose pathname here is the link.
		res.setHeader('Cache-Control', 'no-cache');
	}
}

/** @param {import('node:http').ServerResponse} res */
function notFound(res) {
	res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
	res.end('Not found');
}

/**
 * The request handler for a built app folder.
 * @param {string} root folder with 200.html, _app/, sw.js, ...
 * @returns {import('node:http').RequestListener}
 */
export function createHandler(root) {
	/** @type {import('sirv').Options} */
	// `dev: true` makes sirv look files up on each request instead of listing
	// build/ once at start: a rebuild or redeploy under a running server must
	// serve the new files, and a file deleted since start must be a 404, not
	// an unhandled ENOENT that takes the whole server down.
	const common = { etag: true, dev: true, setHeaders: setCacheHeaders };
	const files = sirv(root, common);
	const app = sirv(root, { ...common, single: '200.html', ignores: false });
	return (req, res) => {
		const pathname = new URL(req.url ?? '/', 'http://x').pathname;
		const serve = ASSET_PATH.test(pathname) ? files : app;
		serve(req, res, () => notFound(res));
	};
}

/**
 * Creates (does not start) the server. HTTPS when both cert and key are given:
 * phones on a LAN need a secure origin for the camera and the service worker.
 * With a hub (server/hub/hub.js), its API and WebSocket share the origin.
 * @param {{ root: string, cert?: string, key?: string, hub?: Awaited<ReturnType<typeof import('./hub/hub.js').createHub>> }} options
 *   cert and key are paths to PEM files.
 * @returns {http.Server | https.Server}
 */
export function createServer({ root, cert, key, hub }) {
	const files = createHandler(root);
	/** @type {import('node:http').RequestListener} */
	const handler = hub
		? (req, res) => {
				if (!hub.isApiRequest(req)) return files(req, res);
				hub.handleRequest(req, res).catch((error) => {
					console.error('hub API:', error);
					if (!res.headersSent) res.writeHead(500);
					res.end();
				});
			}
		: files;
	const server =
		cert && key
			? https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, handler)
			: http.createServer(handler);

	// Peer-sync signaling (DESIGN.md, Sync): a WebSocket endpoint at
	// SIGNAL_PATH on this same server (signaling.js). Closing the server ends
	// its WebSockets too: server.close() alone would wait for them.
	const signaling = attachSignaling(server, {
		path: SIGNAL_PATH,
		others: hub ? { [hub.path]: hub.handleUpgrade } : {}
	});
	const close = server.close.bind(server);
	server.close = (callback) => {
		signaling.close();
		return close(callback);
	};

	return server;
}

/** Where the signaling WebSocket listens (src/lib/ledger/pairing.ts says the same). */
export const SIGNAL_PATH = '/signal';
