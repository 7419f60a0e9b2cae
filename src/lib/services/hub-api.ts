/**
 * The hub's HTTP API as the app uses it (server/hub/api.js): which store a
 * device token is for, and, with the manager's admin token, issuing, listing
 * and revoking the store's device tokens. Results, not exceptions: what went
 * wrong is said in words for the screen.
 */

export interface Grant {
	/** The store's id, or `*` (head office: every store). */
	store: string;
	storeName: string;
	deviceName: string;
	expiresAt: number | null;
}

export interface DeviceToken {
	id: string;
	store: string;
	storeName: string;
	deviceName: string;
	createdAt: number;
	expiresAt: number | null;
	online: boolean;
}

export type HubResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface HubApi {
	whoami(hubUrl: string, token: string): Promise<HubResult<Grant>>;
	issue(
		hubUrl: string,
		admin: string,
		what: { store: string; storeName: string; deviceName: string; expiresInDays?: number }
	): Promise<HubResult<DeviceToken & { token: string }>>;
	list(hubUrl: string, admin: string, store: string): Promise<HubResult<DeviceToken[]>>;
	revoke(hubUrl: string, admin: string, id: string): Promise<HubResult<null>>;
}

/**
 * The hub's WebSocket address from what staff type: `hq.example.com`,
 * `https://hq.example.com`, `wss://hq.example.com/hub`. Null if it is none.
 */
export function hubSocketUrl(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed) return null;
	let url: URL;
	try {
		url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
	} catch {
		return null;
	}
	const scheme = { 'https:': 'wss:', 'http:': 'ws:', 'wss:': 'wss:', 'ws:': 'ws:' }[url.protocol];
	if (!scheme || !url.host) return null;
	const path = url.pathname.replace(/\/+$/, '');
	return `${scheme}//${url.host}${path === '' ? '/hub' : path}`;
}

/** The API's base beside a hub's WebSocket address (`wss://h/hub` → `https://h/hub/api/`). */
function apiBase(hubUrl: string): string {
	const url = new URL(hubUrl);
	url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}/api/`;
}

export class HttpHubApi implements HubApi {
	constructor(private readonly fetcher: typeof fetch = (...args) => fetch(...args)) {}

	whoami(hubUrl: string, token: string): Promise<HubResult<Grant>> {
		return this.call(hubUrl, 'whoami', token, {}, (body) => body as Grant);
	}

	issue(
		hubUrl: string,
		admin: string,
		what: { store: string; storeName: string; deviceName: string; expiresInDays?: number }
	): Promise<HubResult<DeviceToken & { token: string }>> {
		return this.call(
			hubUrl,
			'tokens',
			admin,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(what)
			},
			(body) => ({ ...(body as DeviceToken & { token: string }), online: false })
		);
	}

	list(hubUrl: string, admin: string, store: string): Promise<HubResult<DeviceToken[]>> {
		return this.call(
			hubUrl,
			`tokens?store=${encodeURIComponent(store)}`,
			admin,
			{},
			(body) => (body as { tokens: DeviceToken[] }).tokens
		);
	}

	revoke(hubUrl: string, admin: string, id: string): Promise<HubResult<null>> {
		return this.call(
			hubUrl,
			`tokens/${encodeURIComponent(id)}`,
			admin,
			{ method: 'DELETE' },
			() => null
		);
	}

	private async call<T>(
		hubUrl: string,
		route: string,
		token: string,
		init: RequestInit,
		read: (body: unknown) => T
	): Promise<HubResult<T>> {
		let response: Response;
		try {
			response = await this.fetcher(`${apiBase(hubUrl)}${route}`, {
				...init,
				headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` }
			});
		} catch {
			return { ok: false, error: `The hub cannot be reached at ${hubUrl}.` };
		}
		if (response.status === 401) return { ok: false, error: 'The hub does not accept this token.' };
		const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
		if (!response.ok) {
			const said = (body as { error?: unknown } | null)?.error;
			return {
				ok: false,
				error:
					typeof said === 'string'
						? `The hub says: ${said}`
						: `The hub answered ${response.status}.`
			};
		}
		return { ok: true, value: read(body) };
	}
}
