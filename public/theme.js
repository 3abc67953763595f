// Applies the reader's remembered colour theme, text size and language before the first paint, so the page never
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
    var lang = localStorage.getItem('explainer:lang');
    if (lang === 'hi' || lang === 'en') root.setAttribute('lang', lang);
  } catch (e) {
    /* no storage: defaults */
  }
  // An embed can ask for a language (?lang=hi) without changing what the reader chose elsewhere.
  var asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'hi' || asked === 'en') document.documentElement.setAttribute('lang', asked);
})();
