/** Random ids for events and records: 16 base-36 characters from the platform CSPRNG. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(length = 16): string {
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	let id = '';
	for (const b of bytes) id += ALPHABET[b % 36];
	return id;
}
