/**
 * A private shop LAN for sync tests (DESIGN.md, Testing): network namespaces
 * made by the test, so WebRTC has real interfaces to connect over and no
 * packet can leave the machine.
 *
 *   device ns "a" 10.231.1.2 ──veth── 10.231.1.1 ┐
 *   device ns "b" 10.231.2.2 ──veth── 10.231.2.1 ├ router ns: forwards between
 *   device ns "c" 10.231.3.2 ──veth── 10.231.3.1 ┘ them; the app server (HTTPS,
 *                                                  and signaling) on 10.231.0.1
 *
 * Each device is a separate Chromium process inside its own namespace. The
 * router has no route anywhere else. A link can be cut (the veth taken down:
 * nothing passes) or slowed (tbf), and two devices can be kept from reaching
 * each other (a `prohibit` routing rule) while both still reach the server.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))));
const TMP = join(ROOT, 'tests/.tmp/sync');
export const SERVER_IP = '10.231.0.1';
export const PORT = 4173;
export const APP_URL = `https://${SERVER_IP}:${PORT}`;

async function ip(...args: string[]): Promise<string> {
	try {
		return (await run('ip', args)).stdout;
	} catch (error) {
		const e = error as { stderr?: string; message: string };
		throw new Error(`ip ${args.join(' ')}: ${e.stderr?.trim() || e.message}`);
	}
}

/** A self-signed certificate for the server's address: WebCrypto (the sync secret) needs https. */
async function certificate(): Promise<{ cert: string; key: string }> {
	await mkdir(TMP, { recursive: true });
	const cert = join(TMP, 'cert.pem');
	const key = join(TMP, 'key.pem');
	if (!existsSync(cert) || !existsSync(key)) {
		await run('openssl', [
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30',
			'-keyout', key, '-out', cert, '-subj', '/CN=unitrack-test',
			'-addext', `subjectAltName=IP:${SERVER_IP}`
		]);
	}
	return { cert, key };
}

/** Namespaces left by a run that died (their owner pid is gone). */
async function removeStale(): Promise<void> {
	const names = (await ip('netns', 'list')).split('\n').map((l) => l.split(' ')[0] ?? '');
	for (const name of names) {
		const pid = /^ut(\d+)-/.exec(name)?.[1];
		if (!pid || Number(pid) === process.pid) continue;
		let alive = true;
		try {
			process.kill(Number(pid), 0);
		} catch {
			alive = false;
		}
		if (!alive) await ip('netns', 'del', name).catch(() => undefined);
	}
}

let lans = 0;

export class Lan {
	private server: ChildProcess | null = null;
	private serverLog = '';
	private readonly scripts: string[] = [];
	readonly devices: string[];
	private readonly id: string;
	private readonly tag: string;

	private constructor(devices: string[]) {
		this.devices = devices;
		// Interface names have at most 15 characters: keep the tag short.
		this.tag = `${(process.pid % 100000).toString(36)}${(++lans).toString(36)}`;
		this.id = `ut${process.pid}-${lans}`;
	}

	/** Makes the namespaces, links and routes for `devices` (names like 'a', 'b'). */
	static async create(devices: string[]): Promise<Lan> {
		if (process.getuid?.() !== 0) {
			throw new Error('The sync tests make network namespaces: run them as root (CI does).');
		}
		await removeStale();
		const lan = new Lan(devices);
		try {
			await lan.build();
		} catch (error) {
			await lan.destroy();
			throw error;
		}
		return lan;
	}

	ns(device: string): string {
		return `${this.id}-${device}`;
	}

	get router(): string {
		return `${this.id}-r`;
	}

	/** The router's end of a device's link. */
	private routerLink(device: string): string {
		return `u${this.tag}${device}r`;
	}

	address(device: string): string {
		return `10.231.${this.devices.indexOf(device) + 1}.2`;
	}

	private subnet(device: string): string {
		return `10.231.${this.devices.indexOf(device) + 1}.0/24`;
	}

	private async build(): Promise<void> {
		await ip('netns', 'add', this.router);
		await ip('-n', this.router, 'link', 'set', 'lo', 'up');
		await ip('-n', this.router, 'addr', 'add', `${SERVER_IP}/32`, 'dev', 'lo');
		await run('ip', ['netns', 'exec', this.router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
		for (const [i, device] of this.devices.entries()) {
			const ns = this.ns(device);
			const here = `u${this.tag}${device}d`;
			await ip('netns', 'add', ns);
			// IPv4 only: an IPv6 address appearing a moment after the link comes up
			// would make Chromium abort its requests (ERR_NETWORK_CHANGED).
			await run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
			await ip('-n', ns, 'link', 'set', 'lo', 'up');
			await ip('link', 'add', here, 'netns', ns, 'type', 'veth', 'peer', 'name', this.routerLink(device), 'netns', this.router);
			await ip('-n', this.router, 'addr', 'add', `10.231.${i + 1}.1/24`, 'dev', this.routerLink(device));
			await ip('-n', this.router, 'link', 'set', this.routerLink(device), 'up');
			await ip('-n', ns, 'addr', 'add', `${this.address(device)}/24`, 'dev', here);
			await ip('-n', ns, 'link', 'set', here, 'up');
			await ip('-n', ns, 'route', 'add', 'default', 'via', `10.231.${i + 1}.1`);
		}
	}

	/** Starts the app server (built app, HTTPS, signaling) on the router. */
	async startServer(): Promise<void> {
		const { cert, key } = await certificate();
		const child = spawn(
			'ip',
			['netns', 'exec', this.router, process.execPath, 'server/start.js', '--no-build',
				'--host', '0.0.0.0', '--port', String(PORT), '--cert', cert, '--key', key],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		this.server = child;
		child.stdout?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		const started = Date.now();
		while (!/Signaling for peer sync at/.test(this.serverLog)) {
			if (child.exitCode !== null) throw new Error(`the app server stopped:\n${this.serverLog}`);
			if (Date.now() - started > 15_000) throw new Error(`the app server did not start:\n${this.serverLog}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	/** A Chromium that runs inside `device`'s namespace (for Playwright's executablePath). */
	async chromiumIn(device: string): Promise<string> {
		const dir = await mkdtemp(join(tmpdir(), 'unitrack-chromium-'));
		this.scripts.push(dir);
		const path = join(dir, 'chromium');
		const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
		await writeFile(path, `#!/bin/sh\nexec ip netns exec ${this.ns(device)} ${chromium} "$@"\n`);
		await chmod(path, 0o755);
		return path;
	}

	/** Cuts `device`'s link: nothing passes either way until `heal`. */
	async cut(device: string): Promise<void> {
		await ip('-n', this.router, 'link', 'set', this.routerLink(device), 'down');
	}

	async heal(device: string): Promise<void> {
		await ip('-n', this.router, 'link', 'set', this.routerLink(device), 'up');
	}

	/** Limits what flows to `device` to `kbit` kilobits a second (null: no limit). */
	async throttle(device: string, kbit: number | null): Promise<void> {
		const dev = this.routerLink(device);
		await run('ip', ['netns', 'exec', this.router, 'tc', 'qdisc', 'del', 'dev', dev, 'root']).catch(() => undefined);
		if (kbit !== null) {
			await run('ip', ['netns', 'exec', this.router, 'tc', 'qdisc', 'add', 'dev', dev, 'root',
				'tbf', 'rate', `${kbit}kbit`, 'burst', '16kb', 'latency', '2s']);
		}
	}

	/** Keeps `a` and `b` from reaching each other; both still reach the server. */
	async separate(a: string, b: string): Promise<void> {
		for (const [from, to] of [[a, b], [b, a]] as const) {
			await ip('-n', this.router, 'rule', 'add', 'from', this.subnet(from), 'to', this.subnet(to), 'prohibit');
		}
	}

	/**
	 * What a TCP connection from `device` to host:port meets within 2 s:
	 * 'open'; 'refused' (the host is reachable, nothing listens there);
	 * 'unreachable' (a route refuses it); 'timeout' (packets go nowhere: a cut).
	 */
	async reach(device: string, host: string, port: number): Promise<'open' | 'refused' | 'unreachable' | 'timeout'> {
		const script = `const s=require('net').connect({host:${JSON.stringify(host)},port:${port},timeout:2000});
			s.on('connect',()=>{console.log('open');s.destroy()});s.on('timeout',()=>{console.log('timeout');s.destroy()});
			s.on('error',e=>console.log(e.code==='ECONNREFUSED'?'refused':e.code==='EHOSTUNREACH'||e.code==='ENETUNREACH'?'unreachable':e.code))`;
		const { stdout } = await run('ip', ['netns', 'exec', this.ns(device), process.execPath, '-e', script]);
		return stdout.trim() as 'open' | 'refused' | 'unreachable' | 'timeout';
	}

	async destroy(): Promise<void> {
		if (this.server && this.server.exitCode === null) {
			const server = this.server;
			await new Promise((resolve) => {
				server.once('exit', resolve);
				server.kill('SIGTERM');
				setTimeout(() => server.kill('SIGKILL'), 3000).unref();
			});
		}
		for (const name of [...this.devices.map((d) => this.ns(d)), this.router]) {
			await ip('netns', 'del', name).catch(() => undefined);
		}
		for (const dir of this.scripts) await rm(dir, { force: true, recursive: true });
	}
}
