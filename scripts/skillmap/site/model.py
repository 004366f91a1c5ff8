"""What the pages show, worked out once from the checked catalogue on the build date.

The rules themselves (status, listing, regions, money, URLs) live in `skillmap.domain`; this
module holds the typed records, indexes them for the pages ("the projects of X") and answers
in the site's terms. Everything is a pure function of the records and `today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import quote

from ..domain import status as st
from ..domain.course_facts import CourseFacts, course_facts, money_facts
from ..domain.demand import MatchRow, match_rows
from ..domain.models import MODELS, Brand, Case, Institution, Job, Project, Typed, Wish
from ..domain.money import Subsidy, subsidy
from ..domain.regions import Region, RegionTree
from ..records import Catalog

GROUP_SLUGS = {
    "农村牧区转移就业劳动者": "nongmumin",
    "离校未就业高校毕业生": "biyesheng",
    "登记失业人员": "shiye",
    "就业困难人员": "kunnan",
    "企业职工": "zhigong",
    "其他": "qita",
}
GROUP_PLAIN = {
    "农村牧区转移就业劳动者": "我是农牧民，想外出务工",
    "离校未就业高校毕业生": "我是还没找到工作的毕业生",
    "登记失业人员": "我已登记失业",
    "就业困难人员": "我是就业困难人员",
    "企业职工": "我是企业职工，想提升技能",
}
SCHEDULE_SLUGS = {"技能夜校": "yexiao", "周末班": "zhoumo", "全日制": "quanrizhi", "弹性学时": "tanxing"}
SMALL_COHORT = 10

R = TypeVar("R", bound=Typed)


def typed(catalog: Catalog, resource: str) -> list[Any]:
    """The checked records of a resource as typed records, in path order."""
    model = MODELS[resource]
    return [model.from_record(rec) for rec in catalog.records.get(resource, [])]


@dataclass
class SiteModel:
    """The catalogue as the site sees it on the build date."""

    catalog: Catalog
    today: dt.date
    config: dict[str, Any] = field(default_factory=dict)

    # -- regions -----------------------------------------------------------------------

    @cached_property
    def regions(self) -> RegionTree:
        return RegionTree(self.catalog.reference.get("regions", []))

    @property
    def prefectures(self) -> list[Region]:
        """The 12 盟市, west to east as the schematic map orders them."""
        return self.regions.prefectures

    def counties(self, prefecture: str) -> list[Region]:
        return self.regions.counties(prefecture)

    def region_label(self, code: str | None) -> str:
        return self.regions.label(code)

    # -- records -----------------------------------------------------------------------

    @cached_property
    def institutions(self) -> dict[str, Institution]:
        out: dict[str, Institution] = {}
        for inst in typed(self.catalog, "institutions"):
            out.setdefault(inst.id, inst)
        return out

    @cached_property
    def projects(self) -> list[Project]:
        """All projects: those not ended first (enrolling ones first, soonest start first), then ended (latest first)."""
        records: list[Project] = typed(self.catalog, "projects")
        open_ = sorted(
            (p for p in records if not self.ended(p)), key=lambda p: (*st.open_order(p, self.today), p.id)
        )
        ended = sorted((p for p in records if self.ended(p)), key=lambda p: (p.ends, p.id), reverse=True)
        return open_ + ended

    # -- the demand side (SPEC §8) ------------------------------------------------------

    @cached_property
    def jobs(self) -> list[Job]:
        """Every posting: by 盟市 west to east, then latest published first."""
        order = {r.code: n for n, r in enumerate(self.prefectures)}
        return sorted(
            typed(self.catalog, "jobs"),
            key=lambda j: (
                order.get(self.prefecture_code(j.region), len(order)),
                -j.published.toordinal(),
                j.id,
            ),
        )

    def job_open(self, job: Job) -> bool:
        return st.job_is_open(job.valid_until, self.today)

    @cached_property
    def open_jobs(self) -> list[Job]:
        return [j for j in self.jobs if self.job_open(j)]

    def prefecture_code(self, code: str) -> str:
        """The 盟市 a code is in (itself for a 盟市); the code itself when unknown."""
        known = self._prefecture_codes.get(code)
        if known is None:
            found = self.regions.prefecture_of(code)
            known = self._prefecture_codes[code] = found.code if found else code
        return known

    @cached_property
    def _prefecture_codes(self) -> dict[str, str]:
        return {}

    def open_jobs_in(self, prefecture: str) -> list[Job]:
        return [j for j in self.open_jobs if self.prefecture_code(j.region) == prefecture]

    def job_places(self, jobs: list[Job]) -> list[tuple[Region, list[Job]]]:
        """Postings of one 盟市 grouped by the place they are filed under, in the map's order."""
        order = {code: n for n, code in enumerate(self._place_order)}
        places: dict[str, list[Job]] = {}
        for job in jobs:
            places.setdefault(job.region, []).append(job)
        return [
            (region, places[code])
            for code in sorted(places, key=lambda c: order.get(c, len(order)))
            if (region := self.regions.get(code)) is not None
        ]

    @cached_property
    def _place_order(self) -> list[str]:
        return [code for r in self.prefectures for code in (r.code, *(c.code for c in self.counties(r.code)))]

    def open_jobs_here(self, code: str) -> list[Job]:
        """Open postings of a region's page: a 盟市's all, a 旗县's filed there."""
        region = self.regions.get(code)
        if region is not None and region.level == "prefecture":
            return self.open_jobs_in(code)
        return [j for j in self.open_jobs if j.region == code]

    def jobs_near(self, project: Project) -> list[Job]:
        """Open postings of the project's occupation in its 盟市: shown on its page (SPEC §8)."""
        home = self.prefecture_code(project.region)
        return self._open_jobs_by_occupation_in.get((project.occupation, home), [])

    def prepares(self, job: Job, limit: int = 8) -> list[Project]:
        """The training for a posting: its own `projects`, then enrolling courses of its occupation
        in its 盟市, then elsewhere (SPEC §8)."""
        own = [self.project_by_id[pid] for pid in job.projects if pid in self.project_by_id]
        wanted = max(limit, len(own))
        seen = {id(p) for p in own}
        home = self.prefecture_code(job.region)
        near = self._enrolling_by_occupation_in.get((job.occupation, home), [])
        found = own + [p for p in near if id(p) not in seen][: wanted - len(own)]
        # Elsewhere: the occupation's courses in order, outside the 盟市, only as many as wanted.
        for p in self._enrolling_by_occupation.get(job.occupation, []):
            if len(found) >= wanted:
                break
            if id(p) not in seen and self.prefecture_code(p.region) != home:
                found.append(p)
        return found

    @cached_property
    def match(self) -> list[MatchRow]:
        """/match/'s rows (SPEC §8), the same the report gives staff."""
        return match_rows(self.projects, self.jobs, self.wishes, self.prefecture_code, self.today)

    def match_in(self, prefecture: str) -> list[MatchRow]:
        return [row for row in self.match if row.prefecture == prefecture]

    @cached_property
    def wishes(self) -> list[Wish]:
        return typed(self.catalog, "wishes")

    @cached_property
    def latest_cycle(self) -> str | None:
        """The latest survey cycle present (the greatest `cycle`)."""
        return max((w.cycle for w in self.wishes), default=None)

    @cached_property
    def brands(self) -> list[Brand]:
        return sorted(typed(self.catalog, "brands"), key=lambda b: (-b.since, b.id))

    @cached_property
    def cases(self) -> list[Case]:
        return sorted(typed(self.catalog, "cases"), key=lambda c: (c.published, c.id), reverse=True)

    def status(self, project: Project) -> st.Status:
        return st.project_status(project, self.today)

    def days_left(self, project: Project) -> int:
        return st.days_left(project, self.today)

    def status_text(self, project: Project) -> str:
        return st.status_text(project, self.today)

    def dates_hook(self, project: Project) -> str:
        return st.dates_hook(project)

    def enrolling(self, project: Project) -> bool:
        return self.status(project) is st.ENROLLING

    def ended(self, project: Project) -> bool:
        return st.has_ended(project.ends, self.today)

    def listed(self, institution: Institution) -> bool:
        return st.is_listed(institution, self.today)

    def unlisted_reason(self, institution: Institution) -> str | None:
        return st.unlisted_reason(institution.status, institution.listed_until, self.today)

    # Indexes: every page asks for "the records of X"; answering from an index keeps the
    # build linear in the number of records instead of quadratic.

    @cached_property
    def project_by_id(self) -> dict[str, Project]:
        return {p.id: p for p in self.projects}

    @cached_property
    def brand_by_id(self) -> dict[str, Brand]:
        return {b.id: b for b in self.brands}

    @cached_property
    def _open(self) -> list[Project]:
        return [p for p in self.projects if not self.ended(p)]

    def open_projects(self) -> list[Project]:
        return self._open

    def ended_projects(self) -> list[Project]:
        return [p for p in self.projects if self.ended(p)]

    def enrolling_projects(self) -> list[Project]:
        return [p for p in self._open if self.enrolling(p)]

    def other_enrolling(self, project: Project) -> list[Project]:
        """The host's other projects open for enrolment: what a closed or ended page offers instead."""
        return [
            p
            for p in self.projects_of("institution", project.institution)
            if p is not project and self.enrolling(p)
        ]

    def similar_enrolling(self, project: Project, limit: int = 5) -> list[Project]:
        """Open courses of the same occupation from other hosts, in the same 盟市 first: the
        other thing a closed or ended page offers (the host's own are listed apart)."""
        home = self.prefecture_code(project.region)
        nearby = self._enrolling_by_occupation_in_order_in.get((project.occupation, home), [])
        found = list(islice((p for p in nearby if p.institution != project.institution), limit))
        if len(found) < limit:  # then elsewhere, in the same order
            ordered = self._enrolling_by_occupation_in_order.get(project.occupation, [])
            elsewhere = (
                p
                for p in ordered
                if p.institution != project.institution and self.prefecture_code(p.region) != home
            )
            found += islice(elsewhere, limit - len(found))
        return found

    # Pages of postings and of closed courses ask for "the open ones of this occupation": indexes
    # keep the build linear (a scan of every course per page was quadratic at N = 20,000).

    @cached_property
    def _enrolling_by_occupation(self) -> dict[str, list[Project]]:
        out: dict[str, list[Project]] = {}
        for p in self.enrolling_projects():
            out.setdefault(p.occupation, []).append(p)
        return out

    @cached_property
    def _enrolling_by_occupation_in(self) -> dict[tuple[str, str], list[Project]]:
        """(occupation, 盟市) → enrolling courses, in the order of the occupation's list."""
        return self._split_by_prefecture(self._enrolling_by_occupation)

    @cached_property
    def _enrolling_by_occupation_in_order(self) -> dict[str, list[Project]]:
        """The occupation's enrolling courses as lists that promise enrolment order them (stable)."""
        return {
            occupation: sorted(projects, key=lambda p: st.open_order(p, self.today))
            for occupation, projects in self._enrolling_by_occupation.items()
        }

    @cached_property
    def _enrolling_by_occupation_in_order_in(self) -> dict[tuple[str, str], list[Project]]:
        """(occupation, 盟市) → enrolling courses, in the order of `_enrolling_by_occupation_in_order`."""
        return self._split_by_prefecture(self._enrolling_by_occupation_in_order)

    def _split_by_prefecture(self, lists: dict[str, list[Project]]) -> dict[tuple[str, str], list[Project]]:
        """Each occupation's list split by 盟市, keeping its order."""
        out: dict[tuple[str, str], list[Project]] = {}
        for occupation, projects in lists.items():
            for p in projects:
                out.setdefault((occupation, self.prefecture_code(p.region)), []).append(p)
        return out

    @cached_property
    def _open_jobs_by_occupation_in(self) -> dict[tuple[str, str], list[Job]]:
        """(occupation, 盟市) → open postings, in the order of `jobs`."""
        out: dict[tuple[str, str], list[Job]] = {}
        for j in self.open_jobs:
            out.setdefault((j.occupation, self.prefecture_code(j.region)), []).append(j)
        return out

    @cached_property
    def _open_by_region(self) -> dict[str, list[Project]]:
        out: dict[str, list[Project]] = {}
        for p in self._open:
            for code in self.regions.counted_in(p.region):
                out.setdefault(code, []).append(p)
        return out

    def open_in(self, code: str) -> list[Project]:
        """Projects not ended in a region, each counted once: a 盟市 takes in its 旗县; a 旗县 has its own."""
        return self._open_by_region.get(code, [])

    def citywide_for(self, county: str) -> list[Project]:
        """Projects not ended that enrol across the county's whole 盟市 (filed under the 盟市 itself)."""
        region = self.regions.get(county)
        if region is None or region.is_prefecture:
            return []
        return [p for p in self.open_in(region.parent) if p.region == region.parent]

    @cached_property
    def _listed_by_region(self) -> dict[str, list[Institution]]:
        listed = sorted((i for i in self.institutions.values() if self.listed(i)), key=lambda i: i.id)
        return self._by_region(listed)

    def listed_institutions_in(self, code: str) -> list[Institution]:
        return self._listed_by_region.get(code, [])

    def _by_region(self, records: Iterable[R]) -> dict[str, list[R]]:
        """Region code → records shown there, in the given order."""
        out: dict[str, list[R]] = {}
        for rec in records:
            for code in self.regions.shown_in(getattr(rec, "region", None)):
                out.setdefault(code, []).append(rec)
        return out

    @cached_property
    def _index(self) -> dict[tuple[str, str, str], list[Any]]:
        """(kind, field, value) → records, for single ids and tuples of ids alike."""
        index: dict[tuple[str, str, str], list[Any]] = {}
        sources: dict[str, tuple[list[Any], tuple[str, ...]]] = {
            "projects": (self.projects, ("institution",)),
            "brands": (self.brands, ("projects", "institutions")),
            "cases": (self.cases, ("project", "institution", "brand")),
        }
        for kind, (records, names) in sources.items():
            for rec in records:
                for name in names:
                    value = getattr(rec, name)
                    for item in value if isinstance(value, tuple) else (value,):
                        if item is not None:
                            index.setdefault((kind, name, str(item)), []).append(rec)
        return index

    def brand_projects(self, brand: Brand) -> list[Project]:
        """A brand's projects in the site's order: enrolling first, ended last."""
        found = [self.project_by_id[pid] for pid in set(brand.projects) if pid in self.project_by_id]
        return sorted(found, key=lambda p: self._site_order[p.id])

    @cached_property
    def _site_order(self) -> dict[str, int]:
        return {p.id: n for n, p in enumerate(self.projects)}

    def projects_of(self, key: str, value: str) -> list[Project]:
        return self._index.get(("projects", key, value), [])

    def brands_with(self, key: str, value: str) -> list[Brand]:
        return self._index.get(("brands", key, value), [])

    def cases_with(self, key: str, value: str) -> list[Case]:
        return self._index.get(("cases", key, value), [])

    # -- project facts -----------------------------------------------------------------

    def subsidy(self, project: Project) -> Subsidy:
        return subsidy(project.hours, project.subsidy_per_hour)

    def facts(self, project: Project) -> CourseFacts:
        """What the course costs and whom it serves, as every surface states it."""
        return course_facts(project)

    def calculation(self, project: Project | None = None) -> dict[str, Any]:
        """What the subsidy calculator shows before the reader changes anything: a course's own
        numbers, or /subsidy/'s example (80 课时 × 20 元, a free course)."""
        if project is not None:
            hours, per_hour, fee, free, to = (
                project.hours,
                project.subsidy_per_hour,
                project.fee,
                project.free,
                project.subsidy_to,
            )
        else:
            hours, per_hour, fee, free, to = 80, Decimal(20), Decimal(1600), True, None
        facts = CourseFacts(*money_facts(hours, per_hour, fee, free, to), ())
        full = subsidy(hours, per_hour)
        return {
            "hours": hours,
            "per_hour": per_hour,
            "fee": fee,
            "free": free,
            "to": facts.subsidy_to,
            "facts": facts,
            "capped": facts.base < full.base,
            "net": facts.pays - facts.claims_back,
        }

    def approved_by(self, project: Project) -> str:
        if project.approved_by:
            return project.approved_by
        prefecture = self.regions.prefecture_of(project.region)
        if prefecture is None:
            return "所在盟市人力资源和社会保障局"
        return f"{prefecture.name}人力资源和社会保障局"

    def outcomes(self, project: Project) -> dict[str, Any] | None:
        """Earlier classes' outcomes, or None; cohorts under 10 are suppressed (数据不足)."""
        row = project.outcomes
        if row is None:
            return None
        if row.completed < SMALL_COHORT:
            return {"suppressed": True}
        return {
            "suppressed": False,
            "completed": row.completed,
            "certified": row.certified,
            "employed": row.employed,
            "certified_rate": _rate(row.certified, row.completed),
            "employed_rate": _rate(row.employed, row.completed),
        }

    def map_link(self, record: Institution | Project) -> str:
        """A map app's web link: the marker when coordinates are known, else a search by address."""
        name = quote(record.name if isinstance(record, Institution) else record.title)
        if record.location is not None:
            lat, lon = record.location.lat, record.location.lon
            return (
                f"https://uri.amap.com/marker?position={lon},{lat}&name={name}&coordinate=gaode&callnative=1"
            )
        return f"https://uri.amap.com/search?keyword={quote(record.address or '')}&callnative=1"

    def salary_range(self, project: Project) -> tuple[int, int] | None:
        if not project.demand:
            return None
        return min(d.salary_min for d in project.demand), max(d.salary_max for d in project.demand)

    def openings(self, project: Project) -> int:
        return sum(d.openings for d in project.demand)


def _rate(part: int | None, whole: int) -> str | None:
    if part is None or whole <= 0:
        return None
    return f"{round(part * 100 / whole)}%"


def tel_href(phone: str) -> str:
    """`tel:` target: digits only, with the extension dialled after a pause."""
    main, _, ext = phone.partition("转")
    digits = "".join(ch for ch in main if ch.isdigit() or ch == "+")
    return f"tel:{digits},{ext}" if ext else f"tel:{digits}"
