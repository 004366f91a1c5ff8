"""The bureau's CI (not .ci/run): workflow files valid against check-jsonschema's vendored schemas,
actions pinned, and the shared deploy scripts doing what the workflows rely on."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml

from .conftest import ROOT, make_tree, run

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
TODAY = "2026-11-27"


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_github_workflows_pass_the_vendored_schema() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "publish.yml"}
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_passes_the_vendored_schema() -> None:
    result = check_jsonschema("vendor.gitlab-ci", ROOT / ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schemas_do_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: [push]\njobs:\n  a:\n    steps: []\n", encoding="utf-8")  # no runs-on
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0
    bad_gitlab = tmp_path / ".gitlab-ci.yml"
    bad_gitlab.write_text("job:\n  stage: build\n  script: 3\n  when: sometimes\n", encoding="utf-8")
    assert check_jsonschema("vendor.gitlab-ci", bad_gitlab).returncode != 0


def test_actions_are_pinned_to_commits_and_pip_is_cached() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned"
        doc = yaml.safe_load(text)
        triggers = doc[True] if True in doc else doc["on"]  # YAML 1.1 reads `on` as true
        assert "workflow_dispatch" in triggers, path.name
        if "setup-python" in text:
            assert "cache: pip" in text, path.name


def test_publishing_runs_daily_and_keeps_its_schedule_alive() -> None:
    doc = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = doc[True]
    _minute, _hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    # Daily: status changes by the day, so a page is at most one day behind (issue 17).
    assert day == "*" and month == "*" and weekday == "*"
    assert "push" in triggers
    steps = [s.get("run", "") for s in doc["jobs"]["keepalive"]["steps"]]
    assert any("/enable" in s for s in steps)
    build = "\n".join(s.get("run", "") for s in doc["jobs"]["build"]["steps"])
    assert "--previous previous/datapackage.json" in build and "fetch-previous.sh" in build
    assert "rsync-to-host.sh" in build and "wechat-menu --site site" in build


def test_deploy_scripts_are_valid_shell() -> None:
    for script in (ROOT / "deploy").glob("*.sh"):
        assert os.access(script, os.X_OK), script
        subprocess.run(["bash", "-n", str(script)], check=True)


# -- the scripts at work ---------------------------------------------------------------------


@pytest.fixture
def env_with_skillmap() -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SKILLMAP_TODAY": TODAY}


@pytest.fixture
def live_site(tmp_path: Path) -> Iterator[str]:
    """A published site served over HTTP, as the bureau's host serves it."""
    site = tmp_path / "live"
    assert (
        run("build", "--root", str(make_tree(tmp_path / "t")), "--today", TODAY, "--out", str(site))[0] == 0
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_fetch_previous_brings_the_datapackage_and_its_tables(live_site: str, tmp_path: Path) -> None:
    dest = tmp_path / "previous"
    subprocess.run(
        [str(ROOT / "deploy/fetch-previous.sh"), live_site, str(dest)], check=True, capture_output=True
    )
    assert (dest / "datapackage.json").is_file()
    tree = make_tree(tmp_path / "again")
    out = tmp_path / "site"
    code, stdout, stderr = run(
        "build",
        "--root",
        str(tree),
        "--today",
        TODAY,
        "--out",
        str(out),
        "--previous",
        str(dest / "datapackage.json"),
    )
    assert code == 0, stdout + stderr
    assert 'data-confirmed="0"' in (out / "updates" / "index.html").read_text(encoding="utf-8")


def test_fetch_previous_falls_back_to_a_first_release_when_the_site_is_unreachable(tmp_path: Path) -> None:
    dest = tmp_path / "previous"
    result = subprocess.run(
        [str(ROOT / "deploy/fetch-previous.sh"), "http://127.0.0.1:9/", str(dest)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "首次发布" in result.stderr
    assert not (dest / "datapackage.json").exists()


def _inbox_tree(tmp_path: Path) -> Path:
    tree = make_tree(tmp_path / "tree")
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    (tree / "inbox").mkdir()
    return tree


def test_inbox_import_applies_a_good_workbook_and_removes_it(
    tmp_path: Path, env_with_skillmap: dict[str, str]
) -> None:
    tree = _inbox_tree(tmp_path)
    book = tree / "inbox" / "呼和浩特-12月.xlsx"
    assert run("export", "--root", str(tree), "--today", TODAY, "--out", str(book))[0] == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["招生人数"]).value = 99
    wb.save(book)
    result = subprocess.run(
        [str(ROOT / "deploy/inbox-import.sh")],
        cwd=tree,
        env=env_with_skillmap,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not book.exists()
    assert any(
        "capacity: 99" in p.read_text(encoding="utf-8") for p in (tree / "catalog/projects").rglob("*.yaml")
    )


def test_inbox_import_reports_a_broken_workbook_at_its_cells_and_writes_nothing(
    tmp_path: Path, env_with_skillmap: dict[str, str]
) -> None:
    tree = _inbox_tree(tmp_path)
    book = tree / "inbox" / "book.xlsx"
    assert run("export", "--root", str(tree), "--today", TODAY, "--out", str(book))[0] == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column_letter for c in ws[1]}
    ws[f"{col['招生人数']}2"] = 99
    ws[f"{col['班型']}3"] = "晚班"
    wb.save(book)
    before = {p: p.read_bytes() for p in (tree / "catalog").rglob("*.yaml")}
    result = subprocess.run(
        [str(ROOT / "deploy/inbox-import.sh"), "github"],
        cwd=tree,
        env=env_with_skillmap,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "::error file=inbox/book.xlsx,title=enum-error" in result.stdout
    assert f"培训项目!{col['班型']}3" in result.stdout
    assert book.exists() and before == {p: p.read_bytes() for p in (tree / "catalog").rglob("*.yaml")}


def test_inbox_import_keeps_a_workbook_whose_sheet_was_renamed(
    tmp_path: Path, env_with_skillmap: dict[str, str]
) -> None:
    tree = _inbox_tree(tmp_path)
    book = tree / "inbox" / "book.xlsx"
    assert run("export", "--root", str(tree), "--today", TODAY, "--out", str(book))[0] == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["培训项目"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["招生人数"]).value = 99
    ws.title = "Sheet1"
    wb.save(book)
    before = {p: p.read_bytes() for p in (tree / "catalog").rglob("*.yaml")}
    result = subprocess.run(
        [str(ROOT / "deploy/inbox-import.sh")],
        cwd=tree,
        env=env_with_skillmap,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Sheet1" in result.stdout and "培训项目" in result.stdout
    assert book.exists() and before == {p: p.read_bytes() for p in (tree / "catalog").rglob("*.yaml")}


def test_check_writes_a_gitlab_code_quality_report(tree: Path) -> None:
    import json

    path = tree / "catalog/institutions/qingcheng-school.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("0471-6601234", "0471-66"), encoding="utf-8")
    code, out, _ = run("check", "--root", str(tree), "--today", TODAY, "--format", "codequality")
    assert code == 1
    items = json.loads(out)
    phone = [i for i in items if i["check_name"] == "phone-invalid"]
    assert phone and phone[0]["location"]["path"] == "catalog/institutions/qingcheng-school.yaml"
    assert phone[0]["location"]["lines"]["begin"] > 1 and phone[0]["severity"] == "major"
    assert len({i["fingerprint"] for i in items}) == len(items)


def test_nginx_example_sets_the_caching_the_site_relies_on() -> None:
    """The stable URLs revalidate, hashed files cache for a year: match them against real file names."""
    conf = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    hashed = re.search(
        r'location ~\* "([^"]+)" \{\s*add_header Cache-Control "public, max-age=31536000', conf
    )
    assert hashed
    pattern = re.compile(hashed.group(1), re.IGNORECASE)
    assert pattern.search("/zt/pxdht/assets/skillmap/skillmap.370ca89f8f.css")
    assert pattern.search("/zt/pxdht/data/projects.3f2a9c81d0.csv")
    assert pattern.search("/zt/pxdht/assets/stylesheets/main.57a0d79d.min.css")
    for stable in ("/zt/pxdht/data/datapackage.json", "/zt/pxdht/index.html", "/zt/pxdht/updates/feed.xml"):
        assert not pattern.search(stable), stable
    assert re.search(r'add_header Cache-Control "no-cache" always;', conf) and "gzip on;" in conf
