"""Open data: the checked catalogue as one Frictionless data package of CSV tables.

`data/datapackage.json` keeps its URL; the tables it points to carry a content hash in their
names (WeChat caches by URL). Stock `frictionless validate data/datapackage.json` passes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml

from ..datadict import DERIVED_COLUMNS, data_dictionary
from ..domain.demand import published_count
from ..flat import cell_text
from ..formulas import csv_text
from ..tables import rows_of
from ..validate import CheckResult
from .assets import hashed_name, sha256
from .escape import plain
from .model import SiteModel
from .sources import page_source

ORDER = (
    "institutions",
    "projects",
    "project_demand",
    "project_outcomes",
    "jobs",
    "wishes",
    "brands",
    "cases",
    "regions",
    "occupations",
    "industries",
)


def table_csv(names: tuple[str, ...], rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    """A value as the open-data CSV holds it: text that starts like a formula is marked as text."""
    text = cell_text(value)
    return csv_text(text) if isinstance(value, (str, list, tuple)) else text


def public_schema(result: CheckResult, name: str) -> dict[str, Any]:
    """The resource's Table Schema without our `x-` extensions."""
    res = result.layout.resources[name]
    descriptor = yaml.safe_load((result.layout.root / res.schema.path).read_text(encoding="utf-8"))
    descriptor = {k: v for k, v in descriptor.items() if not k.startswith("x-")}
    descriptor["fields"] = [
        {k: v for k, v in f.items() if not k.startswith("x-")} for f in descriptor["fields"]
    ]
    return descriptor


def _derived(model: SiteModel, project_id: str) -> dict[str, object]:
    project = model.project_by_id.get(project_id)
    if project is None:
        return {}
    facts = model.facts(project)
    return {"trainee_pays": facts.pays, "trainee_claims": facts.claims_back, "subsidy_total": facts.base}


WISH_COUNTS = ("want_training", "want_job")


def _suppressed(
    schema: dict[str, Any], rows: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Counts of 1 to 4 leave their cell empty (SPEC §8); the schema then allows an empty cell."""
    fields = []
    for f in schema["fields"]:
        if f["name"] in WISH_COUNTS:
            constraints = {k: v for k, v in (f.get("constraints") or {}).items() if k != "required"}
            f = {
                **f,
                "constraints": constraints,
                "description": f["description"] + "（1 至 4 人不公开，留空。）",
            }
        fields.append(f)
    hidden = [
        {**row, **{k: published_count(int(row[k])) for k in WISH_COUNTS if row.get(k) is not None}}
        for row in rows
    ]
    return {**schema, "fields": fields}, hidden


def write_open_data(result: CheckResult, model: SiteModel, docs: Path) -> dict[str, str]:
    """Write data/*.csv (hashed) and data/datapackage.json, and the /data/ page; returns file names."""
    folder = docs / "data"
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    files: dict[str, str] = {}
    for name in ORDER:
        res = result.layout.resources[name]
        schema = public_schema(result, name)
        rows = rows_of(result.layout, result.catalog, name)
        if name == "projects":
            schema["fields"] += DERIVED_COLUMNS
            rows = [{**row, **_derived(model, str(row.get("id")))} for row in rows]
        if name == "wishes":
            schema, rows = _suppressed(schema, rows)
        content = table_csv(tuple(f["name"] for f in schema["fields"]), rows)
        filename = hashed_name(f"{name}.csv", content)
        (folder / filename).write_bytes(content)
        files[name] = filename
        resources.append(
            {
                "name": name,
                "title": res.title,
                "path": filename,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": f"sha256:{sha256(content)}",
                "schema": schema,
            }
        )
    package = {
        "name": "nmg-skill-training-map",
        "title": "内蒙古“技能照亮前程”培训信息导航图开放数据",
        "description": "经人社部门审核的补贴性职业技能培训机构、项目（含岗位需求和往期成效）、品牌和成功案例。",
        "version": model.today.isoformat(),
        "created": f"{model.today.isoformat()}T12:00:00+08:00",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "知识共享署名 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (docs / page_source("data")).write_text(_page(result, model, files), encoding="utf-8")
    return files


def _page(result: CheckResult, model: SiteModel, files: dict[str, str]) -> str:
    lines = [
        "---",
        'title: "开放数据和数据字典"',
        "---",
        "",
        "# 开放数据",
        "",
        f"本站的全部数据以 [Frictionless 数据包](https://datapackage.org/) 形式公开，可以直接用 Excel 打开 CSV 文件，"
        f"或用 `frictionless validate` 等工具校验。数据截至 {model.today}，按知识共享署名 4.0 许可使用。",
        "",
        "- 数据包描述：[datapackage.json](datapackage.json)（地址固定，内容随每次发布更新）",
    ]
    for name, filename in files.items():
        title = result.layout.resources[name].title
        lines.append(f"- {plain(title)}：[{filename}]({filename})")
    dictionary = data_dictionary(result.layout).split("\n", 1)[1]
    dictionary = dictionary.replace("\n## ", "\n### ").replace("\n# ", "\n## ")
    lines += ["", "## 数据字典", dictionary]
    return "\n".join(lines) + "\n"
