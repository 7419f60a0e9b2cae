/// <reference lib="webworker" />
/**
 * Unitrack's service worker: precaches the built app so that every screen,
 * deep links included, opens with the network off. A navigation to /stock
 * gets the prerendered Stock screen (the precache route finds stock.html for
 * /stock itself: cleanURLs); every other one the SPA shell (200.html), and
 * the app routes on the client.
 * A new version waits until the user accepts the update (UpdatePrompt).
 */
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare let self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes control at once, so the first visit is already offline-ready.
clientsClaim();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/200.html'), {
		denylist: [/^\/signal/, /^\/hub(\/|$)/]
	})
);
