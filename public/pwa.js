// Registers the service worker and brokers updates with the app: when a new version has finished installing,
// it fires `explainer:update-available`; the app's "Reload" fires `explainer:apply-update`, the waiting worker
// takes over, and the page reloads once it controls the page — so old HTML never meets new wasm.
// Opt out (development): add `?sw=off` to the URL once, or run localStorage.setItem('explainer:sw', 'off').
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.has('embed')) return; // embeds stay online-only and never install a worker in the host's page
  let sw;
  try {
    sw = navigator.serviceWorker; // throws in a sandboxed frame without allow-same-origin
  } catch (_) {
    return;
  }
  if (!sw) return;
  let optOut = params.get('sw') === 'off';
  try {
    if (optOut) localStorage.setItem('explainer:sw', 'off');
    if (params.get('sw') === 'on') localStorage.removeItem('explainer:sw');
    optOut = optOut || localStorage.getItem('explainer:sw') === 'off';
  } catch (_) {
    /* storage may be unavailable: the URL flag still works */
  }
  if (optOut) {
    sw.getRegistrations().then((rs) => rs.forEach((r) => r.unregister())).catch(() => {});
    return;
  }
  const base = document.querySelector('meta[name="explainer-base"]')?.content || '/';
  // The worker serves a reader who chose Hindi the Hindi page of each route (sw.js); it cannot read
  // localStorage, so the choice is mirrored into a cache it can read, now and whenever the language changes.
  const mirrorLang = async () => {
    let lang = null;
    try {
      lang = localStorage.getItem('explainer:lang');
    } catch (_) {
      /* no storage: no choice to mirror */
    }
    try {
      const prefs = await caches.open('explainer:prefs');
      const key = `${base}__prefs/lang`;
      const held = await prefs.match(key);
      if (((held && (await held.text())) || null) === lang) return;
      await (lang ? prefs.put(key, new Response(lang)) : prefs.delete(key));
    } catch (_) {
      /* no Cache Storage (an insecure origin, storage full): English pages until the app is live */
    }
  };
  // One after another: two quick changes must leave the last one.
  let mirrored = Promise.resolve();
  const syncLang = () => {
    mirrored = mirrored.then(mirrorLang);
  };
  syncLang();
  new MutationObserver(syncLang).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  let reloading = false;
  // Also left on the root element: the wasm may start after the event fired (a worker already waiting at load).
  const announce = () => {
    document.documentElement.dataset.explainerUpdate = 'ready';
    dispatchEvent(new CustomEvent('explainer:update-available'));
  };
  sw.register(`${base}sw.js`, { scope: base })
    .then((reg) => {
      if (reg.waiting && sw.controller) announce();
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && sw.controller) announce();
        });
      });
      addEventListener('explainer:apply-update', () => {
        if (!reg.waiting) return location.reload();
        reloading = true;
        reg.waiting.postMessage({ type: 'SKIP_WAITING' });
      });
      // Look for a new version when the app comes back to the foreground, and every half hour.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
      setInterval(() => reg.update().catch(() => {}), 30 * 60 * 1000);
    })
    .catch(() => {});
  sw.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
})();
