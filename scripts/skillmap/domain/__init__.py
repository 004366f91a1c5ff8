"""The domain core: pure rules every feature reads (no Jinja, no MkDocs, no files).

- `models`: typed records (Institution, Project, Brand, Case) built from checked records;
- `status`: a project's status on a date, an institution's listing, freshness, the cycle;
- `regions`: the region tree (盟市 → 旗县) and where a record is shown;
- `money`: amounts in `Decimal` yuan, the subsidy rule and the one money formatter;
- `dates`: the one date formatter;
- `urls`: the one place that spells a record's URL.
"""
