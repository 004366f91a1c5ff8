/* Start-up: the manifest in the page, a deep link's search begun at once, the form wired. */

function start() {
  var holder = document.getElementById("sm-search-manifest");
  if (!holder) return;
  var manifest = JSON.parse(holder.textContent);
  useSyllables(manifest.syllables.split(" "));
  useFilters(manifest.filters);
  var root = holder.getAttribute("data-root") || "";
  var index = new Index(manifest, root);
  window.SkillmapSearch.index = index; // the browser tests compare its two ways of answering
  var asked = readState(location.search);
  var prepared = null;
  if (wanted(asked)) {
    prepared = { address: stateQuery(asked), found: index.find(asked) };
    prepared.found.then(function (found) { return index.rows(found.docs.slice(0, PAGE)); })
      .catch(function () { /* the page's own run says so */ });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { wire(index, root, asked, prepared); });
  } else wire(index, root, asked, prepared);
}

function wire(index, root, asked, prepared) {
  var form = document.querySelector("form[data-search-form]");
  if (!form) return;
  var page = new Page(index, root, form);
  page.prepared = prepared;
  var timer = 0;
  var busy = false, again = false;
  /* Results as you type: a keystroke while nothing runs searches at once; keystrokes during a
     search are coalesced into one more search when it ends. */
  function typed() {
    if (busy) { again = true; return; }
    busy = true;
    page.run().then(function () {
      busy = false;
      page.showSuggestions(form.elements.q.value);
      if (again) { again = false; typed(); }
    });
  }
  form.addEventListener("input", function (event) {
    if (event.target && event.target.name) delete page.pinned[event.target.name];
    if (event.target && event.target.name !== "q") return; // selects and boxes run on change
    clearTimeout(timer);
    timer = setTimeout(typed, 0);
  });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "q") return;
    if (event.target && event.target.name) delete page.pinned[event.target.name];
    page.run();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); page.run(); });
  page.more.addEventListener("click", function () { page.page(page.generation); });
  form.classList.add("sm-search--live");
  page.fill(asked);
  // Back from a hit: the same hits, as many as were shown, at the same place (the page is
  // built again from the address, so the browser's own scroll restoring would land too early).
  var place = recall();
  if (place && "scrollRestoration" in history) history.scrollRestoration = "manual";
  window.addEventListener("pagehide", function () { keep(page); });
  // Suggestions are wanted with the first results: their names file comes in an idle moment
  // after the page's own search, while the reader has not typed yet.
  var idle = window.requestIdleCallback || function (callback) { return setTimeout(callback, 200); };
  page.run().then(function () {
    return place ? page.restore(place) : null;
  }).then(function () {
    idle(function () { index.names().catch(function () { /* fetched again when typed */ }); });
  });
}

var PLACE = "skillmap-search-place";

/* Where the reader was in the hits of this address, kept for the tab's Back button. */
function keep(page) {
  try {
    sessionStorage.setItem(PLACE, JSON.stringify({ at: location.search, shown: page.shown, y: window.scrollY }));
  } catch (e) { /* private mode: Back shows the first page of hits */ }
}

function recall() {
  try {
    var place = JSON.parse(sessionStorage.getItem(PLACE) || "null");
    sessionStorage.removeItem(PLACE);
    return place && place.at === location.search ? place : null;
  } catch (e) { return null; }
}

/* Show as many hits as were shown, then scroll to where the reader was. */
Page.prototype.restore = function (place) {
  var self = this, generation = this.generation;
  function more() {
    if (generation !== self.generation || self.shown >= Math.min(place.shown, self.found.total)) return null;
    return self.page(generation).then(more);
  }
  return Promise.resolve(more()).then(function () {
    if (generation === self.generation) window.scrollTo(0, place.y || 0);
  });
};

window.SkillmapSearch = { normalize: normalize, queryTerms: queryTerms, fnv1a: fnv1a, timings: timings };
start();
