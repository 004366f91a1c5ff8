"""Hostile files get a clear problem within seconds: never a traceback, never a hang."""

from __future__ import annotations

import json
import time
from pathlib import Path

from .conftest import TODAY, run


def _check(root: Path) -> tuple[int, dict[str, list[dict[str, object]]], float]:
    started = time.monotonic()
    code, out, err = run("check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json")
    assert err == ""
    return code, json.loads(out), time.monotonic() - started


def test_a_50_mb_file_is_refused_without_reading_it(tree: Path) -> None:
    big = tree / "catalog/projects/huge.yaml"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    code, report, seconds = _check(tree)
    assert code == 1 and seconds < 10
    assert [p["code"] for p in report["errors"]] == ["file-too-large"]


def test_a_one_megabyte_flood_of_keys_is_read_quickly(tree: Path) -> None:
    lines = "".join(f"k{i}: v\n" for i in range(90_000))
    (tree / "catalog/projects/flood.yaml").write_text("id: flood\n" + lines[: 1024 * 1000], encoding="utf-8")
    code, report, seconds = _check(tree)
    assert code == 1 and seconds < 10
    flood = [p for p in report["errors"] if p["file"] == "catalog/projects/flood.yaml"]
    # every key is unknown and every required field is missing; nothing else, and all of it reported
    assert {p["code"] for p in flood} == {"unknown-field", "missing-field"}
    assert sum(p["code"] == "unknown-field" for p in flood) > 50_000


def test_utf16_and_control_characters(tree: Path) -> None:
    (tree / "catalog/projects/u16.yaml").write_bytes("id: u16\n".encode("utf-16"))
    (tree / "catalog/projects/ctl.yaml").write_bytes(b"id: ctl\ntitle: " + bytes(range(1, 9)) * 40 + b"\n")
    code, report, _ = _check(tree)
    codes = {(p["file"], p["code"]) for p in report["errors"]}
    assert ("catalog/projects/u16.yaml", "encoding-error") in codes
    assert ("catalog/projects/ctl.yaml", "file-binary") in codes
    assert code == 1


def test_a_record_that_is_a_list_or_a_scalar(tree: Path) -> None:
    (tree / "cases/scalar.yaml").write_text("just text\n", encoding="utf-8")
    code, report, _ = _check(tree)
    assert [p["code"] for p in report["errors"]] == ["yaml-structure"]
    assert code == 1


def test_wrong_shapes_inside_a_record_are_type_errors(tree: Path) -> None:
    path = tree / "catalog/projects/online-dianshang.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("groups: [离校未就业高校毕业生]", "groups: {a: 1}").replace(
        "hours: 40", "hours: [40]"
    )
    text = text.replace("contact:\n  name: 李老师\n  phone: 400-123-4567", "contact: 李老师 400-123-4567")
    path.write_text(text, encoding="utf-8")
    code, report, _ = _check(tree)
    found = {(p["code"], p["field"]) for p in report["errors"]}
    assert {("type-error", "groups"), ("type-error", "hours"), ("type-error", "contact")} <= found
    assert code == 1
