"""Files → typed records, with every reading and shape problem collected, never raised.

YAML records are one file each; CSV files in a record folder hold many records in the
flat form (`contact.phone` columns, `|`-separated lists), or rows of a nested table
(`project_demand`, `project_outcomes`) recognised by their header.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from sys import intern
from typing import Any

from .files import TooLarge, read_limited
from .flat import POSITIONAL_GROUPS, groups, sub_key
from .paths import Layout, LayoutError, Resource
from .problems import Location, Problem, problem
from .records import Catalog, Record
from .schema import CastError, Schema, cast, constraint_problems
from .yaml_read import YamlProblem, parse_yaml

MAX_BYTES = 1024 * 1024
TOP_NOT_MAPPING = "最外层应为“字段: 值”的映射，而不是单个值或列表"


class Loader:
    """Reads every data file under a layout into a `Catalog`, collecting problems."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.problems: list[Problem] = []
        self.unreadable: dict[str, set[str]] = {}

    def load(self) -> Catalog:
        rows = {
            res.name: self._read_csv_file(res, res.csv_path)
            for res in self.layout.resources.values()
            if res.csv_path is not None and res.records_dir is None and res.nested_in is None
        }
        reference = {name: [rec.values for rec in recs] for name, recs in rows.items()}
        records: dict[str, list[Record]] = {}
        for res in self.layout.record_resources():
            records[res.name] = self._read_resource(res)
        return Catalog(records=records, reference=reference, unreadable=self.unreadable, reference_rows=rows)

    # -- files -------------------------------------------------------------------------

    def _read_resource(self, res: Resource) -> list[Record]:
        found = self.layout.record_files(res)
        for path in found.others:
            self._add("file-ignored", path, None)
        for path, code, detail in found.refused:
            self._add(code, path, None, detail=detail)
        out: list[Record] = []
        orphans: list[Record] = []
        for path in found.records:
            if path.suffix.lower() == ".csv":
                for rec in self._read_csv_file(res, path, allow_nested=True):
                    (out if rec.resource == res.name else orphans).append(rec)
            else:
                one = self._read_yaml_file(res, path)
                if one is not None:
                    out.append(one)
                else:
                    self.unreadable.setdefault(res.name, set()).add(path.name.rsplit(".", 1)[0])
        self._attach(res, out, orphans)
        return out

    def _attach(self, res: Resource, parents: list[Record], rows: list[Record]) -> None:
        """Give nested rows read from CSV to their parent record, by id."""
        by_id = {p.id: p for p in parents if p.id is not None}
        keys = {n.name: n.nested_key or n.name for n in self.layout.nested_resources(res.name)}
        for row in rows:
            parent = by_id.get(row.parent_id or "")
            if parent is None:
                label = self.layout.resources[row.resource].schema.field("project")
                self._add_at(
                    row,
                    "unknown-id",
                    "project",
                    label=label.label if label else "project",
                    value=row.parent_id,
                    target=res.title,
                )
                continue
            key = keys[row.resource]
            siblings = parent.children.setdefault(key, [])
            row.prefix = f"{key}[{len(siblings)}]"
            siblings.append(row)

    def _read_text(self, path: Path, allow_gb18030: bool) -> str | None:
        try:
            data = read_limited(path, MAX_BYTES)
        except TooLarge:
            size = path.stat().st_size
            self._add("file-too-large", path, None, size_mb=f"{max(size, MAX_BYTES + 1) / 1048576:.1f}")
            return None
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data):
            self._add("encoding-error", path, None, detail="文件是 UTF-16 编码（Excel 的“Unicode 文本”）")
            return None
        if b"\x00" in data:
            self._add("file-binary", path, None, detail="含有二进制内容（零字节）")
            return None
        if not data.strip(b" \t\r\n\xef\xbb\xbf"):
            self._add("file-empty", path, 1)
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            if allow_gb18030:
                try:
                    return data.decode("gb18030")
                except UnicodeDecodeError:
                    pass
            hint = "，看起来是 GBK/GB18030 编码" if _decodes_as_gb18030(data) else ""
            self._add("encoding-error", path, line, detail=f"第 {line} 行不是有效的 UTF-8 文字{hint}")
            return None

    def _read_yaml_file(self, res: Resource, path: Path) -> Record | None:
        text = self._read_text(path, allow_gb18030=False)
        if text is None:
            return None
        if _control_chars(text) > max(8, len(text) // 100):
            self._add("file-binary", path, None, detail="中有大量不可见的控制字符")
            return None
        try:
            doc = parse_yaml(text)
        except YamlProblem as exc:
            self._add(exc.code, path, exc.line, field=exc.field, **exc.params)
            return None
        if not isinstance(doc.data, dict):
            self._add("yaml-structure", path, doc.first_line, detail=TOP_NOT_MAPPING)
            return None
        rel = self.layout.rel(path)
        rec = self._record_from_yaml(res, rel, doc.data, doc.lines, doc.first_line)
        rec.blocks = doc.blocks
        stem = path.name.rsplit(".", 1)[0]
        if rec.id is not None and rec.id != stem:
            self._add_at(rec, "id-mismatch", "id", id=rec.id, file_name=path.name)
        return rec

    # -- YAML records ------------------------------------------------------------------

    def _record_from_yaml(
        self, res: Resource, rel: str, data: dict[str, Any], lines: dict[str, int], first: int
    ) -> Record:
        schema = res.schema
        record = Record(
            resource=res.name, file=rel, line=first, values={}, lines=lines
        )  # the parsed document's own: it is dropped
        nested = {n.nested_key or n.name: n for n in self.layout.nested_resources(res.name)}
        group_fields = groups(schema)
        raw: dict[str, Any] = {}
        nested_raw: dict[str, Any] = {}
        unknown: list[str] = []
        for key, value in data.items():
            if schema.field(key) is not None:
                raw[key] = value
            elif key in group_fields:
                self._flatten_group(record, key, group_fields[key], value, raw)
            elif key in nested:
                nested_raw[key] = value
            else:
                unknown.append(key)
        self.type_values(schema, raw, record)
        allowed = [*dict.fromkeys(n.split(".", 1)[0] for n in schema.names), *nested]
        for key in unknown:
            self._unknown_field(record, key, allowed)
        for key, child_res in nested.items():
            if key in nested_raw and nested_raw[key] is not None:
                record.children[key] = self._nested_from_yaml(child_res, record, key, nested_raw[key])
        return record

    def _flatten_group(
        self, record: Record, key: str, subs: list[str], value: Any, raw: dict[str, Any]
    ) -> None:
        if value is None:
            return
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                name = f"{key}.{sub}"
                if name in subs:
                    raw[name] = sub_value
                else:
                    self._add_at(
                        record,
                        "unknown-field",
                        name,
                        key=sub,
                        owner=f"“{key}”下的",
                        allowed="、".join(sub_key(s) for s in subs),
                    )
            return
        if isinstance(value, list) and key in POSITIONAL_GROUPS:
            if len(value) != len(subs):
                self._add_at(
                    record,
                    "type-error",
                    key,
                    label=key,
                    reason=f" 应写成 [{', '.join(sub_key(s) for s in subs)}] 共 {len(subs)} 个数",
                )
                return
            for i, (name, item) in enumerate(zip(subs, value, strict=True)):
                raw[name] = item
                record.lines[name] = record.lines.get(f"{key}[{i}]", record.line_of(key))
            return
        self._add_at(record, "type-error", key, label=key, reason=f" 应写成包含 {'、'.join(subs)} 的映射")

    def _nested_from_yaml(self, res: Resource, parent: Record, key: str, value: Any) -> list[Record]:
        items = value if isinstance(value, list) else [value]
        if not isinstance(value, list) and res.nested_many:
            self._add_at(parent, "type-error", key, label=key, reason=" 应为列表，每一项以“- ”开头")
            return []
        if isinstance(value, list) and not res.nested_many:
            self._add_at(parent, "type-error", key, label=key, reason=" 应为映射（字段: 值），不是列表")
            return []
        out = []
        for i, item in enumerate(items):
            prefix = f"{key}[{i}]" if res.nested_many else key
            if not isinstance(item, dict):
                self._add_at(parent, "type-error", prefix, label=prefix, reason=" 应为“字段: 值”的映射")
                continue
            lines = {
                intern(k[len(prefix) + 1 :]): v for k, v in parent.lines.items() if k.startswith(prefix + ".")
            }
            child = Record(
                resource=res.name,
                file=parent.file,
                line=parent.lines.get(prefix, parent.line_of(key)),
                values={},
                lines=lines,
                prefix=prefix,
                parent_id=parent.id,
            )
            raw: dict[str, Any] = {}
            for sub, sub_value in item.items():
                if res.schema.field(sub) is not None and sub != "project":
                    raw[sub] = sub_value
                else:
                    self._unknown_field(child, sub, [n for n in res.schema.names if n != "project"])
            raw["project"] = parent.id
            # A record whose own id is invalid is reported once, at its `id`; its rows are not
            # also missing their project.
            self.type_values(
                res.schema, raw, child, skip=frozenset() if parent.id else frozenset({"project"})
            )
            out.append(child)
        return out

    # -- CSV ---------------------------------------------------------------------------

    def _read_csv_file(self, res: Resource, path: Path | None, allow_nested: bool = False) -> list[Record]:
        if path is None or not path.is_file():
            raise LayoutError(f"缺少参照表 {path}：请从仓库恢复该文件。")
        text = self._read_text(path, allow_gb18030=True)
        if text is None:
            return []
        rel = self.layout.rel(path)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            self._add("csv-header", path, 1, detail="没有表头")
            return []
        candidates = [res] + (self.layout.nested_resources(res.name) if allow_nested else [])
        target, columns = _match_header(candidates, header)
        if target is None:
            self._add("csv-header", path, 1, detail=_header_message(res, header))
            return []
        for col, name in zip(header, columns, strict=True):
            if name is None and col.strip():
                self._add(
                    "unknown-field",
                    path,
                    1,
                    field=col,
                    key=col,
                    owner=f"{target.title}的",
                    allowed="、".join(f.title for f in target.schema.fields),
                )
        return self._csv_rows(target, rel, reader, columns)

    def _csv_rows(self, res: Resource, rel: str, reader: Any, columns: list[str | None]) -> list[Record]:
        out: list[Record] = []
        start = reader.line_num + 1
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    raw = {name: cell for name, cell in zip(columns, row, strict=False) if name is not None}
                    rec = Record(
                        resource=res.name, file=rel, line=start, values={}, lines=dict.fromkeys(raw, start)
                    )
                    if res.nested_in is not None:
                        rec.parent_id = (raw.get("project") or "").strip() or None
                    self.type_values(res.schema, raw, rec)
                    out.append(rec)
                start = reader.line_num + 1
        except csv.Error as exc:
            self._add(
                "csv-header",
                Path(self.layout.root / rel),
                start,
                detail=f"第 {start} 行格式错误（{exc}，引号不成对？）",
            )
        return out

    # -- typing ------------------------------------------------------------------------

    def type_values(
        self, schema: Schema, raw: dict[str, Any], record: Record, skip: frozenset[str] = frozenset()
    ) -> None:
        for f in schema.fields:
            if f.name in skip:
                continue
            value = raw.get(f.name)
            try:
                typed = cast(f, value)
            except CastError as exc:
                self._add_at(record, "type-error", f.name, label=f.label, reason=str(exc))
                continue
            if typed is None or typed == []:
                if f.required:
                    self._add_at(record, "missing-field", f.name, label=f.label, description=f.description)
                continue
            broken = constraint_problems(f, typed)
            for code, message, index in broken:
                name = f"{f.name}[{index}]" if index is not None else f.name
                self._add_at(record, code, name, label=f.label, reason=message)
            if not broken or f.type == "list":
                # A value that breaks its constraints is left out, so that later checks
                # do not report it again as an unknown code; list items are checked one by one.
                record.values[f.name] = typed

    def _unknown_field(self, record: Record, key: str, allowed: list[str]) -> None:
        self._add_at(record, "unknown-field", key, key=key, owner="", allowed="、".join(allowed))

    # -- problems ----------------------------------------------------------------------

    def _add(
        self, code: str, path: Path, line: int | None, /, field: str | None = None, **params: object
    ) -> None:
        self.problems.append(problem(code, Location(self.layout.rel(path), line, None, field), **params))

    def _add_at(self, rec: Record, code: str, name: str, /, **params: object) -> None:
        where = Location(rec.file, rec.line_of(name), rec.id, rec.path(name), sheet=rec.sheet)
        self.problems.append(problem(code, where, **params))


def _match_header(candidates: list[Resource], header: list[str]) -> tuple[Resource | None, list[str | None]]:
    """Pick the resource whose field names or Chinese titles the header uses most."""
    best: tuple[int, Resource | None, list[str | None]] = (0, None, [])
    for res in candidates:
        lookup = {f.name: f.name for f in res.schema.fields} | {f.title: f.name for f in res.schema.fields}
        columns = [lookup.get(col.strip().lstrip("\ufeff")) for col in header]
        score = sum(c is not None for c in columns)
        required = {f.name for f in res.schema.fields if f.required}
        if required <= set(columns) and score > best[0]:
            best = (score, res, columns)
    return best[1], best[2]


def _header_message(res: Resource, header: list[str]) -> str:
    required = "、".join(f.title for f in res.schema.fields if f.required)
    shown = "、".join(h for h in header[:6] if h)
    return f"表头（{shown}…）缺少{res.title}的必填列；应包含：{required}（若表头是乱码，请确认文件编码为 UTF-8 或 GB18030）"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_chars(text: str) -> int:
    return len(_CONTROL.findall(text))


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a zero byte beside nearly every character."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(sample) / 2 and min(even.count(0), odd.count(0)) == 0


def _decodes_as_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def load_catalog(layout: Layout) -> tuple[Catalog, list[Problem]]:
    """Load every record and reference list under the layout."""
    loader = Loader(layout)
    catalog = loader.load()
    return catalog, loader.problems
