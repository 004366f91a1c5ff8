"""Search that forgives (SPEC §5, §6): Chinese, pinyin, initials, aliases and filters, within a phone's budget.

`normalize` and `tokens` define how text and queries become tokens (the browser's search.js does
the same, proved by tests/search_vectors.json); `pinyin` reads names as locals read them;
`documents` turns the checked records into search documents; `index` writes the compact,
sharded, content-addressed index the search page reads.
"""
