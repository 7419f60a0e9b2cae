/**
 * Calls between the tabs of one device over a BroadcastChannel: the tab
 * that leads a store's log (tab-leader.ts) answers the others' calls and
 * tells them what changed. Errors cross as {name, message} and come back as
 * errors of the same name (a QuotaExceededError stays one), so callers can
 * tell them apart as they would in the leading tab.
 */

export interface Channel {
	postMessage(message: unknown): void;
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	close(): void;
}

interface Call {
	kind: 'call';
	id: string;
	from: string;
	target: string;
	method: string;
	args: unknown[];
}

interface Reply {
	kind: 'reply';
	id: string;
	to: string;
	ok: boolean;
	value?: unknown;
	error?: { name: string; message: string; data?: unknown };
}

interface Notice {
	kind: 'notice';
	topic: string;
	payload: unknown;
}

type Message = Call | Reply | Notice;

/** Leadership moved while a call was out: it may be made again. */
export class LeaderGoneError extends Error {
	constructor() {
		super('The tab that keeps the log closed; trying again.');
		this.name = 'LeaderGoneError';
	}
}

/** Error names whose errors are made again as DOMExceptions (storage errors). */
const DOM_ERRORS = new Set([
	'QuotaExceededError',
	'AbortError',
	'InvalidStateError',
	'UnknownError'
]);

export type ErrorFactory = (name: string, message: string, data: unknown) => Error | null;

function reviveError(
	error: { name: string; message: string; data?: unknown },
	factory: ErrorFactory
): Error {
	const made = factory(error.name, error.message, error.data);
	if (made) return made;
	if (DOM_ERRORS.has(error.name) && typeof DOMException !== 'undefined')
		return new DOMException(error.message, error.name);
	return Object.assign(new Error(error.message), { name: error.name });
}

export class RpcServer {
	private readonly targets = new Map<string, object>();
	private readonly onMessage = (event: MessageEvent) => void this.handle(event.data as Message);

	constructor(private readonly channel: Channel) {
		channel.addEventListener('message', this.onMessage);
	}

	serve(name: string, target: object): void {
		this.targets.set(name, target);
	}

	notify(topic: string, payload: unknown): void {
		this.post({ kind: 'notice', topic, payload } satisfies Notice);
	}

	close(): void {
		this.closed = true;
		this.channel.removeEventListener('message', this.onMessage);
	}

	private closed = false;

	/** A channel closed under a late notice or reply (the page is going): nothing to tell. */
	private post(message: Message): void {
		if (this.closed) return;
		try {
			this.channel.postMessage(message);
		} catch (error) {
			if ((error as { name?: string })?.name !== 'InvalidStateError') throw error;
		}
	}

	private async handle(message: Message): Promise<void> {
		if (message?.kind !== 'call') return;
		const target = this.targets.get(message.target) as Record<string, unknown> | undefined;
		const fn = target?.[message.method];
		let reply: Reply;
		if (typeof fn !== 'function') {
			reply = {
				kind: 'reply',
				id: message.id,
				to: message.from,
				ok: false,
				error: { name: 'TypeError', message: `No ${message.target}.${message.method}` }
			};
		} else {
			try {
				const value: unknown = await (fn as (...a: unknown[]) => unknown).apply(
					target,
					message.args
				);
				reply = { kind: 'reply', id: message.id, to: message.from, ok: true, value };
			} catch (error) {
				const e = error as { name?: string; message?: string; key?: unknown };
				reply = {
					kind: 'reply',
					id: message.id,
					to: message.from,
					ok: false,
					error: {
						name: e?.name ?? 'Error',
						message: e?.message ?? String(error),
						data: e?.key
					}
				};
			}
		}
		this.post(reply);
	}
}

export class RpcClient {
	private readonly id = Math.random().toString(36).slice(2);
	private counter = 0;
	private readonly waiting = new Map<
		string,
		{ resolve: (v: unknown) => void; reject: (e: Error) => void }
	>();
	private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
	private readonly onMessage = (event: MessageEvent) => this.handle(event.data as Message);

	constructor(
		private readonly channel: Channel,
		private readonly errors: ErrorFactory = () => null
	) {
		channel.addEventListener('message', this.onMessage);
	}

	call<T>(target: string, method: string, args: unknown[] = []): Promise<T> {
		const id = `${this.id}.${++this.counter}`;
		return new Promise<T>((resolve, reject) => {
			this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.channel.postMessage({
				kind: 'call',
				id,
				from: this.id,
				target,
				method,
				args
			} satisfies Call);
		});
	}

	on(topic: string, listener: (payload: unknown) => void): () => void {
		let set = this.listeners.get(topic);
		if (!set) {
			set = new Set();
			this.listeners.set(topic, set);
		}
		set.add(listener);
		return () => set.delete(listener);
	}

	/** The leading tab is gone: every call still out fails, to be made again. */
	abandon(): void {
		for (const { reject } of this.waiting.values()) reject(new LeaderGoneError());
		this.waiting.clear();
	}

	close(): void {
		this.abandon();
		this.channel.removeEventListener('message', this.onMessage);
	}

	private handle(message: Message): void {
		if (message?.kind === 'notice') {
			for (const listener of this.listeners.get(message.topic) ?? []) listener(message.payload);
			return;
		}
		if (message?.kind !== 'reply' || message.to !== this.id) return;
		const waiting = this.waiting.get(message.id);
		if (!waiting) return;
		this.waiting.delete(message.id);
		if (message.ok) waiting.resolve(message.value);
		else waiting.reject(reviveError(message.error!, this.errors));
	}
}
