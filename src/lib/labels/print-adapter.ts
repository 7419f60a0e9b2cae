/**
 * Printing behind one small contract (STYLE.md 2): the browser's print
 * dialog in the app, a recorder in tests.
 */
export interface Printer {
	/** Opens the print dialog for the current document; returns when it closes. */
	print(): void;
}

export const browserPrinter: Printer = {
	print: () => window.print()
};

export class MemoryPrinter implements Printer {
	calls = 0;
	print(): void {
		this.calls++;
	}
}
