"""The data dictionary: every field's Chinese title, type, constraints and description.

Generated from the Table Schemas, so it cannot drift from them. The site's `/data/` page and
`docs/data-dictionary.md` show it; the Excel export will take its headers from the same titles.
"""

from __future__ import annotations

from collections.abc import Sequence

from .paths import Layout, Resource
from .schema import Field

_TYPES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true/false）",
    "date": "日期（YYYY-MM-DD）",
    "year": "年份",
    "list": "列表（CSV 中用 | 分隔）",
}


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: bool = False) -> str:
    """A Markdown table; `numeric` right-aligns every column."""
    align = "---:" if numeric else "---"
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(str(cell)) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# Columns computed from a project's own (SPEC §3, course_facts): what every page says, for users
# of the open data who should not redo the subsidy rule themselves.
DERIVED_COLUMNS = [
    {
        "name": "trainee_pays",
        "type": "number",
        "title": "个人需付（元）",
        "description": "派生列：符合补贴条件的学员报名时先付的钱（免费为 0；补贴拨给学员的先交全部培训费）。",
    },
    {
        "name": "trainee_claims",
        "type": "number",
        "title": "学员可申领（元）",
        "description": "派生列：先垫后补时学员考核合格后可申领的基本补贴；补贴拨给培训机构时为 0。",
    },
    {
        "name": "subsidy_total",
        "type": "number",
        "title": "基本补贴（元）",
        "description": "派生列：课时 × 课时补贴标准，自费培训不超过培训费。",
    },
]


def data_dictionary(layout: Layout) -> str:
    out = [
        "# 数据字典",
        "",
        "<!-- 本文件由 `./tasks docs` 根据 Table Schema 自动生成，请勿手工修改。 -->",
        "",
        "每个字段的中文名、类型、是否必填、约束和说明。YAML 中 `contact.phone` 写作 `contact:` 下的 `phone:`，",
        "`location.lat`/`location.lon` 写作 `location: [纬度, 经度]`；嵌套的表（岗位需求、往期成效）在 YAML 中写在项目里，",
        "在 CSV 和开放数据中是独立的表，以 `project` 列关联项目。",
        "",
        "**开放数据 CSV 中以 `=`、`+`、`-`、`@`、`'`、制表符或回车开头的文字**，前面加了一个英文单引号 `'`，",
        "这样用 Excel 或 WPS 直接打开时按文字显示，不会被当作公式执行（这类文字多是以 `-` 开头的 Markdown 列表）。",
        "用程序读取时，若文字以 `'` 开头且第二个字符是上面这些符号之一，去掉开头的 `'` 即是原文；数字、日期和",
        "是/否列不受影响。录入数据时，文本字段不能以 `=`、`+`、`@`、制表符或回车开头，Markdown 字段不能以 `=` 或 `@` 开头",
        "（检查程序报 `formula-text`）。",
        "",
        "**开放数据的培训项目表在原始列之后多了几列派生列**，由程序按补贴规则算出，与网站各处显示的一致：",
        "",
        markdown_table(
            ["字段", "中文名", "说明"], [[c["name"], c["title"], c["description"]] for c in DERIVED_COLUMNS]
        ),
    ]
    for res in layout.resources.values():
        out += ["", f"## {res.title}（`{res.name}`）", "", _where(layout, res), ""]
        out.append(
            markdown_table(
                ["字段", "中文名", "类型", "必填", "约束", "说明"], [_field_row(f) for f in res.schema.fields]
            )
        )
    return "\n".join(out) + "\n"


def _where(layout: Layout, res: Resource) -> str:
    if res.records_dir is not None:
        folder = res.records_dir.relative_to(layout.root).as_posix()
        return f"存放位置：`{folder}/`，一条记录一个 `<id>.yaml` 文件（可放在子目录中），也可用 CSV。"
    if res.nested_in is not None:
        return f"嵌套在{layout.resources[res.nested_in].title}的 `{res.nested_key}` 字段中。"
    assert res.csv_path is not None
    return f"参照表：`{res.csv_path.relative_to(layout.root).as_posix()}`。"


def _field_row(f: Field) -> list[object]:
    rules: list[str] = []
    if f.enum:
        rules.append("可选：" + "、".join(f.enum))
    if f.item_enum:
        rules.append("每项可选：" + "、".join(f.item_enum))
    if f.pattern is not None:
        rules.append(f"格式 `{f.pattern.pattern}`")
    if f.minimum is not None or f.maximum is not None:
        rules.append(f"范围 {_num(f.minimum)}–{_num(f.maximum)}")
    if f.max_length is not None:
        rules.append(f"最多 {f.max_length} 字")
    if f.ref is not None:
        rules.append(f"引用 `{f.ref[0]}.{f.ref[1]}`")
    if f.check:
        rules.append(f"检查：{_CHECKS.get(f.check, f.check)}")
    required = "是" if f.required else ""
    return [f"`{f.name}`", f.title, _TYPES.get(f.type, f.type), required, "；".join(rules), f.description]


_CHECKS = {
    "phone": "电话号码",
    "uscc": "统一社会信用代码校验码",
    "url": "链接协议",
    "markdown": "Markdown，无 HTML 和不安全链接",
    "person": "化名",
    "past-date": "不晚于今天",
    "location": "内蒙古境内坐标",
}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
