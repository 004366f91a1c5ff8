"""The package's shape: no import cycles, and a domain core that imports no framework."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "scripts" / "skillmap"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every skillmap module a file imports, at the top or inside a function."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("skillmap"):
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("skillmap"))
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {t for t in _imports(path) if t in files and t != name} for name, path in files.items()}


def test_no_import_cycles() -> None:
    graph = _graph()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join([*trail[trail.index(nxt) :], nxt]))
            if nxt not in seen:
                visit(nxt, [*trail, nxt])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])


def test_the_domain_core_imports_no_framework() -> None:
    allowed = set(sys.stdlib_module_names) | {"skillmap"}
    for path in (PACKAGE / "domain").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
    domain_deps = {t for m, deps in _graph().items() if m.startswith("skillmap.domain") for t in deps}
    assert {d for d in domain_deps if not d.startswith("skillmap.domain")} <= {"skillmap.records"}


def test_the_product_does_not_import_the_developer_tools() -> None:
    """Synthetic data, benchmarks and the docs generator live in skillmap.dev, which no product
    module imports; and no developer tool is left among the product's modules."""
    graph = _graph()
    tools = {m for m in graph if m == "skillmap.dev" or m.startswith("skillmap.dev.")}
    assert {"skillmap.dev.synth", "skillmap.dev.bench_search", "skillmap.dev.docs"} <= tools
    for module, deps in graph.items():
        if module not in tools:
            assert not deps & tools, f"{module} imports {deps & tools}"
    product = {m.rsplit(".", 1)[-1] for m in graph if m not in tools}
    assert not {name for name in product if name.startswith(("bench", "synth"))} | ({"docs"} & product)
