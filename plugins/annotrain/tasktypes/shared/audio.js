/* annotrain shared widget helper "audio": an exercise's player knows the clip's
 * length, on any server.
 *
 * An Ogg clip's length is read from its end. A server that sends no byte ranges
 * (`mkdocs serve`, and some hosts) only lets the browser read from the start, so
 * the browser reports the duration as Infinity and its player shows no total time
 * and no usable seek bar. The build measured every clip (the task's
 * audio.duration): where the browser has no finite duration, the player is sent
 * to that measured end, which makes the browser read there and find the real
 * length, and then back to the start. Used by the transcript and segments widgets.
 */
(function (annotrain) {
  "use strict";

  /** Have `audio` report a finite duration, `measured` (seconds) showing where the end is. */
  function knowDuration(audio, measured) {
    function check() {
      if (isFinite(audio.duration) || !(measured > 0)) return;
      // Chromium comes back to the start by itself; other browsers may stay at the end.
      audio.addEventListener("seeked", function back() {
        audio.removeEventListener("seeked", back);
        audio.currentTime = 0;
      });
      audio.currentTime = measured;
    }
    if (audio.readyState >= 1) check();
    else audio.addEventListener("loadedmetadata", check, { once: true });
  }

  annotrain.audio = { knowDuration: knowDuration };
})(window.annotrain = window.annotrain || {});
