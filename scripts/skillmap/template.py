"""`skillmap new KIND`: a record template with every field commented from its schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .flat import POSITIONAL_GROUPS
from .paths import KINDS, Layout, Resource
from .schema import Field, Schema
from .yaml_write import FlowList, dump_yaml

_WHERE = {
    "institutions": "catalog/institutions/",
    "projects": "catalog/projects/",
    "brands": "brands/",
    "cases": "cases/",
}


def render_template(layout: Layout, kind: str) -> str:
    """The commented template of one record kind (`project`, `institution`, …)."""
    res = layout.resources[KINDS[kind]]
    lines = [
        f"# 新{res.title}模板。填好后保存为 {_WHERE.get(res.name, '')}<编号>.yaml（文件名与 id 相同），",
        "# 再运行 skillmap fmt 和 skillmap check。标【必填】的字段必须填写，其余不需要的整行删去。",
        "",
    ]
    nested = {n.nested_after: n for n in layout.nested_resources(res.name)}
    done: set[str] = set()
    for field in res.schema.fields:
        top = field.name.split(".", 1)[0]
        if top in done:
            continue
        done.add(top)
        if "." in field.name:
            lines += _group(res.schema, top)
        else:
            lines += _comment(field) + _value(top, _example(field))
        if field.name in nested:
            lines += _nested(nested[field.name])
    return "\n".join(lines) + "\n"


def _comment(field: Field, indent: str = "") -> list[str]:
    mark = "【必填】" if field.required else ""
    return [f"{indent}# {field.title}{mark}：{field.description}"]


def _value(key: str, value: Any, indent: str = "") -> list[str]:
    text = dump_yaml({key: value}).rstrip("\n")
    if text.endswith(": null"):
        text = text[: -len(" null")]  # leave optional values blank for the editor to fill
    return [indent + line for line in text.split("\n")]


def _example(field: Field) -> Any:
    if field.example is not None:
        return (
            FlowList(field.example)
            if isinstance(field.example, list) and field.type == "list"
            else field.example
        )
    if field.type == "list":
        return FlowList()
    return None


def _group(schema: Schema, top: str) -> list[str]:
    subs = [f for f in schema.fields if f.name.startswith(top + ".")]
    if top in POSITIONAL_GROUPS:
        example = FlowList(f.example for f in subs) if all(f.example is not None for f in subs) else None
        titles = "、".join(f.title for f in subs)
        return [
            f"# 坐标（{titles}）：写成 [纬度, 经度]，GCJ-02，用高德或腾讯地图拾取；可不填。",
            *_value(top, example),
        ]
    lines = [f"{top}:"]
    for f in subs:
        lines += _comment(f, "  ") + _value(f.name.split(".", 1)[1], _example(f), "  ")
    return lines


def _nested(res: Resource) -> list[str]:
    key = res.nested_key or res.name
    many = "列表，每项一个" if res.nested_many else ""
    lines = [f"# {res.title}（{key}）：{many}包含以下字段。"]
    lines.append(f"{key}:")
    indent = "  - " if res.nested_many else "  "
    first = True
    for f in res.schema.fields:
        if f.name == "project":
            continue
        lines += _comment(f, "    " if res.nested_many else "  ")
        prefix = indent if first else ("    " if res.nested_many else "  ")
        lines += [prefix + line for line in _value(f.name, _example(f))]
        first = False
    return lines


def write_template(root: Path, kind: str, out: Path | None) -> int:
    text = render_template(Layout(root), kind)
    if out is None:
        sys.stdout.write(text)
        return 0
    if out.exists():
        print(f"错误：{out} 已存在，未覆盖。", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"已写入模板：{out}")
    return 0
