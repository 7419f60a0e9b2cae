/**
 * The last batch Generate Stock Serials saved, or was saving, on this
 * device (issue 17): its receipt id is chosen and kept before the save, so
 * after a reload in the middle of it the form can say whether the batch was
 * saved ("Saved 5 serials …") or not. Kept per store, in the storage passed in.
 */
export interface LastBatch {
	receiptId: string;
	/** When the save began (ms since the epoch). */
	startedAt: number;
}

const keyOf = (store: string) => `unitrack.generate.last.${store}`;

export class LastReceipt {
	constructor(
		private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
		private readonly store: string
	) {}

	read(): LastBatch | null {
		try {
			const value = JSON.parse(this.storage.getItem(keyOf(this.store)) ?? 'null') as unknown;
			if (
				value &&
				typeof value === 'object' &&
				typeof (value as LastBatch).receiptId === 'string' &&
				typeof (value as LastBatch).startedAt === 'number'
			)
				return value as LastBatch;
		} catch {
			// Unreadable: as if none.
		}
		return null;
	}

	/** Before the save: the batch about to be written. */
	begin(batch: LastBatch): void {
		this.storage.setItem(keyOf(this.store), JSON.stringify(batch));
	}

	/** A refused or failed save: the last batch is the one before it again. */
	restore(previous: LastBatch | null): void {
		if (previous) this.begin(previous);
		else this.storage.removeItem(keyOf(this.store));
	}
}
