// leadkit's service worker: keeps the app shell (index.html, the JS glue, the wasm, CSS,
// icons, manifest) in one cache per build so the app opens with no network, and moves
// to a new build only when the user says so.
//
// `cargo xtask build` replaces __BUILD_VERSION__ with a hash of the shell's files and
// the SHELL list with their paths, so every build that changes a file is a new worker.
// Why cache-first from the worker's own cache: the JS glue and the wasm must come from
// the same build; a page of build A that fetched build B's wasm would break. A worker
// only ever serves the files it installed, and a new worker waits (no automatic
// skipWaiting) until the page asks it to take over and then reloads.

const VERSION = "__BUILD_VERSION__";
const CACHE = `leadkit-shell-${VERSION}`;
const SHELL = ["__PRECACHE__"];

// Paths that always go to the network and are never cached: the API, form capture and
// tracking are live data, not shell.
const NETWORK_ONLY = [/^\/api\//, /^\/f\//, /^\/t$/];

self.addEventListener("install", (event) => {
  // addAll is all or nothing: a half-downloaded shell never becomes a version. Each
  // file is fetched past the HTTP cache so an older copy cannot slip into this build.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL.map((path) => new Request(path, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith("leadkit-shell-") && name !== CACHE).map((name) => caches.delete(name))),
      ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NETWORK_ONLY.some((pattern) => pattern.test(url.pathname))) return;
  if (request.mode === "navigate") {
    // Every view is the same single page: answer with this build's index.html.
    event.respondWith(fromShell("/", request));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(fromShell(url.pathname, request));
  }
});

/** This build's copy of `path`; the network only if the cache lost it. */
async function fromShell(path, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(path);
  return cached || fetch(request);
}
