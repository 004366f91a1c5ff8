/* 培训导航图 search: loaded only by /search/. Reads the manifest in the page, fetches only the
   index shards of the query's own tokens and the display chunks of the hits it shows.
   Normalising and tokenising follow scripts/skillmap/search/{normalize,tokens}.py exactly
   (tests/search/vectors.json is run against both). */
(function () {
  "use strict";

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff";
  var SEPARATORS = new RegExp("[^a-z0-9" + HAN + "]+", "g");
  var RUNS = new RegExp("[" + HAN + "]+|[a-z]+|[0-9]+", "g");
  var INITIALS = "^";
  var WHOLE = "="; // tokens.py WHOLE: a common name typed whole, as good as the occupation's name
  var MAX_INITIALS = 8; // tokens.py MAX_INITIALS: the longest initials run indexed inside a name
  var PAGE = 20;
  var DOC_SPACE = 1048576; // 2^20 document numbers fit a ranking key: 50 times the largest catalogue measured
  var KIND_FACTOR = { han: 1, pinyin: 1, word: 1, initials: 0.8, split: 0.6 };
  var PROJECT_ONLY = ["schedule", "mode", "level", "free", "status"];
  var FACET_PREFIX = { region: "@r:", schedule: "@s:", mode: "@m:", level: "@l:", group: "@g:", free: "@f:" };
  var PARAMS = ["q", "region", "schedule", "mode", "level", "group", "status", "free", "type"];

  // -- normalising and tokenising (the same as the build) ---------------------------------

  function normalize(text) {
    var folded = String(text).normalize("NFKC").toLowerCase().replace(/ü/g, "v").replace(/u:/g, "v");
    return folded.replace(SEPARATORS, " ").trim();
  }

  function runs(text) {
    return normalize(text).match(RUNS) || [];
  }

  function isHan(run) {
    var c = run.charCodeAt(0);
    return c >= 0x3400 && c <= 0x9fff;
  }

  function bigrams(items, join) {
    var out = [];
    for (var i = 0; i + 1 < items.length; i++) out.push(join(items, i));
    return out;
  }

  var syllableSet = null;
  var timings = []; // milliseconds from a query's start to its hits on the page (the benchmark reads them)

  function splitSyllables(word) {
    var best = [[]];
    for (var end = 1; end <= word.length; end++) {
      best[end] = null;
      for (var start = Math.max(0, end - 6); start < end; start++) {
        var head = best[start];
        if (head && syllableSet.has(word.slice(start, end))) {
          if (best[end] === null || head.length + 1 < best[end].length) {
            best[end] = head.concat([word.slice(start, end)]);
          }
        }
      }
    }
    return best[word.length];
  }

  function termAlternatives(run) {
    if (isHan(run)) {
      var chars = Array.from(run);
      var tokens = chars.length > 1 ? bigrams(chars, function (a, i) { return a[i] + a[i + 1]; }) : [run];
      var han = { kind: "han", tokens: tokens, units: chars };
      return chars.length > 1 ? [han, { kind: "han", tokens: [WHOLE + run] }] : [han];
    }
    if (/^[0-9]+$/.test(run)) return [{ kind: "word", tokens: [run] }];
    var sylls = splitSyllables(run);
    if (sylls === null) {
      var out = [{ kind: "word", tokens: [run] }];
      // Longer than MAX_INITIALS, only a whole name's initials match (the build indexes them).
      if (run.length >= 2) out.push({ kind: "initials", tokens: [INITIALS + run] });
      // Initials of two names typed together (btyx: 包头 夜校), each part at least two letters.
      if (run.length >= 4 && run.length <= MAX_INITIALS) {
        for (var i = 2; i < run.length - 1; i++) out.push({ kind: "split", tokens: [INITIALS + run.slice(0, i), INITIALS + run.slice(i)] });
      }
      return out;
    }
    if (sylls.length === 1) return [{ kind: "pinyin", tokens: [run] }];
    var pinyin = { kind: "pinyin", tokens: bigrams(sylls, function (a, i) { return a[i] + a[i + 1]; }), units: sylls };
    var whole = { kind: "pinyin", tokens: [WHOLE + run] };
    if (pinyin.tokens.length === 1 && pinyin.tokens[0] === run) return [pinyin, whole];
    return [pinyin, whole, { kind: "word", tokens: [run] }];
  }

  function queryTerms(query) {
    return runs(query).map(termAlternatives);
  }

  function fnv1a(token) {
    var h = 0x811c9dc5;
    for (var i = 0; i < token.length; i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // -- the index ---------------------------------------------------------------------------

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
      if (region && !region.parent) tokens.push("@P:" + value); // a 盟市 takes in its 旗县
      else if (region) tokens.push("@r:" + value, "@r:" + region.parent); // a 旗县 also shows its 盟市's own
      else tokens.push(FACET_PREFIX[param] + value);
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
      var projectOnly = PROJECT_ONLY.some(function (p) { return state[p].length; });
      if (projectOnly && b[0] !== "project") return false;
      if (state.group.length && b[0] !== "project" && b[0] !== "case") return false;
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

  // -- the page ----------------------------------------------------------------------------

  function readState(search) {
    var params = new URLSearchParams(search);
    var state = {};
    PARAMS.forEach(function (p) {
      state[p] = p === "q" ? (params.get("q") || "") : params.getAll(p).filter(function (v) { return v !== ""; });
    });
    return state;
  }

  function stateQuery(state) {
    var params = new URLSearchParams();
    PARAMS.forEach(function (p) {
      if (p === "q") { if (state.q) params.set("q", state.q); }
      else state[p].forEach(function (v) { params.append(p, v); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Page(index, root, form) {
    this.index = index;
    this.root = root;
    this.form = form;
    this.results = document.querySelector("[data-search-results]");
    this.status = document.querySelector("[data-search-status]");
    this.more = document.querySelector("[data-search-more]");
    this.help = document.querySelector("[data-search-help]");
    this.suggest = document.querySelector("[data-search-suggest]");
    this.generation = 0;
    this.shown = 0;
    this.found = { docs: [], total: 0 };
    this.pinned = {};
    this.prepared = null; // {address, found}: the search start() began for the page's own address
  }

  Page.prototype.state = function () {
    var data = new FormData(this.form);
    var state = {};
    PARAMS.forEach(function (p) {
      state[p] = p === "q" ? String(data.get("q") || "") : data.getAll(p).map(String).filter(function (v) { return v; });
    });
    return state;
  };

  /* Show a state in the form. Values the form cannot show (a repeated parameter, status=all or
     ended from a deep link) are pinned and kept until the reader changes that control. */
  Page.prototype.fill = function (state) {
    var form = this.form;
    var pinned = {};
    form.elements.q.value = state.q;
    var self = this;
    ["region", "schedule", "mode", "level", "group", "type"].forEach(function (p) {
      var field = form.elements[p];
      if (field) field.value = state[p][0] || "";
      if (field && state[p].length === 1 && field.value !== state[p][0]) {
        // A value the list does not offer (an old link, a typo in a menu): shown as it is, so
        // the reader sees what narrows the search and can change it.
        field.appendChild(el("option", { value: state[p][0] }, self.valueLabel(p, state[p][0])));
        field.value = state[p][0];
      }
      if (state[p].length > 1) pinned[p] = state[p];
    });
    ["status", "free"].forEach(function (p) {
      var box = form.elements[p];
      if (box) box.checked = state[p].indexOf(box.value) >= 0;
      if (state[p].length && !(state[p].length === 1 && box && state[p][0] === box.value)) pinned[p] = state[p];
    });
    this.pinned = pinned;
    var filters = form.querySelector("[data-search-filters]");
    if (filters && PARAMS.some(function (p) { return p !== "q" && state[p].length; })) filters.open = true;
  };

  var FILTER_LABELS = { region: "地区", schedule: "上课时间", mode: "培训方式", level: "培训等级", group: "面向人群", status: "状态", free: "费用", type: "类型" };
  var STATUS_LABELS = { enrolling: "招生中", closed: "报名已截止", ended: "已结束", all: "全部" };

  /* A filter value as the reader knows it: a region's name, a choice's own text. */
  Page.prototype.valueLabel = function (param, value) {
    if (param === "region") return this.index.regions[value] ? this.index.regions[value].name : value;
    if (param === "status") return STATUS_LABELS[value] || value;
    if (param === "free") return "免费";
    var field = this.form.elements[param];
    if (field && field.options) {
      for (var i = 0; i < field.options.length; i++) if (field.options[i].value === value) return field.options[i].textContent;
    }
    return value;
  };

  Page.prototype.run = function () {
    var self = this;
    var state = this.state();
    for (var p in this.pinned) state[p] = this.pinned[p];
    var generation = ++this.generation;
    var began = performance.now();
    // The address keeps the state (a link to share, the back button); written once the hits
    // are on the page: on a slow phone replaceState costs as much as ranking.
    var address = location.pathname + stateQuery(state);
    var remember = function () { if (generation === self.generation) history.replaceState(null, "", address); };
    this.results.setAttribute("data-state", "loading");
    if (!wanted(state)) {
      this.results.textContent = "";
      this.status.textContent = "输入职业、地名或机构名称，也可以只选筛选条件。";
      this.more.hidden = true;
      this.help.hidden = true;
      this.results.setAttribute("data-query", "");
      this.results.setAttribute("data-state", "done");
      remember();
      return Promise.resolve();
    }
    return this.foundFor(state).then(function (found) {
      if (generation !== self.generation) return;
      self.found = found;
      self.shown = 0;
      self.results.textContent = "";
      return self.page(generation).then(function () {
        if (generation !== self.generation) return;
        self.summary(state, found);
        self.results.setAttribute("data-query", state.q);
        self.results.setAttribute("data-state", "done");
        timings.push(performance.now() - began);
        remember();
      });
    }).catch(function (error) {
      if (generation !== self.generation) return;
      self.status.textContent = "搜索暂时不可用（网络不畅？），请稍后再试，或按地区、按上课时间浏览。";
      self.results.setAttribute("data-state", "error");
      remember();
      if (window.console) console.error(error);
    });
  };

  /* The hits of a state: the prepared search's (started while the page was parsed), once, when
     the form asks for the same state; otherwise a search of its own. */
  Page.prototype.foundFor = function (state) {
    var prepared = this.prepared;
    this.prepared = null;
    if (prepared && prepared.address === stateQuery(state)) return prepared.found;
    return this.index.find(state);
  };

  /* The next page of hits. A prepared search holds only the first page: "more" searches the index
     for the rest (the same ranking, so the first page stays as it was). */
  Page.prototype.page = function (generation) {
    var self = this;
    var found = this.found;
    var all = !found.partial || this.shown + PAGE <= found.docs.length ? Promise.resolve(found)
      : this.index.search(found.state).then(function (full) {
        if (generation === self.generation) self.found = full;
        return full;
      });
    return all.then(function (found) {
      var docs = found.docs.slice(self.shown, self.shown + PAGE);
      return self.index.rows(docs);
    }).then(function (rows) {
      if (generation !== self.generation) return;
      var holder = document.createElement("template");
      holder.innerHTML = rows.map(function (row) { return self.card(row); }).join("");
      self.results.appendChild(holder.content);
      // Status as of the device's date when it is later than the build's (the page's inline script).
      if (window.skillmapStatus) window.skillmapStatus.refresh(self.results);
      self.shown += rows.length;
      self.more.hidden = self.shown >= self.found.total;
    });
  };

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return ESCAPES[c]; });
  }

  /* A hit as HTML: one string per page of hits, parsed once (cheaper on a slow phone than
     building each node in script). */
  Page.prototype.card = function (row) {
    var type = row[0], id = row[1];
    // A project's hooks (SPEC §5): its status, what the trainee pays up front, the groups it serves.
    var groups = type === "project" ? this.groupValues(row[10]) : "";
    var status = type === "project" ?
      ' data-status="' + esc(row[7]) + '" data-dates="' + esc(isoDates(row[11])) + '" data-pay="' + esc(row[9]) +
      '" data-groups="' + esc(groups) + '"' : "";
    var href = this.root + this.index.m.folders[type] + "/" + id + "/";
    var meta = [row[5], this.index.placeLabel(row[3])].filter(Boolean).join(" · ");
    var facts = [row[4], row[6]].filter(Boolean).map(function (t) { return "<span>" + esc(t) + "</span>"; }).join("");
    return '<li class="sm-card" data-entry-id="' + esc(id) + '" data-entry-type="' + esc(type) + '"' + status + ">" +
      '<a class="sm-card__title" href="' + esc(href) + '">' + esc(row[2]) + "</a>" +
      '<div class="sm-card__meta"><span class="sm-badge sm-badge--' + esc(type === "project" ? row[7] : "other") + '">' +
      esc(row[8]) + "</span> " + esc(meta) + "</div>" +
      (groups ? '<div class="sm-card__for">面向：' + esc(this.groupWords(groups)) + "</div>" : "") +
      '<div class="sm-card__facts">' + facts + "</div></li>";
  };

  /* A hit's dates, as days since 1970 in the index, written as the pages write them (ISO). */
  function isoDates(days) {
    return String(days).split("|").map(function (d) { return new Date(d * 864e5).toISOString().slice(0, 10); }).join("|");
  }

  /* A hit's groups as data-groups writes them: the index carries their numbers in the manifest's
     `groups` (documents.group_numbers); a value outside that list travels as itself. */
  Page.prototype.groupValues = function (numbers) {
    var names = this.index.m.groups || [];
    return String(numbers || "").split("|").filter(Boolean).map(function (n) {
      return /^[0-9]+$/.test(n) && names[+n] !== undefined ? names[+n] : n;
    }).join("|");
  };

  /* 面向 in people's words (course_facts.GROUP_WORDS, via the manifest), from the hit's groups. */
  Page.prototype.groupWords = function (groups) {
    var words = this.index.m.groupWords || {};
    return groups.split("|").map(function (g) { return words[g] || g; }).join("、");
  };

  Page.prototype.summary = function (state, found) {
    var count = found.total;
    this.help.textContent = "";
    this.help.hidden = count > 0 && !found.endedOnly;
    if (count) {
      this.status.textContent = "找到 " + count + " 条" + (found.endedOnly ? "（都已结束）" : "") + (count > PAGE ? "，先显示 " + Math.min(this.shown, count) + " 条" : "") + "。";
      if (found.endedOnly) this.help.appendChild(el("p", {}, "没有正在开展的项目符合条件，下面是已结束的项目，可以咨询下一期。"));
      return;
    }
    this.status.textContent = "没有找到符合条件的结果。";
    var help = this.help;
    var self = this;
    var tips = el("ul");
    var filters = ["region", "schedule", "mode", "level", "group", "status", "free", "type"].filter(function (p) { return state[p].length; });
    if (filters.length && state.q) {
      var plain = { q: state.q };
      PARAMS.forEach(function (p) { if (p !== "q") plain[p] = []; });
      tips.appendChild(this.tip("去掉筛选条件，只搜“" + state.q + "”", plain));
    }
    // Each filter on its own, when taking one away is not the tip above.
    if (filters.length > 1 || (filters.length && !state.q)) {
      filters.forEach(function (p) {
        var without = JSON.parse(JSON.stringify(state));
        without[p] = [];
        var shown = state[p].map(function (v) { return self.valueLabel(p, v); }).join("、");
        tips.appendChild(self.tip("去掉“" + FILTER_LABELS[p] + "：" + shown + "”", without));
      });
    }
    state.region.forEach(function (code) {
      var region = self.index.regions[code];
      var parent = region && self.index.regions[region.parent];
      if (parent) {
        var wider = JSON.parse(JSON.stringify(state));
        wider.region = [parent.code];
        tips.appendChild(self.tip("扩大到整个" + parent.name, wider));
      }
    });
    if (state.q) tips.appendChild(el("li", {}, "换个说法试试：职业名称（如“焊工”）、常用叫法（如“电焊”）、拼音或首字母（如 hhht）。"));
    help.appendChild(tips);
    if (state.q) {
      var generation = this.generation;
      this.index.corrections(state.q).then(function (entries) {
        if (generation !== self.generation || !entries.length) return;
        var line = el("p", { "class": "sm-suggest" }, "您是不是要找：");
        entries.forEach(function (entry) {
          var button = el("button", { type: "button", "class": "sm-suggest__item" }, entry[2]);
          button.addEventListener("click", function () { self.apply(entry); });
          line.appendChild(button);
        });
        help.insertBefore(line, help.firstChild);
      }).catch(function () { /* no correction offline: the other tips stand */ });
    }
    var browse = el("p", {}, "也可以");
    browse.appendChild(el("a", { href: this.root + "map/" }, "按地区浏览"));
    var hotline = this.index.m.hotline;
    if (hotline) {
      browse.appendChild(document.createTextNode("，或拨打 "));
      browse.appendChild(el("a", { href: "tel:" + hotline }, hotline));
      browse.appendChild(document.createTextNode(" 咨询。"));
    } else browse.appendChild(document.createTextNode("。"));
    help.appendChild(browse);
  };

  /* A suggestion applies itself: a place becomes the region filter, an occupation the query. */
  Page.prototype.apply = function (entry) {
    var state = this.state();
    if (entry[0] === "region") {
      state.region = [entry[1]];
      state.q = "";
    } else {
      state.q = entry[1];
    }
    this.fill(state);
    this.run();
  };

  /* Suggestions while typing: places and occupations from the names file (applied as a filter
     or a query), then institutions whose name holds what was typed, taken from the hits already
     found (a link to the institution's page, which lists its courses). */
  Page.prototype.showSuggestions = function (query) {
    var self = this;
    var box = this.suggest;
    if (!box) return;
    var found = this.found;
    Promise.all([this.index.suggestions(query), this.index.institutions(query.trim() ? found : null, 2)]).then(function (both) {
      if (self.form.elements.q.value !== query) return;
      var entries = both[0], institutions = both[1].slice(0, Math.max(1, 4 - entries.length)); // four at most: results stay on the first screen
      box.textContent = "";
      box.hidden = !entries.length && !institutions.length;
      if (box.hidden) return;
      box.appendChild(el("span", { "class": "sm-suggest__label" }, "你可能要找："));
      entries.forEach(function (entry) {
        var button = el("button", { type: "button", "class": "sm-suggest__item" },
          (entry[0] === "region" ? "地区 " : "职业 ") + entry[2]);
        button.addEventListener("click", function () { box.hidden = true; self.apply(entry); });
        box.appendChild(button);
      });
      institutions.forEach(function (row) {
        box.appendChild(el("a", { "class": "sm-suggest__item", href: self.root + self.index.m.folders.institution + "/" + row[1] + "/" }, "机构 " + row[2]));
      });
    }).catch(function () { box.hidden = true; });
  };

  Page.prototype.tip = function (text, state) {
    var li = el("li");
    var self = this;
    var link = el("a", { href: location.pathname + stateQuery(state) }, text);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      self.fill(state);
      self.run();
    });
    li.appendChild(link);
    return li;
  };

  function wanted(state) {
    return !!state.q.trim() || PARAMS.some(function (p) { return p !== "q" && state[p].length; });
  }

  /* Runs as soon as the script arrives (async, above the form): a prepared search (a menu
     item's or a list's link) starts fetching its files while the page is still being parsed and
     laid out; the form is wired once it exists, and its first run finds those files fetched. */
  function start() {
    var holder = document.getElementById("sm-search-manifest");
    if (!holder) return;
    var manifest = JSON.parse(holder.textContent);
    syllableSet = new Set(manifest.syllables.split(" "));
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
})();
