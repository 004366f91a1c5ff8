/* Normalising and tokenising queries, exactly as scripts/skillmap/search/{normalize,tokens}.py
   do: tests/search/vectors.json runs against both (pytest for Python, `node --test` for this file).
   No browser API here, so that Node runs it as it is. */

var HAN = "\u3400-\u4dbf\u4e00-\u9fff";
var SEPARATORS = new RegExp("[^a-z0-9" + HAN + "]+", "g");
var RUNS = new RegExp("[" + HAN + "]+|[a-z]+|[0-9]+", "g");
var INITIALS = "^";
var WHOLE = "="; // tokens.py WHOLE: a common name typed whole, as good as the occupation's name
var MAX_INITIALS = 8; // tokens.py MAX_INITIALS: the longest initials run indexed inside a name


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

/* The syllables pinyin is split into (the manifest's `syllables`, pinyin.all_syllables). */
function useSyllables(list) {
  syllableSet = new Set(list);
}


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
