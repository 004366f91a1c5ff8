/* The index: the manifest, its shards and display files, and the ranking of hits. */

var PAGE = 20;
var DOC_SPACE = 1048576; // 2^20 document numbers fit a ranking key: 50 times the largest catalogue measured
var KIND_FACTOR = { han: 1, pinyin: 1, word: 1, initials: 0.8, split: 0.6 };
// The filters (search/facets.py, handed over in the manifest's `filters`): URL parameters in their
// order, facet token prefixes, what only projects have, what `group` applies to, their labels.
var FILTERS = null, PARAMS = [];

function useFilters(filters) {
  FILTERS = filters;
  PARAMS = filters.params;
}

var timings = []; // milliseconds from a query's start to its hits on the page (the benchmark reads them)

function Index(manifest, root) {
  this.m = manifest;
  this.root = root;
  this.base = root + manifest.dir;
  this.shards = {};
  this.chunks = {};
  this.decoded = {};
  this.terms = new Map();
  this.known = {}; // doc → its display row, from a prepared search's file
  // The weight of a field mask is its best field's: a table over every mask, built once.
  var bits = 0;
  for (var key in manifest.fields) bits |= manifest.fields[key][0];
  this.weights = [];
  for (var mask = 0; mask <= bits; mask++) {
    var best = 0;
    for (var name in manifest.fields) {
      var field = manifest.fields[name];
      if (mask & field[0] && field[1] > best) best = field[1];
    }
    this.weights.push(best);
  }
  this.regions = {};
  for (var i = 0; i < manifest.regions.length; i++) {
    var r = manifest.regions[i];
    this.regions[r[0]] = { code: r[0], name: r[1], parent: r[2] };
  }
}

/* One index file, parsed. XMLHttpRequest, not fetch: while the page is still being parsed and
   laid out, Chromium handed a fetch's body to the script 200–750 ms after it arrived (4× CPU
   throttling, 8 runs) and fired an XHR's load after 90–280 ms: a deep link's prepared answer is
   then there when the form is (docs/search-benchmarks.md). */
Index.prototype.json = function (cache, name) {
  if (!cache[name]) {
    var url = this.base + name;
    cache[name] = new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open("GET", url);
      request.onload = function () {
        if (request.status < 200 || request.status > 299) return reject(new Error(request.status + " " + name));
        try { resolve(JSON.parse(request.responseText)); } catch (error) { reject(error); }
      };
      request.onerror = request.onabort = request.ontimeout = function () { reject(new Error("network " + name)); };
      request.send();
    });
    cache[name].catch(function () { delete cache[name]; }); // a flaky network: the next try fetches again
  }
  return cache[name];
};

/* token → Map(doc → mask); facet tokens carry mask 0. Decoded once per token: a further
   keystroke reuses what the last one decoded. */
Index.prototype.postings = function (token) {
  var self = this;
  if (this.decoded[token]) return this.decoded[token];
  var facet = token.charAt(0) === "@";
  this.decoded[token] = this.json(this.shards, "p" + (fnv1a(token) % this.m.shards) + ".json").then(function (shard) {
    return decode(shard[token] || "", facet);
  });
  this.decoded[token].catch(function () { delete self.decoded[token]; });
  return this.decoded[token];
};

/* "gap,mask,gap,mask…" (facets: "gap,gap…") → Map(doc → mask), read digit by digit. */
function decode(raw, facet) {
  var out = new Map();
  if (!raw) return out;
  var doc = 0, number = 0, odd = false;
  for (var i = 0; i <= raw.length; i++) {
    var c = i < raw.length ? raw.charCodeAt(i) : 44;
    if (c !== 44) { number = number * 10 + (c - 48); continue; }
    if (facet) { doc += number; out.set(doc, 0); }
    else if (!odd) doc += number;
    else out.set(doc, number);
    odd = !odd;
    number = 0;
  }
  return out;
}

/* One term: doc → {w, title}, the best of its alternatives. */
/* The docs whose field holds all of an alternative's tokens: doc → mask of the fields that do. */
function together(lists) {
  var sorted = lists.slice().sort(function (a, b) { return a.size - b.size; });
  var out = new Map();
  sorted[0].forEach(function (mask, doc) {
    for (var i = 1; i < sorted.length && mask; i++) mask &= sorted[i].get(doc) || 0;
    if (mask) out.set(doc, mask);
  });
  return out;
}

/* One term: doc → {w, title}, the best of its alternatives. A run typed without a space across
   two names (包头电工, baotoudiangong) matches in no single field: it is then cut where the
   pairs stop sharing a field, and each piece must match on its own (AND). */
Index.prototype.term = function (alternatives) {
  // A further keystroke mostly repeats the words before it: each term's hits are kept.
  var key = JSON.stringify(alternatives);
  if (!this.terms.has(key)) {
    if (this.terms.size >= 64) this.terms.delete(this.terms.keys().next().value);
    var found = this.termHits(alternatives);
    var terms = this.terms;
    found.catch(function () { terms.delete(key); });
    this.terms.set(key, found);
  }
  return this.terms.get(key);
};

Index.prototype.termHits = function (alternatives) {
  // Initials split over two names (btyx) are read only when no name has them whole: a second
  // round of files, and no stray hits for hhht from 呼和 in one field and 和浩 in another.
  var self = this;
  var first = alternatives.filter(function (alt) { return alt.kind !== "split"; });
  var split = alternatives.filter(function (alt) { return alt.kind === "split"; });
  return this.readings(first).then(function (hits) {
    return hits.size || !split.length ? hits : self.readings(split);
  });
};

/* The docs any of the alternatives matches: doc → {w, title, q (how well it matched)}, the best of them. */
Index.prototype.readings = function (alternatives) {
  var self = this;
  // How well a word matched (documents.py QUALITY): 0 in a name, title or keyword; 1 only in an
  // occupation's alias; 2 only in the course text.
  var quality = this.m.quality || [-1, 0, 0];
  var grade = function (mask) { return mask & quality[0] ? 0 : mask & quality[1] ? 1 : 2; };
  var wholeSet = this.wholeNames; // known once the names are in: a WHOLE reading of no common name is skipped
  if (wholeSet) alternatives = alternatives.filter(function (alt) { return alt.tokens[0][0] !== WHOLE || wholeSet.has(alt.tokens[0]); });
  return Promise.all(alternatives.map(function (alt) {
    return Promise.all(alt.tokens.map(function (t) { return self.postings(t); })).then(function (lists) {
      if (alt.kind === "split") return lists; // each part in a field of its own
      var whole = together(lists);
      if (whole.size || lists.length < 2 || !alt.units) return [whole];
      return self.pieces(alt, lists);
    }).then(function (parts) {
      var out = null;
      parts.forEach(function (part) {
        var next = new Map();
        part.forEach(function (mask, doc) {
          var hit = { w: self.weights[mask] * KIND_FACTOR[alt.kind], title: (mask & 1) === 1, q: grade(mask) };
          if (out === null) next.set(doc, hit);
          else if (out.has(doc)) {
            var old = out.get(doc);
            next.set(doc, { w: old.w + hit.w, title: old.title || hit.title, q: Math.max(old.q, hit.q) });
          }
        });
        out = next;
      });
      return out || new Map();
    });
  })).then(function (results) {
    var merged = new Map();
    results.forEach(function (result) {
      result.forEach(function (hit, doc) {
        var old = merged.get(doc);
        if (!old) merged.set(doc, { w: hit.w, title: hit.title, q: hit.q });
        else {
          if (hit.w > old.w) old.w = hit.w;
          old.title = old.title || hit.title;
          old.q = Math.min(old.q, hit.q);
        }
      });
    });
    return merged;
  });
};

/* Cut a run (its pair tokens' postings in order) into pieces that each share a field. */
Index.prototype.pieces = function (alt, lists) {
  var self = this;
  var pick = function (ids) { return ids.map(function (j) { return lists[j]; }); };
  var groups = [], current = [];
  for (var i = 0; i < lists.length; i++) {
    if (!current.length) { if (lists[i].size) current = [i]; continue; }
    if (together(pick(current.concat([i]))).size) current.push(i);
    else { groups.push(current); current = []; } // pair i spans the cut: it is dropped
  }
  if (current.length) groups.push(current);
  // A pair i joins units i and i+1; a unit no kept pair covers stands alone as a single token.
  var covered = {}, singles = [];
  groups.forEach(function (g) { g.forEach(function (i) { covered[i] = covered[i + 1] = true; }); });
  alt.units.forEach(function (unit, i) { if (!covered[i]) singles.push(unit); });
  return Promise.all(singles.map(function (t) { return self.postings(t); })).then(function (alone) {
    return groups.map(function (g) { return together(pick(g)); }).concat(alone);
  });
};

/* A filter: the docs any of its values admit (null: no such filter). */
Index.prototype.facet = function (param, values) {
  var self = this;
  var tokens = [];
  values.forEach(function (value) {
    var region = param === "region" && self.regions[value];
    if (!region) return tokens.push(FILTERS.prefix[param] + value);
    // A 盟市 takes in its 旗县; a 旗县 also shows its 盟市's own (facets.py REGION_TOKENS).
    FILTERS.regionTokens[region.parent ? "county" : "prefecture"].forEach(function (t) {
      tokens.push(t.replace("{code}", value).replace("{parent}", region.parent));
    });
  });
  return Promise.all(tokens.map(function (t) { return self.postings(t); })).then(function (lists) {
    var out = new Set();
    lists.forEach(function (list) { list.forEach(function (_, doc) { out.add(doc); }); });
    return out;
  });
};

/* Places and occupations for suggestions: fetched once, when the page is idle, and expanded to
   the entries of index.py's names() (the lunr index of names counts them in this order):
   [kind, key, label, name as searched, its pinyin, its initials, 1 for a common name]. */
Index.prototype.names = function () {
  var self = this;
  if (!this.named) {
    this.named = this.json(this.chunks, "names.json").then(function (compact) {
      var entries = expandNames(compact, self.regions);
      self.wholeNames = wholeNames(entries);
      return entries;
    });
    this.named.catch(function () { self.named = null; }); // a flaky network: fetched again when typed
  }
  return this.named;
};

function expandNames(compact, regions) {
  var out = [];
  var entry = function (kind, key, label, name, sylls, alias) {
    var units = sylls ? sylls.split(" ") : [];
    var initials = units.map(function (u) { return u[0]; }).join("");
    out.push([kind, key, label, normalize(name).replace(/ /g, ""), units.join(""), initials, alias]);
  };
  compact[0].forEach(function (p) {
    if (p.length > 2) return entry("region", p[0], p[3], p[1], p[2], 1); // people's words: 百灵庙
    entry("region", p[0], placeLabel(regions, p[0]), regions[p[0]].name, p[1], 0);
  });
  compact[1].forEach(function (o) {
    entry("occupation", o[0], o[0], o[0], o[1], 0);
    for (var i = 2; i < o.length; i++) entry("occupation", o[0], o[0] + "（" + o[i][0] + "）", o[i][0], o[i][1], 1);
  });
  return out;
}

/* The whole-name tokens the index can hold (tokens.py whole_tokens of every common name): a
   query's WHOLE reading of anything else has no postings, so its file is not fetched. */
function wholeNames(entries) {
  var set = new Set();
  entries.forEach(function (e) {
    if (e[0] !== "occupation" || !e[6]) return;
    var parts = runs(e[3]);
    set.add(WHOLE + parts.join(""));
    if (parts.length && parts.every(isHan)) set.add(WHOLE + e[4]);
  });
  return set;
}

Index.prototype.suggestions = function (query) {
  var wanted = normalize(query).replace(/ /g, "");
  if (!wanted) return Promise.resolve([]);
  var han = isHan(wanted);
  return this.names().then(function (entries) {
    var scored = [];
    entries.forEach(function (e) {
      var plain = e[3], pinyin = e[4], initials = e[5], rank = -1;
      if (han) rank = plain === wanted ? 0 : plain.indexOf(wanted) === 0 ? 1 : plain.indexOf(wanted) > 0 ? 2 : -1;
      else if (pinyin.indexOf(wanted) === 0 || initials === wanted) rank = 1;
      else if (initials.indexOf(wanted) === 0 && wanted.length > 1) rank = 2;
      // Places before occupations, official names before common ones (包头市 before 保康 for bao).
      if (rank >= 0) scored.push([rank, e[0] === "region" ? 0 : 1, e[6] || 0, plain.length, e]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    var seen = {};
    return scored.map(function (x) { return x[4]; }).filter(function (e) {
      var key = e[0] + e[1];
      if (seen[key]) return false;
      return (seen[key] = true);
    }).slice(0, 3);
  });
};

/* The display rows of the best institutions whose name matched, in rank order. */
Index.prototype.institutions = function (found, limit) {
  var picked = [];
  var docs = found ? found.docs : [];
  for (var i = 0; i < docs.length && picked.length < limit; i++) {
    var hit = found.hits.get(docs[i]);
    if (hit && hit.title && this.m.blocks[this.block(docs[i])][0] === "institution") picked.push(docs[i]);
  }
  return this.rows(picked);
};

/* A corrected spelling when nothing matches: lunr.js (loaded only then) over the names, fuzzily. */
Index.prototype.corrections = function (query) {
  var self = this;
  var wanted = normalize(query).replace(/ /g, "");
  if (!wanted || !this.m.lunr) return Promise.resolve([]);
  if (!this.lunr) {
    this.lunr = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = self.root + self.m.lunr;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      return Promise.all([self.json(self.chunks, "names-lunr.json"), self.names()]);
    }).then(function (both) {
      return { index: window.lunr.Index.load(both[0]), entries: both[1] };
    });
  }
  return this.lunr.then(function (names) {
    var distance = wanted.length > 5 ? 2 : 1;
    var found = names.index.query(function (q) {
      q.term(wanted, { editDistance: distance, usePipeline: false });
    });
    var seen = {};
    return found.map(function (hit) { return names.entries[+hit.ref]; }).filter(function (e) {
      if (seen[e[0] + e[1]]) return false;
      return (seen[e[0] + e[1]] = true);
    }).slice(0, 3);
  });
};

/* A hit's place as RegionTree.label writes it (新城区（呼和浩特市）): the index carries the
   region's code (documents.place), or the label itself for a region the manifest does not list. */
Index.prototype.placeLabel = function (place) {
  return placeLabel(this.regions, place);
};

function placeLabel(regions, code) {
  var r = regions[code];
  if (!r) return code;
  return r.parent && regions[r.parent] ? r.name + "（" + regions[r.parent].name + "）" : r.name;
}

/* A record's page (domain/urls.py url_for, via the manifest's `urls`). */
Index.prototype.recordUrl = function (type, id) {
  return this.m.urls[type].replace("{id}", encodeURIComponent(id));
};

/* A document's block, from a table built once: ranking asks it several times per hit. */
Index.prototype.block = function (doc) {
  if (!this.blockOf) {
    var blocks = this.m.blocks;
    this.blockOf = new Uint8Array(this.m.count).fill(blocks.length);
    for (var i = 0; i < blocks.length; i++) this.blockOf.fill(i, blocks[i][2], blocks[i][3]);
  }
  return doc < this.m.count ? this.blockOf[doc] : this.m.blocks.length;
};

Index.prototype.rows = function (docs) {
  var self = this;
  var size = this.m.chunk;
  var names = {};
  docs.forEach(function (doc) { if (!(doc in self.known)) names["d" + Math.floor(doc / size) + ".json"] = true; });
  return Promise.all(Object.keys(names).map(function (name) { return self.json(self.chunks, name); })).then(
    function () {
      return Promise.all(docs.map(function (doc) {
        if (doc in self.known) return self.known[doc];
        return self.json(self.chunks, "d" + Math.floor(doc / size) + ".json").then(function (rows) {
          return rows[doc % size];
        });
      }));
    }
  );
};

/* Docs that every term matches: doc → {w, title}, the terms' weights summed. */
Index.prototype.allTerms = function (terms) {
  var self = this;
  return Promise.all(terms.map(function (t) { return self.term(t); })).then(function (results) {
    if (results.length === 1) return results[0];
    results.sort(function (a, b) { return a.size - b.size; });
    var out = new Map();
    results[0].forEach(function (hit, doc) {
      var score = hit.w, title = hit.title, q = hit.q;
      for (var i = 1; i < results.length; i++) {
        var other = results[i].get(doc);
        if (!other) return;
        score += other.w;
        title = title || other.title;
        q = Math.max(q, other.q);
      }
      out.set(doc, { w: score, title: title, q: q });
    });
    return out;
  });
};

/* Whether a joined run's syllables are exactly its spaced parts' syllables. */
function sameSyllables(joinedTerm, parts) {
  var units = joinedTerm[0].units || [joinedTerm[0].tokens[0]];
  var apart = [];
  for (var i = 0; i < parts.length; i++) {
    var sylls = splitSyllables(parts[i]);
    if (sylls === null) return false;
    apart = apart.concat(sylls);
  }
  return joinedTerm[0].kind === "pinyin" && units.join(" ") === apart.join(" ");
}

/* The key of a prepared search (scripts/skillmap/search/prepared.py): no words, at most one
   region and one other filter value, each one the site offers. null for any other state. */
Index.prototype.preparedKey = function (state) {
  var values = this.m.prepared;
  if (!values || state.q.trim() || state.region.length > 1) return null;
  if (state.region.length && !this.regions[state.region[0]]) return null;
  var parts = state.region.length ? ["region=" + state.region[0]] : [];
  var others = [];
  for (var i = 0; i < PARAMS.length; i++) {
    var p = PARAMS[i], vals = state[p], offered = values[p];
    if (p === "q" || p === "region" || !vals.length) continue;
    if (vals.length > 1 || !offered || offered.indexOf(vals[0]) < 0) return null;
    others.push(p);
    parts.push(p + "=" + vals[0]);
  }
  // One filter besides the region; or a group with the type it lists (group=…&type=project).
  if (others.length > 2) return null;
  if (others.length === 2 && !(others[0] === "group" && others[1] === "type" &&
    values["group+type"].indexOf(state.type[0]) >= 0)) return null;
  return parts.length ? parts.join("&") : null;
};

/* The hits of a state: a prepared search's file (one request: its first page of hits, their
   rows, the count) when the build wrote one, otherwise a search of the index. */
Index.prototype.find = function (state) {
  var self = this;
  var key = this.preparedKey(state);
  if (key === null) return this.search(state);
  return this.json(this.chunks, "s" + fnv1a(key).toString(36) + ".json").then(function (answers) {
    var answer = answers[key];
    if (!answer) return self.search(state);
    answer.d.forEach(function (doc, i) { self.known[doc] = answer.r[i]; });
    return { docs: answer.d, total: answer.n, endedOnly: !!answer.e, hits: new Map(), state: state, partial: answer.n > answer.d.length };
  }, function () { return self.search(state); }); // an index without the file: searched as any other state
};

/* The ranked hits of a query and its filters: {docs, total, endedOnly, hits}. */
Index.prototype.search = function (state) {
  var self = this;
  var terms = queryTerms(state.q);
  var blocks = this.m.blocks;
  var allowedBlocks = blocks.map(function (b) {
    if (state.type.length && state.type.indexOf(b[0]) < 0) return false;
    var projectOnly = FILTERS.projectOnly.some(function (p) { return state[p].length; });
    if (projectOnly && b[0] !== "project") return false;
    if (state.group.length && FILTERS.groupTypes.indexOf(b[0]) < 0) return false;
    if (state.status.indexOf("all") >= 0) return true;
    if (state.status.length) return state.status.indexOf(b[1] === "closed" ? "closed" : b[1]) >= 0;
    return true;
  });
  var facetParams = ["region", "schedule", "mode", "level", "group", "free"].filter(function (p) {
    return state[p].length;
  });
  var facets = Promise.all(facetParams.map(function (p) { return self.facet(p, state[p]); }));
  // Spaced pinyin (bao tou): records where the syllables stand together rank first. When the
  // spaces fall between the syllables of the joined run (bao|tou, not xi|an read as xian),
  // the syllables standing together are what was meant: only if nothing has them are the
  // syllables taken apart (a second round of files, and only then).
  var parts = runs(state.q);
  var spaced = parts.length > 1 && parts.every(function (r) { return /^[a-z]+$/.test(r); });
  var joinedTerm = spaced ? termAlternatives(parts.join("")) : null;
  var joined = spaced ? this.term(joinedTerm) : Promise.resolve(new Map());
  var allOf = function () { return self.allTerms(terms); };
  var matched = !terms.length ? Promise.resolve(null)
    : spaced && sameSyllables(joinedTerm, parts) ? joined.then(function (j) { return j.size ? j : allOf(); })
    : allOf();
  return Promise.all([matched, facets, joined]).then(function (both) {
    var hits = both[0], sets = both[1], together = both[2];
    var candidates = [];
    if (hits) hits.forEach(function (hit, doc) { candidates.push(doc); });
    else if (sets.length) sets[0].forEach(function (doc) { candidates.push(doc); });
    else for (var d = 0; d < self.m.count; d++) candidates.push(d); // type or status alone
    candidates = candidates.filter(function (doc) {
      if (!allowedBlocks[self.block(doc)]) return false;
      for (var i = 0; i < sets.length; i++) if (!sets[i].has(doc)) return false;
      return true;
    });
    var endedBlock = blocks.length - 1;
    var endedOnly = false;
    if (!state.status.length) {
      var current = candidates.filter(function (doc) { return self.block(doc) !== endedBlock; });
      if (current.length) candidates = current;
      else endedOnly = candidates.length > 0; // nothing else matches: ended projects, said so
    }
    hits = hits || new Map();
    // Every word in a name, title or keyword first; then records with a word found only inside
    // an occupation's alias; then those with a word only in the course text (SPEC §6); then by block (enrolling, closed, institutions,
    // brands, cases), title hits first within a block; for spaced pinyin that stands
    // together, the title counts only if the joined syllables are in it. Among hits that rank
    // alike, those sharing a display file come first: fewer requests.
    var size = self.m.chunk, density = {}, none = { w: 0, title: false, q: 0 };
    candidates.forEach(function (doc) { var c = Math.floor(doc / size); density[c] = (density[c] || 0) + 1; });
    // The keys packed into one number each (exact below 2^53), sorted as numbers: no object
    // per hit and no comparison function, which on a slow phone is most of a keystroke's work.
    // From the highest digits: ended, apart, quality, block, title (8 bits); weight, best first
    // (14 bits, tenths); display-file density, densest first (6 bits); the doc number (20 bits).
    var keys = new Float64Array(candidates.length);
    candidates.forEach(function (doc, i) {
      var hit = hits.get(doc) || none, joint = together.get(doc), block = self.block(doc);
      var title = joint ? joint.title : hit.title, q = joint ? joint.q : hit.q;
      var head = (block === endedBlock ? 1 : 0) * 128 + (joint ? 0 : 1) * 64 + q * 16 + block * 2 + (title ? 0 : 1);
      var weight = Math.min(16383, Math.round((joint ? joint.w : hit.w) * 10));
      var dense = Math.min(63, density[Math.floor(doc / size)]);
      keys[i] = head * DOC_SPACE * 64 * 16384 + (16383 - weight) * DOC_SPACE * 64 + (63 - dense) * DOC_SPACE + doc;
    });
    keys.sort();
    candidates = Array.prototype.map.call(keys, function (k) { return k % DOC_SPACE; });
    return { docs: candidates, total: candidates.length, hits: hits, endedOnly: endedOnly };
  });
};
