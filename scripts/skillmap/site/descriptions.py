"""Each record page's own description (`<meta name="description">`), for sharing and search engines.

WeChat shows a shared link's title and, where it reads one, its description: a course shared
from the site should carry its place, start and what the trainee pays, not the site's slogan.
"""

from __future__ import annotations

from ..domain.models import Brand, Case, Institution, Job, Project
from ..domain.regions import Region
from ..markdown_fields import to_text
from .model import SiteModel

LIMIT = 120  # characters: what a share card or a result page shows before cutting


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"


def project(m: SiteModel, p: Project) -> str:
    facts = m.facts(p)
    status = m.status_text(p)
    return _cut(
        f"{p.title}：{m.region_label(p.region)}，{p.schedule}，{p.starts} 开班，{facts.price_label}；"
        f"面向{facts.groups_words}。{status}（截至 {m.today}）。"
    )


def institution(m: SiteModel, i: Institution) -> str:
    open_now = [p for p in m.projects_of("institution", i.id) if m.enrolling(p)]
    offer = f"{len(open_now)} 个培训项目正在招生" if open_now else "眼下没有正在招生的项目"
    return _cut(
        f"{i.name}：{m.region_label(i.region)}的{i.kind}，{offer}（截至 {m.today}）。地址：{i.address}。"
    )


def brand(m: SiteModel, b: Brand) -> str:
    # The summary is Markdown: its words, as a list line shows them (fmt may rewrite its markup).
    return _cut(
        f"{b.name}：{m.region_label(b.region)}的培训品牌，{'、'.join(b.occupations)}。{to_text(b.summary)}"
    )


def case(m: SiteModel, c: Case) -> str:
    return _cut(f"{c.title}：{m.region_label(c.region)}，{c.person}（{c.group}），从{c.before}到{c.after}。")


def region(m: SiteModel, r: Region) -> str:
    count = len([p for p in m.open_in(r.code) if m.enrolling(p)])
    offer = f"{count} 个补贴性培训项目正在招生" if count else "眼下没有正在招生的补贴性培训"
    return _cut(f"{r.name}：{offer}（截至 {m.today}），可按上课时间、人群查找，电话一键咨询。")


def job(m: SiteModel, j: Job) -> str:
    state = f"有效期至 {j.valid_until}" if m.job_open(j) else f"已于 {j.valid_until} 结束"
    return _cut(
        f"{j.employer}招聘{j.position} {j.openings} 人：{m.region_label(j.region)}，"
        f"月薪 {j.salary_min}–{j.salary_max} 元，{state}。"
    )
