// Server-only (build time): page options here ship no code to the browser.
// The first screen is prerendered with its layout (the header, the screen's
// frame and its loading state), so a first visit paints before the
// JavaScript arrives; the app then hydrates it. Every other screen is the
// single-page app's (+layout.ts).
export const ssr = true;
export const prerender = true;
