/**
 * The faces printed on labels ship with the app (Fontsource packages, served
 * from our own origin and precached by the service worker), so a label's
 * text has the same metrics — and breaks its lines in the same places — on
 * every device, online or offline, whatever fonts the device has. Arimo has
 * Arial's metrics and Cousine Courier New's (every glyph 0.6 em wide, which
 * label-content.ts's monoTextPt counts on). Latin only: other scripts fall
 * back to the device's own fonts glyph by glyph.
 */
import '@fontsource/arimo/latin-400.css';
import '@fontsource/arimo/latin-700.css';
import '@fontsource/cousine/latin-700.css';

/** The faces LabelFace and TestLabel use (their CSS names them), as shorthands for FontFaceSet.load. */
const FACES = ['400 10pt Arimo', '700 10pt Arimo', '700 10pt Cousine'];

/**
 * Loads every label face before labels are laid out for print: a face the
 * browser has not fetched yet would print in a fallback. Resolves (does not
 * reject) when a face cannot load; the label then prints in the fallback.
 */
export async function loadLabelFonts(fonts: FontFaceSet): Promise<void> {
	await Promise.all(FACES.map((face) => fonts.load(face).catch(() => [])));
}
