"""`/updates/` and its Atom feed: the changes since the previous publication, as a reader sees them.

Values are shown as the pages show them (a region by its name, 是/否), long texts only as
"已修改"; the feed (RFC 4287) has an entry for every added or changed record with a page,
its links absolute from `site_url`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from ..domain.regions import Region, RegionTree
from ..domain.urls import TYPE_OF_RESOURCE, TYPE_TITLES, absolute, url_for
from ..paths import Layout
from ..updates import FieldChange, RecordChange, Updates

ATOM = "http://www.w3.org/2005/Atom"
CHANGE_LABELS = {"added": "新增", "changed": "修改", "removed": "删除"}
TYPE_LABELS = TYPE_TITLES
LONG_TEXT = 40


@dataclass(frozen=True)
class PrefectureChanges:
    """The changes filed under one 盟市 (None: records whose region the reference list lacks)."""

    region: Region | None
    changes: list[RecordChange]


def by_prefecture(updates: Updates, regions: RegionTree) -> list[PrefectureChanges]:
    groups: dict[str | None, list[RecordChange]] = {}
    for change in updates.changes:  # already in west-to-east order
        prefecture = regions.prefecture_of(change.region)
        groups.setdefault(prefecture.code if prefecture else None, []).append(change)
    return [PrefectureChanges(regions.get(code) if code else None, items) for code, items in groups.items()]


class ChangeWords:
    """How a field change reads on the page: 报名截止：2026-12-01 → 2026-12-15."""

    def __init__(self, layout: Layout, regions: RegionTree) -> None:
        self.layout = layout
        self.regions = regions

    def lines(self, change: RecordChange) -> list[str]:
        return [self.line(change, f) for f in change.fields]

    def line(self, change: RecordChange, f: FieldChange) -> str:
        before, after = self.value(change, f.name, f.before), self.value(change, f.name, f.after)
        if before is None or after is None:
            return f"{f.title}：已修改"
        return f"{f.title}：{before} → {after}"

    def value(self, change: RecordChange, name: str, text: str) -> str | None:
        """The value as shown, or None when it is too long to show (a Markdown text, the demand rows)."""
        resource = {kind: name for name, kind in TYPE_OF_RESOURCE.items()}  # one owner: domain/urls.py
        schema = self.layout.resources[resource[change.type]].schema
        field = schema.field(name)
        if field is None or field.check == "markdown" or len(text) > LONG_TEXT:
            return None
        if text == "":
            return "（空）"
        if field.type == "boolean":
            return "是" if text == "true" else "否"
        if field.ref == ("regions", "code"):
            return self.regions.label(text)
        return text


def feed_xml(
    updates: Updates, words: ChangeWords, site_url: str, site_name: str, author: str, today: dt.date
) -> bytes:
    """The Atom feed of this publication's additions and changes."""
    ET.register_namespace("", ATOM)
    stamp = f"{today.isoformat()}T12:00:00+08:00"
    page = absolute(site_url, "updates/")
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _text(feed, "title", f"{site_name}：本期更新")
    _text(feed, "id", page)
    _text(feed, "updated", stamp)
    _link(feed, absolute(site_url, "updates/feed.xml"), "self", "application/atom+xml")
    _link(feed, page, "alternate", "text/html")
    author_el = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author_el, "name", author or site_name)
    for change in _feed_changes(updates):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = absolute(site_url, url_for(change.type, change.id))
        _text(entry, "title", f"{CHANGE_LABELS[change.change]}{TYPE_LABELS[change.type]}：{change.name}")
        # One entry per record and publication: the same course changed next cycle is a new entry.
        _text(entry, "id", f"{url}#{today.isoformat()}")
        _text(entry, "updated", stamp)
        _link(entry, url, "alternate", "text/html")
        summary = "；".join(words.lines(change)) if change.change == "changed" else "本期新增。"
        _text(entry, "summary", summary)
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _feed_changes(updates: Updates) -> Iterator[RecordChange]:
    for change in updates.changes:
        if change.change in ("added", "changed"):
            yield change


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})
