"""Search budgets (issue: search that forgives), measured in Chromium on synthetic catalogues.

    python -m skillmap.dev.bench_search [--sizes 5000 20000] [--work DIR] [--write docs/search-benchmarks.md]

For each N: a synthetic catalogue (N projects, N/5 institutions; free words in titles and
names) is built with `skillmap build`; the site is served gzip-compressed under its sub-path
(as the nginx example serves it); each query of a fixed set is typed cold into /search/ in
Debian's Chromium driven by Playwright, cache disabled, and the bytes of the responses (as
transferred, gzip) counted: the search script and every index file the query fetched. The
page itself (HTML with the manifest, CSS) is reported apart. Times are taken with 4× CPU
throttling (`Emulation.setCPUThrottlingRate`); beside each, the time a bare page takes to fetch
the same files in the same two rounds (the requests' own cost on this machine). The index's
share of the build is timed in process. Beside our format, a single lunr index of the same documents and a lunr index of the
names are built with lunr.py and weighed, so the choice of format shows in figures.
A developer tool: not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..datadict import markdown_table
from .bench_lighthouse import PREFIX
from .synth import generate

TODAY = dt.date(2026, 11, 27)
CHROMIUM = os.environ.get("SKILLMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]
# (what it is, how it is typed: query text or a deep link)
QUERIES: tuple[tuple[str, str], ...] = (
    ("标题中的词", "q:订单班"),
    ("词中间的字（贝尔）", "q:贝尔"),
    ("两个字", "q:焊工"),
    ("拼音地名", "q:baotou"),
    ("带空格的拼音", "q:bao tou"),
    ("首字母", "q:hhht"),
    ("职业俗称", "q:电焊"),
    ("两个词", "q:养老 夜校"),
    ("地名加职业", "q:包头 焊工"),
    ("旗县名", "q:土默特右旗"),
    ("俗称地名", "q:呼市"),
    ("镇名代旗县", "q:百灵庙"),
    ("地名加时间说法", "q:包头晚上"),
    ("课程内容里的词", "q:直播"),
    ("长首字母", "q:qzzxjxczg"),
    ("两个名称的首字母", "q:btyx"),
    # 找工作 (SPEC §8): postings by occupation and place, as the jobs page's search box sends it.
    ("岗位：地名加职业", "link:type=job&q=包头 焊工"),
    # A menu item's link (one region, one filter): a prepared search, one file.
    ("只用筛选的深链接", "link:schedule=技能夜校&region=150200"),
    # Three filters: not prepared, searched from the index's postings and display files.
    ("三个筛选的深链接（未预备）", "link:schedule=技能夜校&region=150200&free=1"),
)


def build(root: Path, work: Path, n: int) -> tuple[Path, float]:
    tree = work / f"search-{n}"
    generate(root, tree, projects=n, today=TODAY)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "skillmap", "build", "--root", str(tree), "--today", TODAY.isoformat()],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    (tree / BUILD_SECONDS).write_text(f"{seconds:.1f}\n", encoding="utf-8")  # for --reuse
    return tree, seconds


BUILD_SECONDS = "build-seconds.txt"


def built_seconds(tree: Path) -> float:
    """The build time measured when the tree was built (nan if it was not recorded)."""
    path = tree / BUILD_SECONDS
    return float(path.read_text(encoding="utf-8")) if path.is_file() else float("nan")


def index_seconds(tree: Path) -> tuple[float, int, int]:
    """(seconds to build the index in process, files, total bytes) for a tree."""
    from ..search.index import index_for
    from ..site.model import SiteModel
    from ..validate import check_project

    result = check_project(tree, TODAY)
    model = SiteModel(result.catalog, TODAY, dict(result.layout.mkdocs_config().get("extra") or {}))
    started = time.perf_counter()
    index = index_for(model, result.layout)
    seconds = time.perf_counter() - started
    return seconds, len(index.files), sum(len(c) for c in index.files.values())


def lunr_alternatives(tree: Path) -> dict[str, int]:
    """Gzip bytes of the same documents as one lunr index, and of a lunr index of the names."""
    from lunr.builder import Builder

    from ..search.documents import FIELDS, Documents
    from ..search.tokens import text_tokens
    from ..site.model import SiteModel
    from ..validate import check_project

    result = check_project(tree, TODAY)
    model = SiteModel(result.catalog, TODAY, {})
    docs = Documents(model).all()

    def weigh(fields: list[str], rows: list[dict[str, str]]) -> int:
        builder = Builder()
        builder.pipeline.reset()
        builder.search_pipeline.reset()
        builder.ref("id")
        for name in fields:
            builder.field(name)
        for row in rows:
            builder.add(row)
        data = json.dumps(builder.build().serialize(), ensure_ascii=False, separators=(",", ":")).encode()
        return len(gzip.compress(data, 6))

    rows = [
        {
            "id": str(n),
            **{
                k: " ".join(sorted(set().union(*(text_tokens(t) for t in d.fields.get(k, [])))))
                for k in FIELDS
            },
        }
        for n, d in enumerate(docs)
    ]
    names = [
        {"id": f"{d.type}:{d.id}", "n": " ".join(sorted(text_tokens(d.row[2], name=True)))}
        for d in docs
        if d.type == "institution"
    ] + [
        {"id": f"region:{r.code}", "n": " ".join(sorted(text_tokens(r.name, name=True)))}
        for r in model.regions.values()
    ]
    return {"lunr_all": weigh(list(FIELDS), rows), "lunr_names": weigh(["n"], names)}


# A static server in Node (as fast as nginx for this purpose, unlike Python's threads): files under
# the sub-path, gzip-compressed once and kept in memory, keep-alive.
NODE_SERVER = r"""
const http = require('http'), fs = require('fs'), path = require('path'), zlib = require('zlib');
const root = process.argv[1], prefix = process.argv[2], cache = new Map();
const types = {'.html':'text/html; charset=utf-8','.css':'text/css','.js':'application/javascript',
  '.json':'application/json','.svg':'image/svg+xml','.png':'image/png','.xml':'application/xml','.csv':'text/csv'};
http.createServer((req, res) => {
  let url = decodeURIComponent(req.url.split('?')[0]);
  if (!url.startsWith(prefix)) { res.writeHead(404); return res.end(); }
  if (url === prefix + '__floor/') {  // a bare page for the network floor: no CSS, no script
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache'});
    return res.end('<!doctype html><meta charset="utf-8"><title>floor</title><p>floor</p>');
  }
  let file = path.join(root, url.slice(prefix.length));
  if (url.endsWith('/')) file = path.join(file, 'index.html');
  let body = cache.get(file);
  if (!body) {
    try { const raw = fs.readFileSync(file); body = {raw, gz: zlib.gzipSync(raw, {level: 6})}; cache.set(file, body); }
    catch (e) { res.writeHead(404); return res.end(); }
  }
  const gzip = /gzip/.test(req.headers['accept-encoding'] || '') && !file.endsWith('.png');
  res.writeHead(200, {'Content-Type': types[path.extname(file)] || 'application/octet-stream',
    'Cache-Control': 'no-cache', ...(gzip ? {'Content-Encoding': 'gzip'} : {})});
  res.end(gzip ? body.gz : body.raw);
}).listen(0, '127.0.0.1', function () { console.log(this.address().port); });
"""


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    proc = subprocess.Popen(["node", "-e", NODE_SERVER, str(site), PREFIX], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        proc.terminate()
        proc.wait()


def measure_queries(site: Path, repeat: int = 3) -> list[dict[str, Any]]:
    """Each query typed cold: once with DevTools' network domain on, for the bytes and requests
    (they do not vary), then `repeat` times without it, for the times (the network domain's
    bookkeeping costs a throttled renderer several milliseconds per request, which a phone does
    not pay), taken as the median (this machine is shared and single runs wander by a third).
    Every run has a fresh browser context: an empty cache."""
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, spec in QUERIES:
            first = _measure_once(browser, site, base, spec, count_bytes=True)
            runs = [_measure_once(browser, site, base, spec, count_bytes=False) for _ in range(repeat)]
            floor = [_floor_once(browser, base, first["index_urls"]) for _ in range(repeat)]
            out.append(
                {
                    **first,
                    "label": label,
                    "query": spec.partition(":")[2],
                    "first_ms": statistics.median(r["first_ms"] for r in runs),
                    "first_runs": [r["first_ms"] for r in runs],
                    "again_ms": None
                    if first["again_ms"] is None
                    else statistics.median(r["again_ms"] for r in runs),
                    "wall_ms": statistics.median(r["wall_ms"] for r in runs),
                    "floor_ms": statistics.median(floor),
                }
            )
        browser.close()
    return out


# Waiting for the hits in the page itself. Playwright's own waits (wait_for_selector, fill) run
# its injected script on the page's main thread; at 4× throttling compiling and polling it cost a
# deep link about 120 ms, which no phone pays. These cost a querySelector per 50 ms, or nothing.
ARM_DONE = """text => { window.__benchDone = new Promise(resolve => {
  const results = document.querySelector('[data-search-results]');
  const done = () => results.getAttribute('data-state') === 'done' && results.getAttribute('data-query') === text;
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(true); } })
    .observe(results, { attributes: true, attributeFilter: ['data-state', 'data-query'] });
}); }"""
POLL_DONE = """() => new Promise(resolve => { (function poll() {
  const results = document.querySelector('[data-search-results]');
  if (results && results.getAttribute('data-state') === 'done') return resolve(true);
  setTimeout(poll, 50);
})(); })"""
LAST_TIMING = "SkillmapSearch.timings[SkillmapSearch.timings.length - 1]"
KEYSTROKES = 3  # retyped per cold run; "again" is their median


def _type_and_wait(page: Any, action: Any, text: str) -> float:
    """Arm the wait for `text`'s hits, act (keys sent over CDP), wait; the search's own timing."""
    page.evaluate(ARM_DONE, text)
    action()
    page.evaluate("window.__benchDone")
    return float(page.evaluate(LAST_TIMING))


FLOOR = """urls => {
  const get = url => new Promise((resolve, reject) => {  // as search.js fetches: XMLHttpRequest
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.onload = () => resolve(url.endsWith('.json') ? JSON.parse(request.responseText) : request.responseText);
    request.onerror = reject;
    request.send();
  });
  const began = performance.now();
  return Promise.all(urls[0].map(get)).then(() => Promise.all(urls[1].map(get)))
    .then(() => performance.now() - began);
}"""


def _floor_once(browser: Any, base: str, index_urls: list[str]) -> float:
    """The same query's files fetched by a bare page under the same throttling, in the query's
    two rounds (postings, then display rows), with no search code at all: what the browser and
    this machine charge for the requests alone."""
    rounds = [  # postings or a prepared search's file, then display rows
        [u for u in index_urls if u.rsplit("/", 1)[-1][0] in "ps"],
        [u for u in index_urls if u.rsplit("/", 1)[-1].startswith("d")],
    ]
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(base + "__floor/")
    # Warm as the search page is warm after loading its CSS and scripts: open connections, a
    # first fetch done (the same files under another address, so nothing comes from a cache).
    page.evaluate(FLOOR, [[u + "?warm" for u in index_urls] + [base + "__floor/?warm"] * 6, []])
    page.wait_for_timeout(300)
    took = float(page.evaluate(FLOOR, rounds))
    context.close()
    return took


def _measure_once(browser: Any, site: Path, base: str, spec: str, count_bytes: bool) -> dict[str, Any]:
    kind, _, text = spec.partition(":")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    if count_bytes:
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    if kind == "q":
        page.goto(base + "search/")
        page.evaluate(POLL_DONE)
        page.focus("input[name=q]")
        page.wait_for_timeout(300)  # a reader looks before typing: the page's idle work is done
        started = page.evaluate("performance.now()")
        first = _type_and_wait(page, lambda: page.keyboard.insert_text(text), text)
        elapsed = page.evaluate("performance.now()") - started
        page.wait_for_timeout(300)  # let late responses of this query (suggestions) be counted
        fetched = dict(urls), dict(sizes)
        # A further keystroke: one character off and on again (its shards are cached), three
        # times: single keystrokes on this shared machine wander by half.
        page.keyboard.press("End")
        retyped = []
        for _ in range(KEYSTROKES):
            _type_and_wait(page, lambda: page.keyboard.press("Backspace"), text[:-1])
            retyped.append(_type_and_wait(page, lambda: page.keyboard.insert_text(text[-1]), text))
        again: float | None = statistics.median(retyped)
    else:
        started = time.perf_counter()
        page.goto(
            base
            + "search/?"
            + "&".join(f"{k}={quote(v)}" for k, v in (x.split("=") for x in text.split("&"))),
            wait_until="commit",
        )
        page.evaluate(POLL_DONE)
        first = float(page.evaluate(LAST_TIMING))
        elapsed = (time.perf_counter() - started) * 1000
        again = None
        page.wait_for_timeout(300)
        fetched = dict(urls), dict(sizes)
    hits = page.locator("[data-entry-id]").count()
    query_bytes = page_bytes = body_bytes = 0
    for request, url in fetched[0].items():
        size = fetched[1].get(request, 0)
        if ("/search/" in url and url.endswith(".json")) or "/search." in url:
            query_bytes += size
            body_bytes += _gzip_size(site, base, url)
        else:
            page_bytes += size
    context.close()
    return {
        "hits": hits,
        "query_kb": query_bytes / 1024,
        "body_kb": body_bytes / 1024,
        "requests": sum(1 for u in fetched[0].values() if "/search/" in u and u.endswith(".json")),
        # the query's own index files, suggestions' names aside (fetched before typing)
        "index_urls": [
            u for u in fetched[0].values() if "/search/" in u and u.endswith(".json") and "/names" not in u
        ],
        "page_kb": page_bytes / 1024,
        "first_ms": first,
        "again_ms": again,
        "wall_ms": elapsed,
    }


def _gzip_size(site: Path, base: str, url: str) -> int:
    """The gzip size (level 6, as nginx's gzip_comp_level 6) of the file a URL serves: bodies only."""
    path = site / url[len(base) :].split("?", 1)[0]
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _lunr_sentence(item: dict[str, Any]) -> str:
    if not item["lunr_all"]:
        return ""
    return (
        f"同样的文档做成一个 lunr 索引：{item['lunr_all'] / 1024:.0f} KB（gzip）；"
        f"机构和地区名称的 lunr 索引：{item['lunr_names'] / 1024:.0f} KB（gzip）。"
    )


def report(results: list[dict[str, Any]], repeat: int) -> str:
    machine = f"{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}"
    parts = [
        "# 搜索性能基准",
        "",
        "<!-- 由 `python -m skillmap.dev.bench_search --write docs/search-benchmarks.md` 生成。 -->",
        "",
        f"合成数据（N 个项目、N/5 个机构，标题和机构名含随机词），Chromium 冷启动（禁用缓存）、4 倍 CPU 降速；机器：{machine}。",
        "“查询字节”是搜索脚本和这次查询取到的索引文件，按 gzip（6 级，与 nginx 示例相同）的响应体计；“含响应头”是浏览器记录的传输字节；“页面”是搜索页本身（HTML 含清单、样式）。",
        f"“首次”是索引加载加第一次查询（从输入到结果显示），“再按一键”是之后删掉最后一个字再打回来的查询耗时（每次冷启动打 {KEYSTROKES} 遍取中位数）；都是每个查询冷启动 {repeat} 次的中位数（这台机器与别人共用，单次耗时上下浮动三成）。"
        "输入查询前先停 300 毫秒（读者看清页面再打字）；按键经 CDP 发送，等待结果在页面里进行（Playwright 自己的等待和 fill 要在页面主线程上编译、轮询它的注入脚本，4 倍降速下让深链接多出约 120 毫秒，手机上没有这笔开销）。"
        "深链接打开时，搜索与页面自身的解析和首次排版争用同一个主线程，计时从 DOMContentLoaded 开始。"
        "只有一个地区加一个筛选条件（微信菜单、列表页的链接）的深链接由构建预先排好，只取一个文件；其余组合照常查索引。"
        "索引文件用 XMLHttpRequest 取：页面还在解析和排版时，Chromium 把 fetch 的响应体交给脚本要晚 200–750 毫秒，XHR 的 load 只晚 90–280 毫秒（各 8 次），深链接的文件因此多在表单就绪前已经到了。",
        f"“只取文件”是同一查询的索引文件由一个空白页面按同样两轮（倒排分片或预备好的结果，再显示行）取回的耗时（同样 4 倍降速，{repeat} 次中位数），不含任何搜索代码：这是浏览器和这台机器为这些请求本身收的费用。"
        "这台机器只有 2 核：DevTools 的 CPU 降速让页面主线程在信号处理函数里空转（每 200 微秒一次，空闲时也转），约占满一个核，浏览器进程、网络服务、测试服务器和 Playwright 挤在另一个核上，所以每轮请求在这里要几十毫秒，而服务器应答不到 1 毫秒。",
        "",
    ]
    for item in results:
        n = item["n"]
        rows = [
            [
                q["label"],
                q["query"],
                q["hits"],
                q["requests"],
                f"{q['body_kb']:.1f}",
                f"{q['query_kb']:.1f}",
                f"{q['page_kb']:.1f}",
                f"{q['first_ms']:.0f}",
                f"{q['floor_ms']:.0f}",
                "" if q["again_ms"] is None else f"{q['again_ms']:.0f}",
            ]
            for q in item["queries"]
        ]
        parts += [
            f"## N = {n}",
            "",
            f"构建 {item['build_s']:.1f} 秒，其中索引 {item['index_s']:.1f} 秒（{100 * item['index_s'] / item['build_s']:.1f}%）；"
            f"索引 {item['files']} 个文件，共 {item['bytes'] / 1048576:.1f} MB（未压缩）。"
            + _lunr_sentence(item),
            "",
            markdown_table(
                [
                    "查询",
                    "输入",
                    "结果数",
                    "索引请求",
                    "查询字节 gzip（KB）",
                    "含响应头（KB）",
                    "页面（KB）",
                    "首次（毫秒）",
                    "只取文件（毫秒）",
                    "再按一键（毫秒）",
                ],
                rows,
            ),
            "",
            _budget_sentence(item),
            "",
        ]
    parts.append(
        "目标：N = 5000 时中文查询不超过 30 KB、拼音和首字母查询不超过 60 KB，N = 20000 时不超过其 1.3 倍；首次不超过 150 毫秒，再按一键不超过 16 毫秒；索引使构建增加不超过 10%。"
    )
    return "\n".join(parts) + "\n"


# The budgets (the last line of the report): bytes per query at N = 5000, scaled for larger N.
BYTES_CHINESE_KB, BYTES_LATIN_KB, LARGE_FACTOR = 30.0, 60.0, 1.3
FIRST_MS, AGAIN_MS, INDEX_SHARE = 150.0, 16.0, 0.10


def _budget_sentence(item: dict[str, Any]) -> str:
    """Which figures of one size break their budget, said by the report itself (not by hand)."""
    scale = 1.0 if item["n"] <= 5000 else LARGE_FACTOR
    over: list[str] = []
    for q in item["queries"]:
        typed = q["query"].split("q=")[-1]
        limit = (BYTES_CHINESE_KB if re.search(r"[\u3400-\u9fff]", typed) else BYTES_LATIN_KB) * scale
        if q["body_kb"] > limit:
            over.append(f"“{q['label']}”{q['body_kb']:.1f} KB（上限 {limit:.0f} KB）")
        if q["first_ms"] > FIRST_MS:
            over.append(f"“{q['label']}”首次 {q['first_ms']:.0f} 毫秒（只取文件 {q['floor_ms']:.0f}）")
        if q["again_ms"] is not None and q["again_ms"] > AGAIN_MS:
            over.append(f"“{q['label']}”再按一键 {q['again_ms']:.0f} 毫秒")
    if item["index_s"] > INDEX_SHARE * item["build_s"]:
        over.append(f"索引占构建的 {100 * item['index_s'] / item['build_s']:.1f}%")
    if not over:
        return "**与预算的比较**：都在预算内。"
    return "**与预算的比较**：超出预算的有 " + "；".join(over) + "，其余都在预算内。"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.bench_search", description="搜索的字节、耗时和构建预算。"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--work", type=Path, default=Path("bench-out"))
    parser.add_argument("--write", type=Path, default=None)
    parser.add_argument(
        "--reuse", action="store_true", help="已构建的合成网站直接测量（构建时间取构建时记下的）"
    )
    parser.add_argument(
        "--lunr-sizes",
        type=int,
        nargs="*",
        default=[5000],
        help="哪些 N 也称量 lunr 格式（lunr.py 建大索引很慢）",
    )
    parser.add_argument("--repeat", type=int, default=3, help="每个查询冷启动几次（耗时取中位数）")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        tree = args.work / f"search-{n}"
        if args.reuse and (tree / "site" / "search" / "index.html").is_file():
            build_s = built_seconds(tree)
        else:
            tree, build_s = build(args.root, args.work, n)
        index_s, files, size = index_seconds(tree)
        lunr = lunr_alternatives(tree) if n in args.lunr_sizes else {"lunr_all": 0, "lunr_names": 0}
        queries = measure_queries(tree / "site", args.repeat)
        results.append(
            {
                "n": n,
                "build_s": build_s,
                "index_s": index_s,
                "files": files,
                "bytes": size,
                **lunr,
                "queries": queries,
            }
        )
        for q in queries:
            print(
                f"N={n} {q['label']}: {q['hits']} 条，{q['requests']} 个请求，查询 {q['body_kb']:.1f} KB（含头 {q['query_kb']:.1f}），页面 {q['page_kb']:.1f} KB，首次 {q['first_ms']:.0f} ms（只取文件 {q['floor_ms']:.0f}），再按 {q['again_ms']} ms",
                flush=True,
            )
        print(
            f"N={n}: 构建 {build_s:.1f} 秒，索引 {index_s:.1f} 秒；lunr 全部 {lunr['lunr_all'] / 1024:.0f} KB，名称 {lunr['lunr_names'] / 1024:.0f} KB",
            flush=True,
        )
    text = report(results, args.repeat)
    print(text)
    if args.write is not None:
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
