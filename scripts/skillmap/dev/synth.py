"""A deterministic synthetic catalogue: N projects, N/5 institutions, brands and cases.

Used by benchmarks and tests: `python -m skillmap.dev.synth --projects 1000 --out DIR` copies the
project's configuration (mkdocs.yml, datapackages, schemas, reference lists, templates) from
--root and writes fictional records that pass `skillmap check` for --today. The same
arguments always give the same files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdnum.cn import uscc

from ..fmt import canonical
from ..paths import Layout, copy_config
from ..yaml_write import FlowList, dump_yaml
from .synth_vocab import (
    EMPLOYER_WORDS,
    GROUPS,
    JOB_BENEFITS,
    JOB_REQUIREMENTS,
    JOB_SOURCES,
    NAME_CHARS,
    PREFECTURES,
    SCHEDULE_TIMES,
    SERVICES,
    SURNAMES,
    TITLE_FORMS,
    TRADES,
    Trade,
)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
KIND_NAMES = {
    "技工院校": ("{city}技师学院", "{city}高级技工学校"),
    "职业院校": ("{city}职业技术学院", "{county}职业中学"),
    "公共实训基地": ("{city}公共实训基地", "{county}公共实训基地"),
    "职业培训机构": ("{county}{word}职业技能培训学校", "{city}{word}职业培训学校"),
    "企业培训中心": ("{word}集团职工培训中心",),
    "链主企业": ("内蒙古{word}{industry}有限公司",),
}
BEFORE = {
    "农村牧区转移就业劳动者": "在老家放牧，农闲时打零工",
    "离校未就业高校毕业生": "毕业后一直没有找到合适的工作",
    "登记失业人员": "原单位停产后失业在家",
    "就业困难人员": "家里有老人要照顾，只能打零工",
    "企业职工": "在厂里做普工",
    "其他": "打零工，收入不稳定",
}
BEFORE_SHORT = {
    "农村牧区转移就业劳动者": "从牧区走出来",
    "离校未就业高校毕业生": "毕业生找到方向",
    "登记失业人员": "失业后重新上岗",
    "就业困难人员": "照顾家庭也能上岗",
    "企业职工": "普工升级",
    "其他": "零工转正",
}
QUOTES = {
    "技能夜校": "夜里学、白天干，不耽误挣钱。",
    "周末班": "周末上课，平时照常上班。",
    "全日制": "集中学了一个多月，手上有了真本事。",
    "弹性学时": "手机上就能学理论，实操课按预约去。",
}
USCC_PREFIX = {
    "技工院校": "12",
    "职业院校": "12",
    "公共实训基地": "12",
    "职业培训机构": "52",
    "企业培训中心": "91",
    "链主企业": "91",
}


@dataclass
class Region:
    code: str
    name: str
    prefecture: str


@dataclass
class Generator:
    """Builds records with one seeded random source, in a fixed order."""

    today: dt.date
    seed: int = 2025
    header: str = ""
    rng: random.Random = field(init=False)
    regions: list[Region] = field(default_factory=list)
    institutions: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def load_regions(self, path: Path) -> None:
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.regions = [
            Region(r["code"], r["name"], r["code"] if r["level"] == "prefecture" else r["parent_code"])
            for r in rows
        ]

    # -- institutions ------------------------------------------------------------------

    def institution(self, i: int) -> dict[str, Any]:
        rng = self.rng
        region = self._spread_region(i)
        city, prefix, area, seat = PREFECTURES[region.prefecture]
        kind = rng.choice(list(KIND_NAMES))
        trade = rng.choice(TRADES)
        name = rng.choice(KIND_NAMES[kind]).format(
            city=city if city.endswith("盟") else city + ("市" if region.prefecture < "152000" else "盟"),
            county=region.name if region.code != region.prefecture else city,
            word=self._word(),
            industry=trade.industry.split("（")[0],
        )
        status = "在册" if i % 23 else rng.choice(("暂停", "退出"))
        listed_on = dt.date(2025, 6, 1) + dt.timedelta(days=rng.randrange(0, 300))
        rec: dict[str, Any] = {
            "id": f"{prefix}-org-{i + 1:04d}",
            "name": name if i < 200 else f"{name}（第{i // 200 + 1}分校）",
            "uscc": self._uscc(USCC_PREFIX[kind], region.code),
            "kind": kind,
            "region": region.code,
            "address": f"{region.name}{rng.choice(EMPLOYER_WORDS)}路 {rng.randrange(1, 300)} 号",
            # Coordinates only where the place is in the prefecture seat's districts.
            "location": FlowList(self._near(seat)) if region.name.endswith("区") else None,
            "phone": f"{area}-{rng.randrange(2000000, 8999999)}",
            "evaluator": kind in ("技工院校", "职业院校", "链主企业"),
            "listed_on": listed_on,
            "status": status,
            "summary": f"{name}是列入自治区职业技能培训机构目录的{kind}，长期开展{trade.occupation}等职业的补贴性培训。",
            "updated": self.today - dt.timedelta(days=rng.randrange(0, 25)),
        }
        self.institutions.append(rec)
        return {k: v for k, v in rec.items() if v is not None}

    def _spread_region(self, i: int) -> Region:
        """Institution i goes to prefecture i mod 12, to its (i div 12)-th county: every
        prefecture is served early, every county once there are enough institutions."""
        prefecture = list(PREFECTURES)[i % len(PREFECTURES)]
        counties = [r for r in self.regions if r.prefecture == prefecture and r.code != prefecture]
        return counties[(i // len(PREFECTURES)) % len(counties)]

    def _uscc(self, prefix: str, region: str) -> str:
        body = prefix + region + "".join(self.rng.choice(USCC_ALPHABET) for _ in range(9))
        return body + uscc.calc_check_digit(body)

    def _near(self, seat: tuple[float, float]) -> list[float]:
        return [
            round(seat[0] + self.rng.uniform(-0.05, 0.05), 4),
            round(seat[1] + self.rng.uniform(-0.05, 0.05), 4),
        ]

    # -- projects ----------------------------------------------------------------------

    def project(self, i: int) -> dict[str, Any]:
        rng = self.rng
        trade = TRADES[(i * 7 + rng.randrange(3)) % len(TRADES)]
        schedule = ("技能夜校", "周末班", "全日制", "弹性学时")[i % 4]
        starts = self.today + dt.timedelta(days=rng.randrange(-120, 75))
        ends = starts + dt.timedelta(days=rng.randrange(14, 90))
        host = self._host(i, ends)
        region = next(r for r in self.regions if r.code == host["region"])
        city, prefix, _, _ = PREFECTURES[region.prefecture]
        groups = self._groups(i)
        hours = rng.choice((40, 56, 64, 80, 96, 120))
        per_hour = rng.choice((12, 15, 18, 20, 22, 25))
        level = (
            rng.choice(("五级/初级工", "四级/中级工", "三级/高级工"))
            if trade.certificate == "职业技能等级证书"
            else ("专项职业能力" if trade.certificate == "专项职业能力证书" else "培训合格")
        )
        mode = "线上线下结合" if schedule == "弹性学时" else "线下"
        rec: dict[str, Any] = {
            "id": f"{prefix}-{trade.slug}-{i + 1:05d}",
            "title": f"{rng.choice(TITLE_FORMS).format(word=self._word())}{trade.occupation}{schedule}（{level.split('/')[-1]}）",
            "institution": host["id"],
            "record_no": f"NM{starts.year}-{region.code}-{i + 1:05d}",
            "occupation": trade.occupation,
            "level": level,
            "industry": trade.industry,
            "groups": groups,
            "region": region.code,
            "address": f"{host['address']}实训楼 {rng.randrange(1, 6)} 层",
            "location": FlowList(host["location"]) if host.get("location") else None,
            "mode": mode,
            "schedule": schedule,
            "times": rng.choice(SCHEDULE_TIMES[schedule]),
            "hours": hours,
            "starts": starts,
            "ends": ends,
            "enroll_until": min(ends, starts + dt.timedelta(days=rng.randrange(-10, 8))),
            "capacity": rng.choice((20, 30, 40, 50, 60)),
            "fee": hours * per_hour,
            "subsidy_per_hour": per_hour,
            "free": rng.random() < 0.8,
            "certificate": trade.certificate,
            "evaluator": host["id"] if host["evaluator"] else None,
            "evaluator_name": None if host["evaluator"] else f"{city}职业技能鉴定中心",
            "demand": [] if groups == ["企业职工"] else self._demand(trade, region.code),
            "services": rng.choice(SERVICES),
            "contact": {"name": f"{rng.choice(SURNAMES)}老师", "phone": host["phone"]},
            "summary": self._summary(trade, groups, level),
            "content": "\n".join(f"- {c}" for c in (*trade.content, "安全生产知识与职业素养")) + "\n",
            "updated": self.today - dt.timedelta(days=rng.randrange(0, 25)),
        }
        if rng.random() < 0.6:
            done = rng.randrange(8, 120)
            cert = rng.randrange(done // 2, done + 1)
            rec["outcomes"] = {
                "completed": done,
                "certified": cert,
                "employed": rng.randrange(done // 2, done + 1),
            }
        self.projects.append(rec)
        return {k: v for k, v in rec.items() if v is not None}

    def _word(self) -> str:
        """A two-character name word drawn from NAME_CHARS: the free vocabulary of titles and names."""
        return self.rng.choice(NAME_CHARS) + self.rng.choice(NAME_CHARS)

    def _host(self, i: int, ends: dt.date) -> dict[str, Any]:
        """Project i goes to institution i mod n; one that is not listed only hosts ended projects."""
        n = len(self.institutions)
        for step in range(n):
            host = self.institutions[(i + step) % n]
            if host["status"] == "在册" or ends < self.today:
                return host
        raise ValueError("no listed institution to host an open project")

    def _groups(self, i: int) -> list[str]:
        if i % 17 == 5:
            return ["企业职工"]
        first = GROUPS[i % 4]
        extra = self.rng.sample(GROUPS[:4], k=self.rng.randrange(0, 3))
        if i % 13 == 7:
            extra.append("其他")
        return [g for g in GROUPS if g == first or g in extra]

    def _demand(self, trade: Trade, region: str) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for _ in range(rng.randrange(1, 4)):
            low = trade.salary[0] + rng.randrange(0, 6) * 100
            out.append(
                {
                    "employer": f"{rng.choice(EMPLOYER_WORDS)}{rng.choice(trade.employers)}",
                    "position": rng.choice(trade.positions),
                    "openings": rng.randrange(2, 60),
                    "salary_min": low,
                    "salary_max": max(low, trade.salary[1] - rng.randrange(0, 6) * 100),
                    "region": region,
                }
            )
        return out

    def _summary(self, trade: Trade, groups: list[str], level: str) -> str:
        who = "、".join(groups[:2])
        if trade.certificate == "职业技能等级证书":
            after = f"结业可参加{level.split('/')[0]}职业技能等级评价"
        else:
            after = f"结业可取得{trade.certificate}"
        return f"面向{who}，学习{trade.content[0]}、{trade.content[1]}等内容，{after}，推荐到合作企业{trade.positions[0]}岗位就业。"

    # -- brands and cases --------------------------------------------------------------

    def brand(self, i: int) -> dict[str, Any]:
        prefecture = list(PREFECTURES)[i % len(PREFECTURES)]
        city, prefix, _, _ = PREFECTURES[prefecture]
        mine = [p for p in self.projects if self._prefecture_of(p["region"]) == prefecture]
        trade_name = mine[i % len(mine)]["occupation"] if mine else TRADES[i % len(TRADES)].occupation
        trade = next(t for t in TRADES if t.occupation == trade_name)
        members = [p for p in mine if p["occupation"] == trade_name][:6]
        label = trade.positions[0]
        return {
            "id": f"{prefix}-{trade.slug}-brand-{i + 1:03d}",
            "name": f"{city}{label}培训",
            "region": prefecture,
            "occupations": [trade_name],
            "labor_brand": f"{city}{label}" if i % 2 == 0 else None,
            "summary": f"{city}打造的{label}培训品牌，培训与就业一体推进。",
            "description": f"## 品牌特色\n\n围绕本地{trade.industry}用工需求，统一教学标准、统一评价、统一推荐就业。\n\n"
            f"## 培训规模\n\n累计培训 {self.rng.randrange(300, 5000)} 人次，结业学员就业率保持在八成以上。\n",
            "institutions": sorted({p["institution"] for p in members}),
            "projects": [p["id"] for p in members],
            "since": self.rng.randrange(2015, 2026),
            "updated": self.today - dt.timedelta(days=self.rng.randrange(0, 200)),
        }

    def case(self, i: int) -> dict[str, Any]:
        rng = self.rng
        project = self.projects[(i * 11) % len(self.projects)]
        trade = next(t for t in TRADES if t.occupation == project["occupation"])
        group = project["groups"][0]
        masks = (
            f"{rng.choice(SURNAMES)}某某",
            f"小{rng.choice(SURNAMES)}",
            f"{rng.choice(SURNAMES)}女士",
            f"{rng.choice(SURNAMES)}师傅",
        )
        before = rng.randrange(1500, 3500)
        return {
            "id": f"case-{i + 1:04d}",
            "title": f"学会{trade.positions[0]}手艺，收入翻了一番"
            if i % 2
            else f"{BEFORE_SHORT[group]}的{trade.positions[0]}",
            "person": masks[i % len(masks)],
            "group": group,
            "region": project["region"],
            "project": project["id"],
            "institution": project["institution"],
            "before": BEFORE[group],
            "after": f"在合作企业做{trade.positions[0]}，签了两年劳动合同",
            "income_before": before,
            "income_after": before + rng.randrange(1500, 4000),
            "story": f"参加{project['title']}后，系统学习了{trade.content[0]}和{trade.content[1]}，"
            f"通过评价拿到证书，经培训机构推荐上岗。\n\n“{QUOTES[project['schedule']]}”\n",
            "published": self.today - dt.timedelta(days=rng.randrange(5, 200)),
            "consent": True,
            "updated": self.today - dt.timedelta(days=rng.randrange(0, 100)),
        }

    # -- the demand side (SPEC §8): postings and the workers' wishes --------------------------

    def job(self, i: int) -> dict[str, Any]:
        """Posting i stands beside project 7i (one posting per two projects): same place and
        occupation, named as its training in half the cases; some have expired by `today`. A
        stride of 7, not 2: projects take their institutions, and so their 盟市, in turn, and an
        even stride would leave half the 盟市 without postings."""
        rng = self.rng
        project = self.projects[(7 * i) % len(self.projects)]
        trade = next(t for t in TRADES if t.occupation == project["occupation"])
        city, prefix, area, _ = PREFECTURES[self._prefecture_of(project["region"])]
        published = self.today - dt.timedelta(days=rng.randrange(0, 45))
        low = trade.salary[0] + rng.randrange(0, 8) * 100
        employer = f"{rng.choice(EMPLOYER_WORDS)}{rng.choice(trade.employers)}"
        return {
            "id": f"{prefix}-job-{trade.slug}-{i + 1:05d}",
            "employer": employer,
            "uscc": self._uscc("91", project["region"]) if rng.random() < 0.6 else None,
            "industry": trade.industry,
            "occupation": trade.occupation,
            "position": rng.choice(trade.positions),
            "level": project["level"] if rng.random() < 0.4 else None,
            "openings": rng.randrange(1, 40),
            "salary_min": low,
            "salary_max": max(low, trade.salary[1] + rng.randrange(0, 8) * 100),
            "region": project["region"],
            "address": f"{city}{rng.choice(NAME_CHARS)}{rng.choice(NAME_CHARS)}路 {rng.randrange(1, 300)} 号",
            "requirements": rng.choice(JOB_REQUIREMENTS),
            "benefits": rng.choice(JOB_BENEFITS),
            "contact": {
                "name": f"{rng.choice(SURNAMES)}经理",
                "phone": f"{area}-{rng.randrange(2000000, 8999999)}",
            },
            "source": rng.choice(JOB_SOURCES),
            "published": published,
            "valid_until": published + dt.timedelta(days=rng.choice((20, 30, 45, 60, 90))),
            "projects": [project["id"]] if rng.random() < 0.5 else None,
            "updated": max(published, self.today - dt.timedelta(days=rng.randrange(0, 25))),
        }

    def wishes(self, cycle: str, cells: int) -> list[dict[str, Any]]:
        """One cycle's counts: `cells` distinct (county, occupation, group) cells, a few of them small."""
        rng = self.rng
        counties = [r for r in self.regions if r.code != r.prefecture]
        seen: set[tuple[str, str, str]] = set()
        out: list[dict[str, Any]] = []
        while len(out) < cells and len(seen) < len(counties) * len(TRADES) * 4:
            cell = (rng.choice(counties).code, rng.choice(TRADES).occupation, rng.choice(GROUPS[:4]))
            if cell in seen:
                continue
            seen.add(cell)
            small = rng.random() < 0.2
            out.append(
                {
                    "cycle": cycle,
                    "region": cell[0],
                    "occupation": cell[1],
                    "group": cell[2],
                    "want_training": rng.randrange(1, 5) if small else rng.randrange(0, 80),
                    "want_job": rng.randrange(0, 5) if small else rng.randrange(0, 60),
                }
            )
        return sorted(out, key=lambda w: (w["region"], w["occupation"], w["group"]))

    def _prefecture_of(self, code: str) -> str:
        return next(r.prefecture for r in self.regions if r.code == code)


def generate(
    root: Path,
    out: Path,
    projects: int,
    today: dt.date,
    seed: int = 2025,
    header: str = "",
    institutions: int | None = None,
    brands: int | None = None,
    cases: int | None = None,
    jobs: int | None = None,
) -> None:
    """Write a complete project tree with synthetic records to `out` (replacing it)."""
    copy_config(root, out)
    layout = Layout(out)
    gen = Generator(today=today, seed=seed)
    gen.load_regions(out / "catalog" / "reference" / "regions.csv")
    counts = {
        "institutions": institutions if institutions is not None else max(1, projects // 5),
        "projects": projects,
        "brands": brands if brands is not None else max(1, projects // 50),
        "cases": cases if cases is not None else max(1, projects // 20),
    }
    makers = {
        "institutions": gen.institution,
        "projects": gen.project,
        "brands": gen.brand,
        "cases": gen.case,
    }
    for name, make in makers.items():
        res = layout.resources[name]
        assert res.records_dir is not None
        for i in range(counts[name]):
            rec = canonical(layout, res, {k: v for k, v in make(i).items() if v not in (None, [])})
            (res.records_dir / f"{rec['id']}.yaml").write_text(
                dump_yaml(rec, header=header), encoding="utf-8"
            )
    # The demand side comes last, from its own draws: the records above stay as they were.
    if "jobs" in layout.resources:
        write_demand(layout, gen, jobs if jobs is not None else max(1, projects // 2), header)


def write_demand(
    layout: Layout, gen: Generator, jobs: int, header: str = "", cells: int | None = None
) -> None:
    """Postings (catalog/jobs/) and two cycles of wishes (catalog/wishes/<cycle>.csv)."""
    res = layout.resources["jobs"]
    assert res.records_dir is not None
    res.records_dir.mkdir(parents=True, exist_ok=True)
    for i in range(jobs):
        rec = canonical(layout, res, {k: v for k, v in gen.job(i).items() if v not in (None, [])})
        (res.records_dir / f"{rec['id']}.yaml").write_text(dump_yaml(rec, header=header), encoding="utf-8")
    wishes = layout.resources["wishes"]
    assert wishes.records_dir is not None
    wishes.records_dir.mkdir(parents=True, exist_ok=True)
    this = gen.today.replace(day=1)
    before = (this - dt.timedelta(days=1)).replace(day=1)
    titles = [f.title for f in wishes.schema.fields]  # as staff export them: Chinese column titles
    for month in (before, this):
        cycle = f"{month:%Y-%m}"
        rows = gen.wishes(cycle, cells or max(8, jobs // 3))
        with (wishes.records_dir / f"{cycle}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(titles)
            writer.writerows([[row[field.name] for field in wishes.schema.fields] for row in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.dev.synth", description="生成确定性的合成数据目录（用于基准测试）。"
    )
    parser.add_argument(
        "--projects", type=int, required=True, help="项目数 N（机构 N/5，品牌 N/50，案例 N/20）"
    )
    parser.add_argument("--out", type=Path, required=True, help="输出目录（会被清空重建）")
    parser.add_argument("--root", type=Path, default=Path("."), help="从哪个项目目录复制配置")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 27))
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    generate(args.root, args.out, args.projects, args.today, args.seed)
    print(f"已生成 {args.projects} 个项目的合成目录：{args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
