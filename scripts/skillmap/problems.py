"""Problems as data: a stable code, a Chinese title, a severity and the cure.

Checks never raise on bad data: they return `Problem`s. The catalogue below is the
single source of the problem-code table in the README (see `skillmap.dev.docs`, a developer tool).
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: what it is called, how an editor fixes it, and its one message template."""

    code: str
    title: str
    severity: Severity
    cure: str
    template: str

    @property
    def parameters(self) -> frozenset[str]:
        return frozenset(name for _, name, _, _ in Formatter().parse(self.template) if name)


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (relative to the root, POSIX style) and, when known, the line,
    record and field; a workbook's problems also name the sheet and the cell (`培训项目!D7`)."""

    file: str
    line: int | None = None
    record: str | None = None
    field: str | None = None
    cell: str | None = None
    sheet: str | None = None  # a workbook row's problem before the import puts it at its cell


@dataclass(frozen=True)
class Problem:
    """One problem found in one place: its code, its location and the parameters of its message."""

    code: str
    where: Location
    params: tuple[tuple[str, str], ...] = ()

    @property
    def type(self) -> ProblemType:
        return CATALOGUE[self.code]

    @property
    def message(self) -> str:
        return self.type.template.format(**dict(self.params))

    @property
    def severity(self) -> Severity:
        return self.type.severity

    @property
    def cure(self) -> str:
        return self.type.cure

    @property
    def file(self) -> str:
        return self.where.file

    @property
    def line(self) -> int | None:
        return self.where.line

    @property
    def record(self) -> str | None:
        return self.where.record

    @property
    def field(self) -> str | None:
        return self.where.field

    def as_dict(self) -> dict[str, object]:
        """The SPEC's JSON shape; `cell` is added for problems found in a workbook."""
        out: dict[str, object] = {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "record": self.record,
            "field": self.field,
            "message": self.message,
        }
        if self.where.cell is not None:
            out["cell"] = self.where.cell
        return out

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line or 0, self.field or "", self.code)


class Verdict:
    """Errors, warnings and ok for anything that carries `problems` (a check, an import)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _types(*rows: tuple[str, str, Severity, str, str]) -> dict[str, ProblemType]:
    return {row[0]: ProblemType(*row) for row in rows}


CATALOGUE: dict[str, ProblemType] = _types(
    # Reading files
    (
        "file-too-large",
        "文件过大",
        "error",
        "单个记录文件不能超过 1 MB；请检查是否误粘贴了大段内容或图片。",
        "文件有 {size_mb} MB，超过 1 MB 的上限。",
    ),
    (
        "file-empty",
        "文件为空",
        "error",
        "请填写记录内容，或删除这个空文件；可用 `skillmap new` 生成模板。",
        "文件是空的。",
    ),
    (
        "file-binary",
        "不是文本文件",
        "error",
        "记录文件必须是纯文本（YAML 或 CSV）；请勿把 Word、图片等文件放进数据目录。",
        "文件{detail}，不是文本记录。",
    ),
    (
        "file-ignored",
        "不是记录文件",
        "warning",
        "数据目录里只放 .yaml 或 .csv 记录；其他文件请移走，或以 _ 开头命名。",
        "这个文件不是 YAML 或 CSV 记录文件，不会被读取。",
    ),
    (
        "file-special",
        "不是普通文件",
        "error",
        "数据目录里只放普通的记录文件：删除符号链接（快捷方式）、设备和管道，把记录文件本身放进来。",
        "{detail}。",
    ),
    (
        "file-hidden",
        "隐藏的文件",
        "error",
        "文件名不能以 . 开头：是记录请改名为 <编号>.yaml；是中断留下的临时文件，重新运行 skillmap import（会自动恢复）或删除它。",
        "{detail}。",
    ),
    (
        "encoding-error",
        "文件编码错误",
        "error",
        "YAML 文件请另存为 UTF-8 编码；CSV 文件可用 UTF-8 或 GB18030（Excel 默认）。",
        "{detail}；请另存为 UTF-8。",
    ),
    (
        "yaml-syntax",
        "YAML 格式错误",
        "error",
        "按提示的行列检查缩进（只用空格，不用 Tab）、冒号和引号是否成对。",
        "YAML 格式错误（{where}）：{hint}。",
    ),
    (
        "yaml-alias",
        "不允许使用 YAML 锚点或别名",
        "error",
        "删除 `&名称` 和 `*名称`，把内容直接写出来。",
        "第 {line_no} 行使用了 YAML 锚点或别名（& 或 *），记录中不允许使用。",
    ),
    (
        "yaml-structure",
        "记录结构错误",
        "error",
        "每个文件只写一条记录：最外层是“字段: 值”的映射，不要用 `---` 分成多段。",
        "记录结构错误：{detail}。",
    ),
    (
        "duplicate-key",
        "字段重复",
        "error",
        "同一条记录里每个字段只能出现一次；删除重复的那一行。",
        "字段“{key}”在第 {first} 行和第 {second} 行重复出现。",
    ),
    (
        "csv-header",
        "CSV 表头错误",
        "error",
        "第一行应为字段名或中文列名，可用 `skillmap export` 导出的表格作模板。",
        "CSV 文件有误：{detail}。",
    ),
    # Shape (Table Schema)
    (
        "unknown-field",
        "未定义的字段",
        "error",
        "检查字段名拼写；可用字段见数据字典（/data/ 页面或 docs/data-dictionary.md）。",
        "没有名为“{key}”的{owner}字段（检查拼写）；可用字段：{allowed}。",
    ),
    (
        "missing-field",
        "缺少必填字段",
        "error",
        "补上这个字段；模板可用 `skillmap new` 生成。",
        "缺少必填字段{label}。{description}",
    ),
    (
        "type-error",
        "类型错误",
        "error",
        "按数据字典填写：整数不带单位，日期写成 YYYY-MM-DD，是否写 true 或 false。",
        "{label}{reason}。",
    ),
    (
        "enum-error",
        "取值不在允许范围内",
        "error",
        "从提示列出的可选值中选一个，一字不差地填写。",
        "{label}：{reason}。",
    ),
    ("pattern-error", "格式不符", "error", "按提示的格式修改。", "{label}：{reason}。"),
    ("range-error", "数值或长度超出范围", "error", "按提示的范围修改。", "{label}：{reason}。"),
    # Identity and references
    (
        "id-mismatch",
        "编号与文件名不一致",
        "error",
        "文件名应为 `<id>.yaml`；改文件名或改 id，使二者一致。",
        "id 是“{id}”，文件名却是“{file_name}”；二者应一致（{id}.yaml）。",
    ),
    (
        "duplicate-id",
        "编号重复",
        "error",
        "同类记录的 id 必须唯一；给后加的记录换一个 id（同时改文件名）。",
        "{title}编号“{id}”已在 {first_file} 中使用。",
    ),
    (
        "unknown-id",
        "引用了不存在的记录",
        "error",
        "检查 id 拼写，或先添加被引用的记录。",
        "{label}“{value}”：找不到这个编号的{target}。请检查拼写，或先添加该{target}。",
    ),
    (
        "unknown-code",
        "代码或名称不在参照表中",
        "error",
        "从 catalog/reference/ 下的参照表中选用（行政区划代码、职业名称、产业领域）。",
        "{label}“{value}”不在{target}参照表（{where}）中。{hint}",
    ),
    (
        "wish-duplicate",
        "同一格重复填报",
        "error",
        "同一期、同一地区、同一职业、同一人群只能有一行；把重复的行合并（人数相加）后删去一行。",
        "{cycle} 期 {region} {occupation}（{group}）已在第 {first} 行填报。",
    ),
    (
        "wish-cycle-mismatch",
        "期别与文件名不符",
        "error",
        "每期一个文件，文件名就是期别（如 2026-11.csv）；把这一行移到对应期别的文件里，或改正期别。",
        "这一行的期别是 {cycle}，却在文件 {file} 里。",
    ),
    (
        "word-shadows-name",
        "说法与正式名称相同",
        "error",
        "常用说法表只收正式名称以外的叫法；删去这一行，或改成群众实际的说法（如“呼市”“达茂”“晚上”）。",
        "{table}中的“{word}”是{real}，不能再作为别的说法，否则搜索会被引到别处。",
    ),
    (
        "word-duplicate",
        "说法重复收录",
        "error",
        "同一个说法只收一行（一个地名说法只能指一个地方）；删去重复的一行。",
        "“{word}”已在第 {first} 行收录。",
    ),
    (
        "word-value-unknown",
        "说法对应的值不存在",
        "error",
        "“对应的值”须与培训项目该字段的取值一字不差。",
        "“{value}”不是{field}的取值；可选：{allowed}。",
    ),
    # Meaning
    (
        "date-order",
        "日期先后顺序错误",
        "error",
        "开班日期不能晚于结班日期，报名截止不能晚于结班日期；请核对日期。",
        "{early_label} {early} 晚于{late_label} {late}。",
    ),
    (
        "date-in-future",
        "日期晚于今天",
        "error",
        "更新日期、发布日期、入册日期不能晚于今天；请填写实际日期。",
        "{label} {value} 晚于今天（{today}）。",
    ),
    (
        "institution-inactive",
        "机构已暂停、退出或过期",
        "error",
        "该项目尚未结束，但承办机构不在册；请更换机构、核实机构状态或下架项目。",
        "项目到 {ends} 才结束，但承办机构“{host}”{reason}。",
    ),
    (
        "stale-record",
        "记录久未更新",
        "warning",
        "请核实记录内容后把 updated 改为核实当天的日期（机构和项目每 30 天核实一次）。",
        "记录已 {age} 天未核实（上次 {updated}），超过 {days} 天的核实周期。",
    ),
    (
        "check-digit",
        "校验码错误",
        "error",
        "请对照营业执照或登记证书核对统一社会信用代码（18 位）。",
        "{label}“{value}”{reason}。",
    ),
    (
        "phone-invalid",
        "电话号码无效",
        "error",
        "座机写成 0471-1234567，手机写 11 位，服务号码如 12333、400-123-4567。",
        "{label}“{value}”不是有效的座机、手机或服务号码；只填一个号码。",
    ),
    (
        "unsafe-link",
        "不安全的链接",
        "error",
        "链接只能以 http://、https://、tel:、mailto: 开头，或使用站内相对链接。",
        "{label}{detail}。",
    ),
    (
        "formula-text",
        "文字会被当作公式",
        "error",
        "文字不要以 =、+、@ 或制表符、回车开头：Excel 和 WPS 打开表格时会把它当作公式执行。请删去开头的符号，或在前面加上文字。",
        "{label}以“{start}”开头，在 Excel 或 WPS 中会被当作公式。",
    ),
    (
        "raw-html",
        "文本中含有 HTML 或脚本",
        "error",
        "说明文字请用 Markdown 书写，不要写 HTML 标签或脚本。",
        "{label}含有 HTML 标签“{tag}”。",
    ),
    (
        "location-invalid",
        "坐标无效",
        "error",
        "location 写成 [纬度, 经度]（GCJ-02，高德或腾讯地图拾取），须在内蒙古境内。",
        "{detail}；应为 [纬度, 经度]。",
    ),
    (
        "value-order",
        "数值前后矛盾",
        "error",
        "请核对数值：最低工资不能高于最高工资，取证人数、就业人数不能多于结业人数。",
        "{label} {value} {relation}{other_label} {other}。",
    ),
    (
        "address-required",
        "缺少培训地址",
        "error",
        "线下或线上线下结合的项目必须填写 address（培训地点）。",
        "培训方式为“{mode}”，必须填写培训地点（address）。",
    ),
    (
        "demand-empty",
        "缺少岗位需求",
        "warning",
        "四位一体项目应列出岗位需求（用工单位、岗位、人数、薪酬）；只面向企业职工的项目可不填。",
        "项目没有列出岗位需求（demand）：学员看不到学完能去哪里就业。",
    ),
    (
        "evaluator-conflict",
        "评价机构填写重复",
        "warning",
        "evaluator（目录内机构 id）和 evaluator_name（目录外机构名称）只填一个。",
        "已填写目录内评价机构 evaluator，evaluator_name 应删除。",
    ),
    # Privacy
    (
        "id-number",
        "含有身份证号码",
        "error",
        "公开数据不得包含身份证号码；请删除。",
        "“{masked}”是身份证号码，公开数据中不得出现。",
    ),
    (
        "bank-card",
        "含有银行卡号",
        "error",
        "公开数据不得包含银行卡号；请删除。",
        "“{masked}”是银行卡号，公开数据中不得出现。",
    ),
    (
        "personal-contact",
        "案例中含有个人联系方式",
        "error",
        "成功案例不得包含手机号码或电子邮箱；请删除。",
        "案例中含有{what}，公开发布前必须删除。",
    ),
    (
        "person-unmasked",
        "案例人物未做化名处理",
        "error",
        "写成王某某、小李、张女士、李师傅，或在名字后加（化名）。",
        "“{person}”可能是真实姓名；人物须化名，如王某某、小李、张女士。",
    ),
    (
        "consent-missing",
        "未取得书面同意",
        "error",
        "只有取得本人书面同意并存档后才能发布案例，届时把 consent 写为 true。",
        "consent 不是 true：没有本人书面同意的案例不能发布。",
    ),
    # Workbooks (skillmap import)
    (
        "column-ignored",
        "备注列",
        "warning",
        "以“备注”开头的列是编辑自己的备注，可以保留，导入时不读取；要导入的内容请填在对应字段的列里。",
        "“{sheet}”表的“{title}”列是备注列，导入时不读取。",
    ),
    (
        "column-unknown",
        "不认识的列",
        "error",
        "列标题应与导出的表格一致（如“报名截止”）；自己加的备注列请以“备注”开头命名（如“备注：已电话核实”）。",
        "“{sheet}”表的“{title}”列不是该表的字段，这一列不会导入。",
    ),
    (
        "sheet-unknown",
        "不认识的工作表",
        "error",
        "工作表名应与导出的工作簿一致（培训机构、培训项目、岗位需求……）；改过名的工作表请改回原名。",
        "工作表“{sheet}”不是导航图的数据表，其中的内容不会导入：{detail}。",
    ),
    (
        "sheet-duplicate",
        "重复的工作表",
        "error",
        "同一张表只能有一个工作表；请把两个工作表的行合并到一个里，删除另一个。",
        "工作表“{sheet}”与“{first}”是同一张表，只读取了“{first}”。",
    ),
    (
        "cell-unreadable",
        "单元格无法导入",
        "error",
        "公式请复制后用“选择性粘贴→数值”粘回；过长的文字请缩短；表格范围以外的内容请删除。",
        "这个单元格{detail}，这一行没有导入。",
    ),
    (
        "column-duplicate",
        "重复的列",
        "error",
        "同一字段只能有一列；请删除或合并重复的列。",
        "“{sheet}”表有两列都是“{title}”（另一列在 {first}），无法确定以哪一列为准。",
    ),
    (
        "column-missing",
        "缺少编号列",
        "error",
        "请保留导出表格中的编号列；没有它，行无法对应到记录。",
        "“{sheet}”表没有“{title}”列，整张表没有导入。",
    ),
    (
        "region-ambiguous",
        "地区名称不唯一",
        "error",
        "请改填 6 位区划代码（见“行政区划”表），或写上所属盟市，如 呼和浩特市新城区。",
        "“{name}”可以指 {candidates}，无法确定是哪一个。",
    ),
    (
        "id-generated",
        "已生成编号",
        "warning",
        "请把生成的编号填回表格的这一行（或重新导出），否则再次导入时会再新增一条。",
        "这一行没有编号，已按规则生成 {id}。",
    ),
    (
        "row-outdated",
        "表格中是旧数据",
        "error",
        "请重新导出最新的工作簿，把这一行的修改重做一遍后再导入；或只保留自己要改的行。",
        "记录 {id} 已在 {before} 重新核实，表格中的核实日期还是 {after}：这一行导出后别人改过，导入会覆盖别人的修改。",
    ),
    (
        "record-in-csv",
        "记录保存在 CSV 文件中",
        "error",
        "这条记录保存在 CSV 文件里，导入不改写 CSV；请直接修改该 CSV 文件，或把它改为 YAML 记录。",
        "记录 {id} 保存在 {file} 中，导入不能修改它。",
    ),
)


def problem(code: str, where: Location, /, **params: object) -> Problem:
    """Make a problem; its code must be catalogued and its parameters those of the code's template."""
    kind = CATALOGUE.get(code)
    if kind is None:
        raise KeyError(f"unknown problem code {code!r}")
    if set(params) != kind.parameters:
        raise TypeError(f"{code}: parameters {sorted(params)} do not fit {sorted(kind.parameters)}")
    return Problem(code, where, tuple((name, str(value)) for name, value in sorted(params.items())))
