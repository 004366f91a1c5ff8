"""A deterministic synthetic catalogue: N projects, N/5 institutions, brands and cases.

Used by benchmarks and tests: `python -m skillmap.synth --projects 1000 --out DIR` copies the
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

from .paths import copy_config
from .synth_vocab import (
    EMPLOYER_WORDS,
    GROUPS,
    PREFECTURES,
    SCHEDULE_TIMES,
    SERVICES,
    SURNAMES,
    TRADES,
    Trade,
)
from .yaml_write import FlowList, dump_yaml

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
KIND_NAMES = {
    "技工院校": ("{city}技师学院", "{city}高级技工学校"),
    "职业院校": ("{city}职业技术学院", "{county}职业中学"),
    "公共实训基地": ("{city}公共实训基地", "{county}公共实训基地"),
    "职业培训机构": ("{county}{word}职业技能培训学校", "{city}{word}职业培训学校"),
    "企业培训中心": ("{word}集团职工培训中心",),
    "链主企业": ("内蒙古{word}{industry}有限公司",),
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
        region = self.regions[i % len(self.regions)]
        city, prefix, area, seat = PREFECTURES[region.prefecture]
        kind = rng.choice(list(KIND_NAMES))
        trade = rng.choice(TRADES)
        name = rng.choice(KIND_NAMES[kind]).format(
            city=city if city.endswith("盟") else city + ("市" if region.prefecture < "152000" else "盟"),
            county=region.name if region.code != region.prefecture else city,
            word=rng.choice(EMPLOYER_WORDS),
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
            "location": FlowList(self._near(seat)),
            "phone": f"{area}-{rng.randrange(2000000, 8999999)}",
            "evaluator": kind in ("技工院校", "职业院校", "链主企业"),
            "listed_on": listed_on,
            "status": status,
            "summary": f"{name}是列入自治区职业技能培训机构目录的{kind}，长期开展{trade.occupation}等职业的补贴性培训。",
            "updated": self.today - dt.timedelta(days=rng.randrange(0, 25)),
        }
        self.institutions.append(rec)
        return rec

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
            "title": f"{trade.occupation}{schedule}（{level.split('/')[-1]}）",
            "institution": host["id"],
            "record_no": f"NM{starts.year}-{region.code}-{i + 1:05d}",
            "occupation": trade.occupation,
            "level": level,
            "industry": trade.industry,
            "groups": groups,
            "region": region.code,
            "address": f"{host['address']}实训楼 {rng.randrange(1, 6)} 层",
            "location": FlowList(host["location"]),
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

    def _host(self, i: int, ends: dt.date) -> dict[str, Any]:
        host = self.institutions[(i * 5) % len(self.institutions)]
        if host["status"] != "在册" and ends >= self.today:
            host = next(
                h
                for h in self.institutions[(i * 5) % len(self.institutions) :] + self.institutions
                if h["status"] == "在册"
            )
        return host

    def _groups(self, i: int) -> list[str]:
        if i % 17 == 5:
            return ["企业职工"]
        first = GROUPS[i % 4]
        extra = self.rng.sample(GROUPS[:4], k=self.rng.randrange(0, 3))
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
        return f"面向{who}，学习{trade.content[0]}、{trade.content[1]}等内容，结业可参加{level}评价，推荐到合作企业{trade.positions[0]}岗位就业。"

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
            else f"从{group}到{trade.positions[0]}",
            "person": masks[i % len(masks)],
            "group": group,
            "region": project["region"],
            "project": project["id"],
            "institution": project["institution"],
            "before": "打零工，收入不稳定" if i % 2 else "毕业后一直没有找到合适的工作",
            "after": f"在合作企业做{trade.positions[0]}，签了两年劳动合同",
            "income_before": before,
            "income_after": before + rng.randrange(1500, 4000),
            "story": f"参加{project['title']}后，系统学习了{trade.content[0]}和{trade.content[1]}，"
            f"通过评价拿到证书，经培训机构推荐上岗。\n\n“夜里学、白天干，不耽误挣钱。”\n",
            "published": self.today - dt.timedelta(days=rng.randrange(5, 200)),
            "consent": True,
            "updated": self.today - dt.timedelta(days=rng.randrange(0, 100)),
        }

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
) -> None:
    """Write a complete project tree with synthetic records to `out` (replacing its records)."""
    copy_config(root, out)
    gen = Generator(today=today, seed=seed)
    gen.load_regions(out / "catalog" / "reference" / "regions.csv")
    n_inst = institutions if institutions is not None else max(1, projects // 5)
    _write_all(out / "catalog" / "institutions", [gen.institution(i) for i in range(n_inst)], header)
    _write_all(out / "catalog" / "projects", [gen.project(i) for i in range(projects)], header)
    _write_all(
        out / "brands",
        [_clean(gen.brand(i)) for i in range(brands if brands is not None else max(1, projects // 50))],
        header,
    )
    _write_all(
        out / "cases",
        [gen.case(i) for i in range(cases if cases is not None else max(1, projects // 20))],
        header,
    )


def _clean(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if v not in (None, [])}


def _write_all(folder: Path, records: list[dict[str, Any]], header: str) -> None:
    for rec in records:
        (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec, header=header), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skillmap.synth", description="生成确定性的合成数据目录（用于基准测试）。"
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
