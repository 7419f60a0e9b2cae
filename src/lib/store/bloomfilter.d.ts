/** Types for bloomfilter 1.1 (Jason Davies), which ships none: the part the working set uses. */
declare module 'bloomfilter' {
	export class BloomFilter {
		/** `m` bits (rounded up to a multiple of 32), `k` hash functions. */
		constructor(m: number, k: number);
		add(value: string): void;
		test(value: string): boolean;
	}
}
