// The browser's tokeniser (site_templates/assets/search/1-tokens.js) against the shared vectors,
// under Node's own test runner: seconds, on any machine, Chromium or not.
//   node --test tests/search/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const root = new URL("../../", import.meta.url);
const code = readFileSync(new URL("site_templates/assets/search/1-tokens.js", root), "utf8");
const vectors = JSON.parse(readFileSync(new URL("tests/search/vectors.json", root), "utf8"));

// The module as the build joins it: one function scope ("use strict"), its names read back.
const api = vm.runInNewContext(`"use strict";\n${code}\n;({ normalize, queryTerms, fnv1a, useSyllables })`);
api.useSyllables(vectors.syllables.split(" "));
// Values made in the module's own realm, compared as plain data.
const plain = (value) => JSON.parse(JSON.stringify(value));

for (const c of vectors.queries) {
  test(`query ${JSON.stringify(c.query)}`, () => {
    assert.equal(api.normalize(c.query), c.normalized);
    const terms = api.queryTerms(c.query).map((term) => term.map((alt) => [alt.kind, alt.tokens]));
    assert.deepEqual(plain(terms), c.terms);
  });
}

test("FNV-1a over UTF-16 code units, as index.py shards tokens", () => {
  assert.ok(vectors.hashes.length > 0);
  for (const h of vectors.hashes) assert.equal(api.fnv1a(h.token), h.fnv1a, h.token);
});

test("the vectors cover every kind of reading", () => {
  const kinds = new Set(vectors.queries.flatMap((c) => c.terms.flat().map((alt) => alt[0])));
  for (const kind of ["han", "pinyin", "word", "initials", "split"]) assert.ok(kinds.has(kind), kind);
});
