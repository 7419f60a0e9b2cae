// `npm start`: build the app if the sources are newer than build/, then serve it.
//   node server/start.js [--no-build] [--host H] [--port P] [--cert FILE --key FILE]
//     [--hub [--data DIR] [--database postgres://…] [--redis redis://…] [--admin-token T]]
// HOST, PORT, CERT_FILE and KEY_FILE in the environment do the same as the flags, and
// HUB=1, HUB_DATA, DATABASE_URL, REDIS_URL and HUB_ADMIN_TOKEN for the hub (docs/hub.md).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer, SIGNAL_PATH } from './app.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BUILD = join(ROOT, 'build');
const SOURCE_DIRS = ['src', 'static', 'service-worker'];
const SOURCE_FILES = ['svelte.config.js', 'vite.config.ts', 'package.json'];

const { values: flags } = parseArgs({
	options: {
		'no-build': { type: 'boolean', default: false },
		host: { type: 'string', default: process.env.HOST || '0.0.0.0' },
		port: { type: 'string', default: process.env.PORT || '4173' },
		cert: { type: 'string', default: process.env.CERT_FILE },
		key: { type: 'string', default: process.env.KEY_FILE },
		hub: { type: 'boolean', default: process.env.HUB === '1' },
		data: { type: 'string', default: process.env.HUB_DATA || 'hub-data' },
		database: { type: 'string', default: process.env.DATABASE_URL },
		redis: { type: 'string', default: process.env.REDIS_URL },
		'admin-token': { type: 'string', default: process.env.HUB_ADMIN_TOKEN },
		help: { type: 'boolean', short: 'h', default: false }
	}
});

if (flags.help) {
	console.log(
		'Usage: node server/start.js [--no-build] [--host 0.0.0.0] [--port 4173] [--cert FILE --key FILE]\n' +
			'         [--hub [--data DIR] [--database postgres://…] [--redis redis://…] [--admin-token uta_…]]'
	);
	process.exit(0);
}
if (Boolean(flags.cert) !== Boolean(flags.key)) {
	console.error('Give both --cert and --key to serve HTTPS, or neither.');
	process.exit(1);
}
if (!flags.hub && (flags.database || flags.redis)) {
	console.error('--database and --redis are options of the hub: add --hub.');
	process.exit(1);
}
if (flags.redis && !flags.database) {
	// The embedded database belongs to one process (docs/hub.md, Two hub processes).
	console.error(
		'Hub processes that share their stores through Redis share one database: add --database postgres://…'
	);
	process.exit(1);
}
const port = Number(flags.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`Not a port number: ${flags.port}`);
	process.exit(1);
}

/**
 * Newest modification time (ms) of a file or, recursively, of a folder's files; 0 if missing.
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
	const stats = statSync(path, { throwIfNoEntry: false });
	if (!stats) return 0;
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

function isBuildStale() {
	// 200.html comes from vite build, sw.js from the service worker step after it:
	// the build is complete only when both are there.
	const outputs = ['200.html', 'sw.js'].map((f) =>
		statSync(join(BUILD, f), { throwIfNoEntry: false })
	);
	if (outputs.some((stats) => !stats)) return true;
	const built = Math.min(...outputs.map((stats) => stats?.mtimeMs ?? 0));
	const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(ROOT, p)));
	return Math.max(...sources) > built;
}

if (!flags['no-build'] && isBuildStale()) {
	// `npm run build` is vite build plus the service worker step.
	console.log('Building the app (npm run build)...');
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed; not starting the server.');
		process.exit(result.status ?? 1);
	}
}

const secure = Boolean(flags.cert && flags.key);
const hub = flags.hub ? await startHub() : undefined;
const server = createServer({ root: BUILD, cert: flags.cert, key: flags.key, hub });

/** The hub's storage and Hocuspocus, before the server listens. */
async function startHub() {
	const [{ openStorage }, { createHub }] = await Promise.all([
		import('./hub/storage/index.js'),
		import('./hub/hub.js')
	]);
	try {
		const storage = await openStorage({ data: flags.data, database: flags.database });
		return await createHub({ storage, redis: flags.redis, adminToken: flags['admin-token'] });
	} catch (error) {
		console.error(`Could not start the hub: ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	}
}

server.on('error', (error) => {
	console.error(`Could not start the server: ${error.message}`);
	process.exit(1);
});

server.listen(port, flags.host, () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const scheme = secure ? 'https' : 'http';
	const wsScheme = secure ? 'wss' : 'ws';
	const isAnyHost = flags.host === '0.0.0.0' || flags.host === '::';
	const shown = isAnyHost ? 'localhost' : flags.host;
	console.log(`Unitrack is running at ${scheme}://${shown}:${actualPort}/`);
	if (isAnyHost) {
		for (const nets of Object.values(networkInterfaces())) {
			for (const net of nets ?? []) {
				if (net.family === 'IPv4' && !net.internal) {
					console.log(`  on your network: ${scheme}://${net.address}:${actualPort}/`);
				}
			}
		}
	}
	// Devices find each other through this endpoint, on the same origin as the
	// app: open the app at an address the other devices can reach too.
	console.log(`Signaling for peer sync at ${wsScheme}://${shown}:${actualPort}${SIGNAL_PATH}`);
	if (hub) {
		const where = flags.database ? 'PostgreSQL' : `the embedded database in ${flags.data}`;
		const shared = flags.redis ? ', shared with other hub processes through Redis' : '';
		console.log(
			`Hub for chains at ${wsScheme}://${shown}:${actualPort}${hub.path} (${where}${shared})`
		);
		if (hub.newAdminToken) {
			console.log(`Admin token, shown this once (it issues device tokens; keep it safe):`);
			console.log(`  ${hub.newAdminToken}`);
		}
	}
});

/** @param {NodeJS.Signals} signal */
function stop(signal) {
	console.log(`\n${signal}: stopping Unitrack.`);
	const closed = new Promise((resolve) => server.close(resolve));
	// Keep-alive connections would hold close() open.
	server.closeAllConnections();
	Promise.all([closed, hub?.close()]).then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		}
	);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
