(function () {
  'use strict';
  // Counts uncaught errors, rejected promises and CSP violations on <html data-js-errors>, so browser
  // tests (and curious readers) can tell a page that broke from one that rendered.
  var count = 0;
  function mark() {
    count++;
    document.documentElement.setAttribute('data-js-errors', String(count));
  }
  window.addEventListener('error', mark);
  window.addEventListener('unhandledrejection', mark);
  document.addEventListener('securitypolicyviolation', mark);
})();
