/* annotrain DOM helpers, for the page features, the widgets and annotrain.js. Every
 * bundle loads this file before all of them (browser/bundles.py), so each takes
 * what it needs when it loads. Text goes in as text, never as markup: task text is
 * author and import data.
 *
 *   annotrain.dom.el(tag, className, text)   a new element; class and text optional
 *   annotrain.dom.mark(slot, icon, words)    a result mark in `slot`: an icon that
 *                                            screen readers skip, then the words */
(function (annotrain) {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mark(slot, icon, words) {
    var glyph = el("span", "annotrain-mark-icon", icon);
    glyph.setAttribute("aria-hidden", "true");
    slot.textContent = "";
    slot.append(glyph, words);
  }

  annotrain.dom = { el: el, mark: mark };
})(window.annotrain = window.annotrain || {});
