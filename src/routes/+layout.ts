// A single-page app: everything runs in the browser against IndexedDB.
export const ssr = false;
export const prerender = false;
