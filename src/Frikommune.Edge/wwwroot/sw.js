'use strict';
// The page's service worker: makes the page installable, shows notifications on phones, and keeps a copy of the
// page's own files for a moment without Wi-Fi. It never touches API data, the event stream, camera pictures or
// "/" itself (which needs a login): those requests are not intercepted at all, so no cache can hold them.
const CACHE = 'frikommune-page-v1';
const FILES = [
  '/assets/app.css', '/assets/app.js', '/assets/alerting.js', '/assets/session.js',
  '/assets/manifest.webmanifest', '/assets/icon.svg', '/assets/icon-192.png', '/assets/icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !FILES.includes(url.pathname)) return;
  // Network first, so an update shows at once; the copy only when the gateway does not answer.
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
      }
      return response;
    })
    .catch(() => caches.match(event.request).then((copy) => copy || Response.error())));
});

// A tap on an alarm notification brings the page to the front.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    return open ? open.focus() : self.clients.openWindow('/');
  }));
});
