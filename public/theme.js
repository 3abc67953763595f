// Applies the reader's remembered colour theme and text size before the first paint, so the page never
// flashes in the wrong theme. Storage may be unavailable (private mode, sandboxed embed): then the system
// theme and the default size apply.
(function () {
  'use strict';
  try {
    var root = document.documentElement;
    var theme = localStorage.getItem('explainer:theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
    var size = localStorage.getItem('explainer:text-size');
    if (size === 'large' || size === 'larger' || size === 'largest') root.setAttribute('data-text-size', size);
  } catch (e) {
    /* no storage: defaults */
  }
})();
