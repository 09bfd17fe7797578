/* annotrain downloads: a text offered to the learner as a file (an attempt, a
 * practice record, a progress file, a portfolio). Only the pages that offer one
 * (quizzes, the progress page) load it, before their own scripts:
 *
 *   annotrain.download(name, text, type)
 */
(function (annotrain) {
  "use strict";

  var el = annotrain.dom.el;

  /** Offer `text` as a file called `name` to download. */
  annotrain.download = function (name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  };
})(window.annotrain = window.annotrain || {});
