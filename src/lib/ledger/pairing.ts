/**
 * What a device needs to join a store, and the pairing code that carries it.
 *
 * The code is a link to the app's join page with everything after `#`, so a
 * phone's own camera app can open it too, and the fragment (with the secret)
 * is never sent to any server: `https://pc:4173/join#r=ROOM&k=SECRET&n=NAME`.
 * The signaling address is the link's origin + /signal (one URL for the app
 * and signaling), or `s=` when it is elsewhere.
 *
 * The room id is what the signaling server sees: 128 random bits, not
 * guessable. The secret never leaves the devices: y-webrtc derives the key
 * that encrypts every signaling message from it, so the server (or anyone
 * who learns the room id) cannot read offers or join.
 */

export const SIGNAL_PATH = '/signal';
export const JOIN_PATH = '/join';
export const MAX_STORE_NAME = 60;

/** Sync through a hub (docs/hub.md): its WebSocket address and this device's token. */
export interface HubConfig {
	url: string;
	token: string;
}

export interface StoreConfig {
	/** The room id: 22 base64url characters (128 bits). */
	room: string;
	/** The shared secret: 22 base64url characters (128 bits); empty: no peer sync (hub only). */
	secret: string;
	/** Shown to staff; never sent to the signaling server. */
	name: string;
	/** ws:// or wss:// URL of the signaling endpoint. */
	signaling: string;
	/** Also (or only, without a secret) through this hub. */
	hub?: HubConfig;
}

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/** 128 random bits as 22 base64url characters: room ids, secrets, store ids. */
export function randomToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let text = '';
	for (const b of bytes) text += String.fromCharCode(b);
	return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new store: fresh room and secret, signaling at `signaling`. */
export function newStoreConfig(name: string, signaling: string): StoreConfig {
	return { room: randomToken(), secret: randomToken(), name: name.trim(), signaling };
}

/** The signaling URL on the same origin as `pageUrl` (ws:// for http, wss:// for https). */
export function defaultSignaling(pageUrl: string | URL): string {
	const url = new URL(pageUrl);
	const scheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
	return `${scheme}//${url.host}${SIGNAL_PATH}`;
}

/** Why a store name will not do, or null. */
export function storeNameProblem(name: string): string | null {
	const trimmed = name.trim();
	if (!trimmed) return 'Give the store a name.';
	if (trimmed.length > MAX_STORE_NAME)
		return `The name is longer than ${MAX_STORE_NAME} characters.`;
	return null;
}

/** The pairing code of a store, as a link to the join page of the app at `appOrigin`. */
export function pairingCode(config: StoreConfig, appOrigin: string): string {
	const params = new URLSearchParams({ r: config.room, k: config.secret, n: config.name });
	if (config.signaling !== defaultSignaling(appOrigin)) params.set('s', config.signaling);
	return `${new URL(JOIN_PATH, appOrigin).href}#${params.toString()}`;
}

export type ParsedCode = { ok: true; config: StoreConfig } | { ok: false; error: string };

const NOT_A_CODE = 'This is not a Unitrack pairing code.';

/** Reads a pairing code (the whole link, as scanned or pasted). */
export function parsePairingCode(text: string): ParsedCode {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return { ok: false, error: NOT_A_CODE };
	}
	if (!/^https?:$/.test(url.protocol) || url.pathname !== JOIN_PATH || !url.hash) {
		return { ok: false, error: NOT_A_CODE };
	}
	const params = new URLSearchParams(url.hash.slice(1));
	const room = params.get('r') ?? '';
	const secret = params.get('k') ?? '';
	const name = params.get('n') ?? '';
	if (!TOKEN.test(room) || !TOKEN.test(secret)) {
		return { ok: false, error: 'The pairing code is incomplete: scan or copy all of it.' };
	}
	const nameProblem = storeNameProblem(name);
	if (nameProblem) return { ok: false, error: `The pairing code's store name: ${nameProblem}` };
	const signaling = params.get('s') ?? defaultSignaling(url);
	if (!isSignalingUrl(signaling)) {
		return {
			ok: false,
			error: 'The signaling address in the code is not a ws:// or wss:// address.'
		};
	}
	return { ok: true, config: { room, secret, name: name.trim(), signaling } };
}

export function isSignalingUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host !== '';
	} catch {
		return false;
	}
}

/** True when other devices cannot reach this address (the code would be useless to them). */
export function isLocalOnly(origin: string): boolean {
	const host = new URL(origin).hostname;
	return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
