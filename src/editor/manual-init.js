/* global window */
// Loaded before Decap CMS's bundle: Decap waits, and dateline-editor.js starts it
// once our file format, words and preview are registered (docs/decisions/0012-editor.md).
window.CMS_MANUAL_INIT = true;
