/**
 * One tab leads each store's log on a device (DESIGN.md, invariant 6): it
 * alone writes the log, projects it and syncs it with other devices; the
 * other tabs ask it to append (rpc.ts) and read the shared tables. The lead
 * is a Web Lock named after the store: held while the leading tab lives,
 * and passed to the next waiting tab when it closes, so there is always
 * exactly one.
 *
 * Where the browser has no Web Locks (an insecure http address), every tab
 * leads: the rules of one tab then hold only when one tab is open.
 */
export interface Leadership {
	/** Whether this tab leads now. */
	readonly isLeader: boolean;
	/** Resolves once this tab leads (at once, or when the leading tab closes). */
	readonly led: Promise<void>;
	/** Gives the lead up (this tab is closing the store). */
	release(): void;
}

export async function claimLeadership(name: string): Promise<Leadership> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) return alwaysLeader();
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	let resolveLed!: () => void;
	const led = new Promise<void>((resolve) => (resolveLed = resolve));
	const state = { isLeader: false };
	const lead = async () => {
		state.isLeader = true;
		resolveLed();
		await held;
	};
	const now = await new Promise<boolean>((resolve) => {
		void locks.request(name, { ifAvailable: true }, async (lock) => {
			resolve(lock !== null);
			if (lock) await lead();
		});
	});
	if (!now) void locks.request(name, lead);
	return {
		get isLeader() {
			return state.isLeader;
		},
		led,
		release
	};
}

export function alwaysLeader(): Leadership {
	return { isLeader: true, led: Promise.resolve(), release: () => {} };
}
