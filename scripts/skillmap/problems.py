"""Problems as data: a stable code, a Chinese title, a severity and the cure.

Checks never raise on bad data: they return `Problem`s. The catalogue below is the
single source of the problem-code table in the README (see `skillmap.docs`, a developer tool).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: what it is called and how an editor fixes it."""

    code: str
    title: str
    severity: Severity
    cure: str


@dataclass(frozen=True)
class Problem:
    """One problem found in one place. `file` is relative to the root, POSIX style."""

    code: str
    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    @property
    def severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def cure(self) -> str:
        return CATALOGUE[self.code].cure

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field or "", self.code)


def _types(*rows: tuple[str, str, Severity, str]) -> dict[str, ProblemType]:
    return {code: ProblemType(code, title, sev, cure) for code, title, sev, cure in rows}


CATALOGUE: dict[str, ProblemType] = _types(
    # Reading files
    ("file-too-large", "文件过大", "error", "单个记录文件不能超过 1 MB；请检查是否误粘贴了大段内容或图片。"),
    ("file-empty", "文件为空", "error", "请填写记录内容，或删除这个空文件；可用 `skillmap new` 生成模板。"),
    (
        "file-binary",
        "不是文本文件",
        "error",
        "记录文件必须是纯文本（YAML 或 CSV）；请勿把 Word、图片等文件放进数据目录。",
    ),
    (
        "file-ignored",
        "不是记录文件",
        "warning",
        "数据目录里只放 .yaml 或 .csv 记录；其他文件请移走，或以 _ 开头命名。",
    ),
    (
        "encoding-error",
        "文件编码错误",
        "error",
        "YAML 文件请另存为 UTF-8 编码；CSV 文件可用 UTF-8 或 GB18030（Excel 默认）。",
    ),
    (
        "yaml-syntax",
        "YAML 格式错误",
        "error",
        "按提示的行列检查缩进（只用空格，不用 Tab）、冒号和引号是否成对。",
    ),
    ("yaml-alias", "不允许使用 YAML 锚点或别名", "error", "删除 `&名称` 和 `*名称`，把内容直接写出来。"),
    (
        "yaml-structure",
        "记录结构错误",
        "error",
        "每个文件只写一条记录：最外层是“字段: 值”的映射，不要用 `---` 分成多段。",
    ),
    ("duplicate-key", "字段重复", "error", "同一条记录里每个字段只能出现一次；删除重复的那一行。"),
    (
        "csv-header",
        "CSV 表头错误",
        "error",
        "第一行应为字段名或中文列名，可用 `skillmap export` 导出的表格作模板。",
    ),
    # Shape (Table Schema)
    (
        "unknown-field",
        "未定义的字段",
        "error",
        "检查字段名拼写；可用字段见数据字典（/data/ 页面或 docs/data-dictionary.md）。",
    ),
    ("missing-field", "缺少必填字段", "error", "补上这个字段；模板可用 `skillmap new` 生成。"),
    (
        "type-error",
        "类型错误",
        "error",
        "按数据字典填写：整数不带单位，日期写成 YYYY-MM-DD，是否写 true 或 false。",
    ),
    ("enum-error", "取值不在允许范围内", "error", "从提示列出的可选值中选一个，一字不差地填写。"),
    ("pattern-error", "格式不符", "error", "按提示的格式修改。"),
    ("range-error", "数值或长度超出范围", "error", "按提示的范围修改。"),
    # Identity and references
    ("id-mismatch", "编号与文件名不一致", "error", "文件名应为 `<id>.yaml`；改文件名或改 id，使二者一致。"),
    ("duplicate-id", "编号重复", "error", "同类记录的 id 必须唯一；给后加的记录换一个 id（同时改文件名）。"),
    ("unknown-id", "引用了不存在的记录", "error", "检查 id 拼写，或先添加被引用的记录。"),
    (
        "unknown-code",
        "代码或名称不在参照表中",
        "error",
        "从 catalog/reference/ 下的参照表中选用（行政区划代码、职业名称、产业领域）。",
    ),
    # Meaning
    (
        "date-order",
        "日期先后顺序错误",
        "error",
        "开班日期不能晚于结班日期，报名截止不能晚于结班日期；请核对日期。",
    ),
    ("date-in-future", "日期晚于今天", "error", "更新日期、发布日期、入册日期不能晚于今天；请填写实际日期。"),
    (
        "institution-inactive",
        "机构已暂停、退出或过期",
        "error",
        "该项目尚未结束，但承办机构不在册；请更换机构、核实机构状态或下架项目。",
    ),
    (
        "stale-record",
        "记录久未更新",
        "warning",
        "请核实记录内容后把 updated 改为核实当天的日期（机构和项目每 30 天核实一次）。",
    ),
    ("check-digit", "校验码错误", "error", "请对照营业执照或登记证书核对统一社会信用代码（18 位）。"),
    (
        "phone-invalid",
        "电话号码无效",
        "error",
        "座机写成 0471-1234567，手机写 11 位，服务号码如 12333、400-123-4567。",
    ),
    (
        "unsafe-link",
        "不安全的链接",
        "error",
        "链接只能以 http://、https://、tel:、mailto: 开头，或使用站内相对链接。",
    ),
    ("raw-html", "文本中含有 HTML 或脚本", "error", "说明文字请用 Markdown 书写，不要写 HTML 标签或脚本。"),
    (
        "location-invalid",
        "坐标无效",
        "error",
        "location 写成 [纬度, 经度]（GCJ-02，高德或腾讯地图拾取），须在内蒙古境内。",
    ),
    (
        "value-order",
        "数值前后矛盾",
        "error",
        "请核对数值：最低工资不能高于最高工资，取证人数、就业人数不能多于结业人数。",
    ),
    ("address-required", "缺少培训地址", "error", "线下或线上线下结合的项目必须填写 address（培训地点）。"),
    (
        "demand-empty",
        "缺少岗位需求",
        "warning",
        "四位一体项目应列出岗位需求（用工单位、岗位、人数、薪酬）；只面向企业职工的项目可不填。",
    ),
    (
        "evaluator-conflict",
        "评价机构填写重复",
        "warning",
        "evaluator（目录内机构 id）和 evaluator_name（目录外机构名称）只填一个。",
    ),
    # Privacy
    ("id-number", "含有身份证号码", "error", "公开数据不得包含身份证号码；请删除。"),
    ("bank-card", "含有银行卡号", "error", "公开数据不得包含银行卡号；请删除。"),
    ("personal-contact", "案例中含有个人联系方式", "error", "成功案例不得包含手机号码或电子邮箱；请删除。"),
    (
        "person-unmasked",
        "案例人物未做化名处理",
        "error",
        "写成王某某、小李、张女士、李师傅，或在名字后加（化名）。",
    ),
    (
        "consent-missing",
        "未取得书面同意",
        "error",
        "只有取得本人书面同意并存档后才能发布案例，届时把 consent 写为 true。",
    ),
)


def problem(
    code: str,
    file: str,
    line: int | None,
    record: str | None,
    field: str | None,
    message: str,
) -> Problem:
    """Make a problem, refusing codes that are not in the catalogue."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown problem code {code!r}")
    return Problem(code, file, line, record, field, message)
