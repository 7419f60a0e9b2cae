import { describe, expect, it } from 'vitest';
import {
	defaultSignaling,
	isLocalOnly,
	newStoreConfig,
	pairingCode,
	parsePairingCode,
	storeNameProblem
} from './pairing';

describe('pairing', () => {
	it('makes a 128-bit room and secret, different every time', () => {
		const a = newStoreConfig('Main Street', 'ws://pc:4173/signal');
		const b = newStoreConfig('Main Street', 'ws://pc:4173/signal');
		expect(a.room).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(a.secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(new Set([a.room, a.secret, b.room, b.secret]).size).toBe(4);
	});

	it('round-trips a store through its pairing code, leaving out a same-origin signaling address', () => {
		const config = newStoreConfig('Müller & Söhne #2', 'wss://192.168.1.20:4173/signal');
		const code = pairingCode(config, 'https://192.168.1.20:4173');
		expect(code).toMatch(/^https:\/\/192\.168\.1\.20:4173\/join#r=/);
		expect(code).not.toContain('s=');
		expect(parsePairingCode(`  ${code}\n`)).toEqual({ ok: true, config });
	});

	it('carries a signaling address on another origin', () => {
		const config = newStoreConfig('Shop', 'wss://signal.example:8443/signal');
		const parsed = parsePairingCode(pairingCode(config, 'http://localhost:4173'));
		expect(parsed).toEqual({ ok: true, config });
	});

	it('follows the page: ws for http, wss for https', () => {
		expect(defaultSignaling('http://10.0.0.2:4173/settings')).toBe('ws://10.0.0.2:4173/signal');
		expect(defaultSignaling('https://shop.local/')).toBe('wss://shop.local/signal');
	});

	it('refuses what is not a whole pairing code, saying why', () => {
		const good = pairingCode(newStoreConfig('Shop', 'ws://pc/signal'), 'http://pc');
		expect(parsePairingCode('SN-00042')).toEqual({
			ok: false,
			error: 'This is not a Unitrack pairing code.'
		});
		expect(parsePairingCode('http://pc/stock#r=x')).toMatchObject({
			ok: false,
			error: /not a Unitrack/
		});
		expect(parsePairingCode(good.slice(0, 40))).toMatchObject({ ok: false, error: /incomplete/ });
		expect(parsePairingCode(good.replace(/n=Shop/, 'n=')).ok).toBe(false);
		expect(parsePairingCode(`${good}&s=http://evil`)).toMatchObject({
			ok: false,
			error: /ws:\/\//
		});
	});

	it('checks store names and local-only addresses', () => {
		expect(storeNameProblem('  ')).toMatch(/name/);
		expect(storeNameProblem('x'.repeat(61))).toMatch(/60/);
		expect(storeNameProblem('Main Street')).toBeNull();
		expect(isLocalOnly('http://localhost:4173')).toBe(true);
		expect(isLocalOnly('http://127.0.0.1:4173')).toBe(true);
		expect(isLocalOnly('https://192.168.1.20:4173')).toBe(false);
	});
});
