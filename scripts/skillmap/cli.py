"""The `skillmap` command line: parses arguments, calls the core, sets exit codes.

Exit codes: 0 success (warnings allowed), 1 problems in the data, 2 usage or internal failure
(with a Chinese message on stderr, never a traceback unless SKILLMAP_DEBUG is set).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .paths import KINDS, LayoutError, ProjectError
from .site.engines import DEFAULT_ENGINE, ENGINES

# China keeps one offset all year, so a fixed UTC+8 needs no time-zone database.
CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


class UsageError(Exception):
    """Wrong words on the command line; the message is Chinese."""


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese help headings and Chinese usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with_help = kwargs.pop("add_help", True)
        parents = kwargs.pop("parents", [])
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if with_help:
            self.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        for parent in parents:  # after renaming, so that the parents' options join our group
            self._add_container_actions(parent)
            self.set_defaults(**parent._defaults)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(_usage_zh(message) + "\n" + self.format_usage().replace("usage:", "用法："))


_USAGE_ZH = (
    (r"the following arguments are required: (.*)", "缺少参数：{0}"),
    (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", "参数 {0} 的取值“{1}”无效"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): (.*)", "参数 {0} 有误：{1}"),
)


def _usage_zh(message: str) -> str:
    for pattern, template in _USAGE_ZH:
        m = re.match(pattern, message)
        if m:
            return "用法错误：" + template.format(*m.groups())
    return f"用法错误：{message}"


def _today_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise argparse.ArgumentTypeError(f"日期“{text}”无效，应写成 YYYY-MM-DD")


def default_today() -> dt.date:
    """SKILLMAP_TODAY if set, else today's date in China."""
    env = os.environ.get("SKILLMAP_TODAY")
    if env:
        try:
            return _today_arg(env)
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"环境变量 SKILLMAP_TODAY：{exc}") from None
    return dt.datetime.now(CHINA).date()


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="项目目录（默认：当前目录）")
    common.add_argument("--today", type=_today_arg, default=None, help="按哪一天检查和构建（YYYY-MM-DD）")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="skillmap", description="内蒙古“技能照亮前程”培训信息导航图：数据检查、格式化与站点构建。"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="命令")
    check = sub.add_parser("check", parents=[common], help="检查所有数据文件")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "codequality"),
        default="text",
        help="报告格式（github：拉取请求上的批注；codequality：GitLab 合并请求的代码质量报告）",
    )
    fmt = sub.add_parser("fmt", parents=[common], help="把数据文件整理为规范格式")
    fmt.add_argument("--check", action="store_true", help="只检查，不修改；有需整理的文件时退出码为 1")
    build = sub.add_parser("build", parents=[common], help="检查数据并构建静态网站")
    build.add_argument("--out", type=Path, default=None, help="网站输出目录（默认：项目目录下的 site/）")
    build.add_argument(
        "--previous", type=Path, default=None, help="上次发布的 data/datapackage.json，用于生成“本期更新”页"
    )
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="把页面生成 HTML 的引擎（默认：mkdocs；zensical 需先 pip install -e '.[engine]'，见 docs/engine.md）",
    )
    serve = sub.add_parser("serve", parents=[common], help="本地预览网站，数据或模板改动后自动重新构建")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认：127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认：8000）")
    new = sub.add_parser("new", parents=[common], help="输出一条新记录的模板（带注释）")
    new.add_argument("kind", choices=sorted(KINDS), help="记录类型")
    new.add_argument("--out", type=Path, default=None, help="写入文件（默认输出到屏幕）")
    report = sub.add_parser(
        "report", parents=[common], help="本期报告：各盟市久未核实、即将结束的记录（工作人员用）"
    )
    report.add_argument(
        "--format", choices=("text", "json", "xlsx"), default="text", help="报告格式（xlsx 需要 --out）"
    )
    report.add_argument("--out", type=Path, default=None, help="写入文件（默认输出到屏幕）")
    export = sub.add_parser("export", parents=[common], help="把全部数据导出为一个 Excel 工作簿，供编辑填写")
    export.add_argument(
        "--out", type=Path, default=Path("导航图数据.xlsx"), help="工作簿文件（默认：导航图数据.xlsx）"
    )
    imp = sub.add_parser(
        "import", parents=[common], help="读入编辑填好的 Excel 工作簿（或 CSV），预览或写入改动"
    )
    imp.add_argument("file", type=Path, help="要导入的 .xlsx 或 .csv 文件")
    imp.add_argument("--apply", action="store_true", help="把没有错误的行写成记录文件（默认只预览）")
    imp.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="报告格式（github：拉取请求上的批注）",
    )
    menu = sub.add_parser("wechat-menu", parents=[common], help="生成公众号自定义菜单的接口请求体（JSON）")
    menu.add_argument(
        "--site", type=Path, default=None, help="构建好的网站目录：检查每个菜单链接都有对应页面"
    )
    menu.add_argument("--out", type=Path, default=None, help="写入文件（默认输出到屏幕）")
    return parser


def _stop_on_terminate() -> None:
    """`kill` (SIGTERM) unwinds like Ctrl+C, so that temp files and half-staged work are removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread (tests calling main() from a worker)
        signal.signal(signal.SIGTERM, stop)


def main(argv: Sequence[str] | None = None) -> int:
    _stop_on_terminate()
    try:
        args = build_parser().parse_args(argv)
        if args.today is None:
            args.today = default_today()
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except LayoutError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except ProjectError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `skillmap check | head`: the reader left, nothing to report
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 2
    except OSError as exc:  # a file that cannot be read or written: the data, not the program
        from .files import os_reason

        where = f" {exc.filename}" if exc.filename else ""
        print(f"错误：无法读写{where}：{os_reason(exc)}。请检查文件权限和磁盘空间后重试。", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: an editor never sees a traceback
        if os.environ.get("SKILLMAP_DEBUG"):
            raise
        print(
            f"内部错误：{type(exc).__name__}: {exc}\n请把这条信息和所用数据告诉维护人员；设置 SKILLMAP_DEBUG=1 可看到详细信息。",
            file=sys.stderr,
        )
        return 2


def cmd_check(args: argparse.Namespace) -> int:
    from .problem_formats import RENDERERS, as_text
    from .validate import check_project

    result = check_project(args.root, args.today)
    if args.format == "text":
        sys.stdout.write(as_text(result, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    else:
        sys.stdout.write(RENDERERS[args.format](result))
    return 0 if result.ok else 1


def cmd_build(args: argparse.Namespace) -> int:
    from .paths import Layout
    from .problem_formats import as_text
    from .site.build import build_site
    from .site.output import guard_output
    from .validate import check_project

    out = args.out if args.out is not None else args.root / "site"
    guard_output(out, Layout(args.root))  # refused before the check, so a wrong --out costs nothing
    result = check_project(args.root, args.today)
    if not result.ok:
        sys.stdout.write(as_text(result, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
        print("数据有错误，没有构建网站。请先按上面的提示修正。", file=sys.stderr)
        return 1
    figures = build_site(result, args.today, out, args.previous, args.engine)
    warnings = f"，{len(result.warnings)} 个警告（运行 skillmap check 查看）" if result.warnings else ""
    print(
        f"网站已构建：{out}（{figures['pages']} 个页面，{figures['projects']} 个项目，数据截至 {args.today}{warnings}）。"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    return serve(args.root.resolve(), args.today, args.host, args.port)


def cmd_fmt(args: argparse.Namespace) -> int:
    from .fmt import format_tree

    return format_tree(args.root, args.today, check_only=args.check)


def cmd_new(args: argparse.Namespace) -> int:
    from .template import write_template

    return write_template(args.root, args.kind, args.out)


def cmd_report(args: argparse.Namespace) -> int:
    from .cycle_report import as_json, as_text, cycle_report, match_report
    from .load import load_catalog
    from .paths import Layout
    from .site.output import guard_file

    layout = Layout(args.root)
    if args.out is not None:
        guard_file(args.out, layout)
    catalog, _ = load_catalog(layout)
    prefectures = cycle_report(catalog, args.today)
    match = match_report(catalog, args.today)
    if args.format == "xlsx":
        from .excel.cycle_book import report_book

        if args.out is None:
            raise UsageError("用法错误：--format xlsx 需要用 --out 指定工作簿文件，如 --out 本期报告.xlsx")
        rows = report_book(prefectures, args.today, args.out, match)
        print(f"已写入 {args.out}（{rows} 条需要处理的记录）。", file=sys.stderr)
        return 0
    text = (
        as_json(prefectures, args.today, match) if args.format == "json" else as_text(prefectures, args.today)
    )
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .excel.export import TooLongForACell, export_book
    from .paths import Layout
    from .problem_formats import as_text
    from .site.output import guard_file
    from .validate import check_project

    guard_file(args.out, Layout(args.root))
    result = check_project(args.root, args.today)
    if not result.ok:
        sys.stdout.write(as_text(result))
        print("数据有错误，没有导出：有错的值无法原样写进表格。请先按上面的提示修正。", file=sys.stderr)
        return 1
    try:
        figures = export_book(result.layout, result.catalog, args.out, args.today)
    except TooLongForACell as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    counts = "、".join(f"{title} {n} 行" for title, n in figures.sheets.items())
    print(f"已导出 {args.out}：{counts}。")
    for cell in figures.cleaned:
        print(f"注意：{cell} 含有表格无法保存的控制字符，已删除。", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .excel.apply import apply_plan, recover
    from .excel.merge import plan_import
    from .excel.read import BookError
    from .excel.report import as_github, as_json, as_text
    from .paths import Layout

    layout = Layout(args.root)
    restored = recover(layout)
    if restored:
        print(
            f"上次导入在写入时被中断，已把 {len(restored)} 个记录文件恢复原样：{'、'.join(restored)}。",
            file=sys.stderr,
        )
    try:
        plan = plan_import(layout, args.file.resolve(), args.file.as_posix(), args.today)
    except BookError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    written = apply_plan(layout, plan) if args.apply else []
    if args.format == "json":
        render = as_json(plan, written)
    elif args.format == "github":
        render = as_github(plan) + as_text(plan, written, args.apply)
    else:
        render = as_text(plan, written, args.apply)
    sys.stdout.write(render)
    return 0 if plan.ok else 1


def cmd_wechat_menu(args: argparse.Namespace) -> int:
    from .paths import Layout
    from .site.output import guard_file
    from .wechat_menu import build_menu, menu_json

    layout = Layout(args.root)
    if args.site is not None and not (args.site / "index.html").is_file():
        raise UsageError(
            f"用法错误：--site {args.site} 不是构建好的网站目录（没有 index.html）；请先运行 skillmap build。"
        )
    result = build_menu(layout.mkdocs_config(), args.site)
    if result.problems:
        print("公众号菜单不符合接口要求，没有生成：", file=sys.stderr)
        for line in result.problems:
            print(f"  - {line}", file=sys.stderr)
        print("请修改 mkdocs.yml 中 extra.wechat_menu 后重试。", file=sys.stderr)
        return 1
    text = menu_json(result)
    if args.out is not None:
        guard_file(args.out, layout)
        args.out.write_text(text, encoding="utf-8")
        print(f"已写入 {args.out}。", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "fmt": cmd_fmt,
    "new": cmd_new,
    "report": cmd_report,
    "export": cmd_export,
    "import": cmd_import,
    "wechat-menu": cmd_wechat_menu,
}
