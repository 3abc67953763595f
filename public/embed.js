// Host-page helper for embedding the explainer: sizes each <iframe data-explainer> to the content height its
// page reports. Message format (version 1), sent by the explainer to its parent:
//   { type: "explainer:height", version: 1, height: <CSS pixels, number> }
// Only messages from one of our iframes' windows, from the origin of its src (or "null" for a sandboxed frame
// without allow-same-origin), with that exact shape, are applied; everything else is ignored.
(() => {
  'use strict';
  const MAX = 100000;
  addEventListener('message', (event) => {
    const d = event.data;
    if (!d || typeof d !== 'object' || d.type !== 'explainer:height' || d.version !== 1) return;
    if (typeof d.height !== 'number' || !Number.isFinite(d.height) || d.height < 0 || d.height > MAX) return;
    for (const frame of document.querySelectorAll('iframe[data-explainer]')) {
      if (frame.contentWindow !== event.source) continue;
      let expected;
      try {
        expected = new URL(frame.src, location.href).origin;
      } catch (_) {
        return;
      }
      const sandboxed = frame.hasAttribute('sandbox') && !/\ballow-same-origin\b/.test(frame.getAttribute('sandbox'));
      if (event.origin !== expected && !(sandboxed && event.origin === 'null')) return;
      frame.style.height = `${Math.ceil(d.height)}px`;
      frame.setAttribute('scrolling', 'no');
      return;
    }
  });
})();
