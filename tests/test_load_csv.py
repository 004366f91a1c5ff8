"""CSV resources: flat form, Chinese or English headers, the encodings Excel writes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from skillmap.load import load_catalog
from skillmap.paths import Layout

from .conftest import TODAY, run

HEADER_EN = "id,title,institution,occupation,level,groups,region,address,location.lat,location.lon,mode,schedule,hours,starts,ends,enroll_until,capacity,fee,subsidy_per_hour,free,certificate,services,contact.name,contact.phone,summary,content,updated"
ROW = "csv-chushi,中式烹调师周末班,qingcheng-school,中式烹调师,四级/中级工,农村牧区转移就业劳动者|登记失业人员,150102,呼和浩特市新城区青城路 1 号,40.84,111.75,线下,周末班,64,2026-12-05,2027-02-27,2026-12-05,30,1280,20,是,职业技能等级证书,推荐到餐饮企业,张老师,0471-6601234,学做蒙餐,刀工与热菜,2026-11-20"
DEMAND = "project,employer,position,openings,salary_min,salary_max,region\ncsv-chushi,草原餐饮管理有限公司,厨师,10,4500,7000,150102\n"


def _titles(layout: Layout, header: str) -> str:
    schema = layout.resources["projects"].schema
    return ",".join(schema.field(name).title for name in header.split(","))  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("titles", [False, True])
def test_csv_projects_load_like_yaml(tree: Path, encoding: str, titles: bool) -> None:
    layout = Layout(tree)
    header = _titles(layout, HEADER_EN) if titles else HEADER_EN
    (tree / "catalog/projects/batch.csv").write_bytes(f"{header}\r\n{ROW}\r\n".encode(encoding))
    (tree / "catalog/projects/batch-demand.csv").write_bytes(DEMAND.encode(encoding))
    catalog, problems = load_catalog(layout)
    assert problems == []
    rec = next(r for r in catalog.records["projects"] if r.id == "csv-chushi")
    assert rec.values["groups"] == ["农村牧区转移就业劳动者", "登记失业人员"]
    assert rec.values["free"] is True
    assert rec.values["location.lat"] == Decimal("40.84")
    assert rec.values["contact.phone"] == "0471-6601234"
    assert rec.file == "catalog/projects/batch.csv" and rec.line == 2
    [demand] = rec.nested("demand")
    assert demand.values["salary_max"] == 7000
    assert demand.path("salary_max") == "demand[0].salary_max"
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    assert code == 0, out


def test_csv_problems_name_the_row_line_and_column(tree: Path) -> None:
    bad = ROW.replace(",64,", ",六十四,").replace("150102,呼和", "159999,呼和")
    (tree / "catalog/projects/batch.csv").write_text(
        f"{HEADER_EN}\n{ROW.replace('csv-chushi', 'ok-row')}\n{bad}\n", encoding="utf-8"
    )
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(out)
    assert code == 1
    found = {(p["code"], p["line"], p["field"], p["record"]) for p in report["errors"]}
    assert ("type-error", 3, "hours", "csv-chushi") in found
    assert ("unknown-code", 3, "region", "csv-chushi") in found


def test_csv_with_unknown_header_is_refused_clearly(tree: Path) -> None:
    (tree / "catalog/projects/other.csv").write_text("姓名,电话\n张三,13812345678\n", encoding="utf-8")
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    [problem] = json.loads(out)["errors"]
    assert (problem["code"], problem["line"]) == ("csv-header", 1)
    assert code == 1


def test_demand_rows_for_an_unknown_project_are_reported(tree: Path) -> None:
    (tree / "catalog/projects/orphan-demand.csv").write_text(DEMAND, encoding="utf-8")
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY.isoformat(), "--format", "json")
    [problem] = json.loads(out)["errors"]
    assert problem["code"] == "unknown-id" and problem["field"] == "project"
    assert code == 1
