// Group commit: appends that arrive while a write is under way go to the
// database together in the next transaction, so many devices writing at once
// cost one durable commit (one fsync) per batch, not one each. Each caller's
// promise resolves only once its rows are committed, in the order they came.

/**
 * @template T
 * @param {(entries: T[]) => Promise<number[]>} writeBatch writes all in one transaction, returns each seq
 * @returns {(entry: T) => Promise<number>}
 */
export function groupCommit(writeBatch) {
	/** @type {{ entry: T, resolve: (seq: number) => void, reject: (e: unknown) => void }[]} */
	let waiting = [];
	let writing = false;

	async function drain() {
		while (waiting.length > 0) {
			const batch = waiting;
			waiting = [];
			try {
				const seqs = await writeBatch(batch.map((w) => w.entry));
				batch.forEach((w, i) => w.resolve(/** @type {number} */ (seqs[i])));
			} catch (error) {
				for (const w of batch) w.reject(error);
			}
		}
		writing = false;
	}

	return (entry) =>
		new Promise((resolve, reject) => {
			waiting.push({ entry, resolve, reject });
			if (writing) return;
			writing = true;
			// After this turn's other I/O: appends that came in with it join the batch.
			setImmediate(() => void drain());
		});
}
