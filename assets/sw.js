// Case Assessor's service worker: the app works offline after its first load.
//
// This file is a template: the post-build hook tools/offline.mjs writes dist/sw.js from it, filling
// in the build's file list and a version made from the files' contents. Do not serve it as it is.
//
// - Install: every file of the build is fetched into a cache named after this app's folder and the
//   version (the app shell, rules/index.toml and every rule set it lists), all or nothing.
// - Fetch: a file of the build comes from that cache (so a page always gets one consistent
//   version); opening the app's folder (or its index.html) gets the cached index.html; any other
//   request within the folder goes to the network, and a copy of a good answer is kept for when
//   the network is gone.
// - Update: a new version installs beside the old one and waits. It takes over only when a page
//   asks it to (the page does so when the user chooses to reload and the open draft is saved) or
//   when every page of the old version is closed. Then the old version's cache is deleted.
'use strict';

const VERSION = '__VERSION__';
const FILES = __FILES__;

const SCOPE = new URL(self.registration.scope);
const PREFIX = `case-assessor:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', SCOPE).href;
const PRECACHED = new Set(FILES.map((f) => new URL(f, SCOPE).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `reload`: the browser's HTTP cache must not hand back an older copy of an unhashed file.
    await cache.addAll(FILES.map((f) => new Request(new URL(f, SCOPE), { cache: 'reload' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'case-assessor:activate') self.skipWaiting();
});

/** A cached response a navigation may use (one that was redirected may not be). */
async function forNavigation(res) {
  if (!res || !res.redirected) return res;
  return new Response(await res.blob(), { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function answer(request) {
  const url = new URL(request.url);
  url.hash = '';
  const cache = await caches.open(CACHE);
  // The page itself, whatever its query (the iframe route's ?host-origin=...).
  const page = url.origin + url.pathname;
  if (request.mode === 'navigate' && (page === SCOPE.href || page === INDEX)) {
    const hit = await cache.match(INDEX);
    if (hit) return forNavigation(hit);
  }
  if (PRECACHED.has(url.href)) {
    const hit = await cache.match(url.href);
    if (hit) return hit;
  }
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE.href)) return;
  event.respondWith(answer(request));
});
