"""Ids and folders for the new rows of a workbook.

Invariants:
- A generated id is `<prefix>-<pinyin of the first four characters of the occupation, name or
  title>-<five digits>`, lower case, letters, digits and hyphens only.
- It is never an id the catalogue holds or one typed anywhere on the sheet; the ids taken grow as
  ids are made, so two new rows never get the same one.
- The prefix is the folder where the 盟市's records live (`hhht`); for a resource kept in one folder
  for every 盟市 (postings), the prefix its 盟市's ids already use most (`bt-job`); else the region
  code, else the resource's name.
- A new record goes into the folder where most records of its 盟市 live (ties: the first by name),
  else the resource's record folder.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

from pypinyin import lazy_pinyin

from ..domain.regions import RegionTree
from ..paths import Layout, Resource
from ..records import Catalog
from .read import Table


class IdMaker:
    def __init__(self, layout: Layout, catalog: Catalog, regions: RegionTree) -> None:
        self.layout = layout
        self.catalog = catalog
        self.regions = regions
        self._folders: dict[tuple[str, str | None], Path] = {}
        self._prefixes: dict[tuple[str, str | None], str | None] = {}
        self._taken: dict[str, set[str]] = {}

    def new_id(self, res: Resource, raw: dict[str, Any], table: Table) -> str:
        """An id for a new row of `table` left without one."""
        region = self.regions.prefecture_of(str(raw.get("region") or ""))
        prefecture = region.code if region else None
        folder = self.folder_for(res, prefecture)
        if folder != res.records_dir:
            prefix = folder.name
        else:
            key = (res.name, prefecture)
            if key not in self._prefixes:  # once per 盟市, not once per new row
                self._prefixes[key] = self._id_prefix(res, prefecture)
            prefix = self._prefixes[key] or (prefecture or res.name)
        source = str(raw.get("occupation") or raw.get("name") or raw.get("title") or res.name)
        slug = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(source[:4])).lower()) or "record"
        taken = self._taken_ids(res.name, table)
        n = 1
        while f"{prefix}-{slug}-{n:05d}" in taken:
            n += 1
        new_id = re.sub(r"[^a-z0-9-]+", "", f"{prefix}-{slug}-{n:05d}".lower())
        taken.add(new_id)
        return new_id

    def folder_for(self, res: Resource, prefecture: str | None) -> Path:
        """The folder where the resource's records of this 盟市 live, else the record folder."""
        key = (res.name, prefecture)
        if key not in self._folders:
            self._folders[key] = self._folder(res, prefecture)
        return self._folders[key]

    def _folder(self, res: Resource, prefecture: str | None) -> Path:
        assert res.records_dir is not None
        folders: Counter[str] = Counter()
        for rec in self._of_prefecture(res, prefecture):
            folders[str(PurePosixPath(rec.file).parent)] += 1
        if not folders:
            return res.records_dir
        best = sorted(folders.items(), key=lambda item: (-item[1], item[0]))[0][0]
        return self.layout.root / best

    def _id_prefix(self, res: Resource, prefecture: str | None) -> str | None:
        """The most used id prefix (the id without its name and number) of the 盟市's records."""
        prefixes: Counter[str] = Counter(
            rec.id.rsplit("-", 2)[0]
            for rec in self._of_prefecture(res, prefecture)
            if rec.id and rec.id.count("-") >= 2
        )
        return min(prefixes.items(), key=lambda item: (-item[1], item[0]))[0] if prefixes else None

    def _of_prefecture(self, res: Resource, prefecture: str | None) -> list[Any]:
        if prefecture is None:
            return []
        out = []
        for rec in self.catalog.records.get(res.name, []):
            region = self.regions.prefecture_of(str(rec.values.get("region") or ""))
            if region is not None and region.code == prefecture:
                out.append(rec)
        return out

    def _taken_ids(self, resource: str, table: Table) -> set[str]:
        """Ids in use: the catalogue's and every id typed on the sheet (kept up to date as ids are made)."""
        if resource not in self._taken:
            typed = {str(row.values.get("id") or "").strip() for row in table.rows}
            self._taken[resource] = {r.id for r in self.catalog.records.get(resource, []) if r.id} | typed
        return self._taken[resource]
