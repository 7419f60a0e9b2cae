/**
 * A primary decoder (zxing or detector) with zbar beside it for EAN-13 and
 * UPC-A (zbar-decoder.ts). zbar looks at every frame in which the primary
 * read no 2-D or Code 128 code: two decoders that read different retail
 * codes in one frame are both set aside (the camera tries the next frame);
 * each read says who made it (`readers`), and ReadConfirmer decides what
 * that is worth. zbar loads beside the primary; until it is there, or if it
 * cannot load, the primary scans alone.
 */
import type { Decoded, FrameDecoder, FrameSource, Reader } from './decoder';

const RETAIL = new Set(['ean13', 'upca']);

export class EnsembleDecoder implements FrameDecoder {
	private helper: FrameDecoder | null = null;
	private disposed = false;

	constructor(
		private readonly primary: FrameDecoder,
		helper: Promise<FrameDecoder | null>
	) {
		helper.then(
			(loaded) => {
				if (this.disposed) loaded?.dispose();
				else this.helper = loaded;
			},
			(error: unknown) => console.warn('zbar could not load; scanning without it', error)
		);
	}

	get readers(): readonly Reader[] {
		return this.helper ? ['primary', 'zbar'] : ['primary'];
	}

	get retailAlone(): boolean {
		return this.primary.retailAlone === true;
	}

	get label(): string {
		return this.helper ? `${this.primary.label} + ${this.helper.label}` : this.primary.label;
	}

	async decode(source: FrameSource): Promise<Decoded | null> {
		const first = await this.primary.decode(source);
		const helper = this.helper;
		if (!helper || (first && !RETAIL.has(first.format))) return first;
		const second = await helper.decode(source);
		if (!second) return first;
		if (!first) return { ...second, readers: ['zbar'] };
		return first.code === second.code ? { ...first, readers: ['primary', 'zbar'] } : null;
	}

	dispose(): void {
		this.disposed = true;
		this.primary.dispose();
		this.helper?.dispose();
		this.helper = null;
	}
}
