// The carerlink service worker: it only wires events to the small handlers beside it.
import { openNotification, showPush, tellOpenWindows } from './notifications.js';
import { precacheShell, removeOldShells, respond } from './shell.js';
import { resubscribe } from './subscription.js';
import { replayFromWorker } from './sync.js';
import { SYNC_TAG } from '../offline/sync-tag.js';

const origin = self.location.origin;

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell(caches).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(removeOldShells(caches).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const answer = respond(caches, event.request, origin);
  if (answer) event.respondWith(answer);
});

self.addEventListener('push', (event) => {
  event.waitUntil(
    showPush(self.registration, event.data, origin, self.navigator).then((path) => tellOpenWindows(self.clients, path, origin)),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openNotification(self.clients, event.notification, origin));
});

self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(resubscribe(self, event));
});

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(replayFromWorker(self));
});
