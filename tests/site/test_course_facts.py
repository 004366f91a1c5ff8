"""One truth for the worker (issue 17): what a course costs and whom it serves is the same on
every surface, and equals SPEC §3's rule computed here independently."""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from skillmap.domain.course_facts import course_facts
from skillmap.domain.models import Project

from ..conftest import TODAY, make_tree, run

CARD = re.compile(
    r'<li class="sm-card" data-status="[a-z]+" data-dates="[^"]*" data-pay="([^"]*)" data-groups="([^"]*)">\s*'
    r'<a class="sm-card__title" href="[^"]*projects/([a-z0-9-]+)/"'
)


def spec_pay(values: dict[str, Any]) -> Decimal:
    """SPEC §3: 0 when free; with 学员 the whole fee; else the fee less hours × standard, not below 0."""
    if values["free"]:
        return Decimal(0)
    if values.get("subsidy_to") == "学员":
        return Decimal(values["fee"])
    return max(Decimal(values["fee"]) - values["hours"] * Decimal(values["subsidy_per_hour"]), Decimal(0))


def _plain(amount: Decimal) -> str:
    return str(int(amount)) if amount == amount.to_integral_value() else format(amount.normalize(), "f")


def test_every_surface_says_the_same_price_and_groups(tmp_path: Path) -> None:
    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    result = check_project(make_tree(tmp_path / "tree"), TODAY)
    records = {r.id: r for r in result.catalog.records["projects"]}
    # Paid courses of both kinds, as if an editor had written them.
    records["baotou-ended"].values["subsidy_to"] = "学员"
    records["hhht-hangong-yexiao"].values.update(free=False, fee=Decimal(2000))
    prepare_docs(result, TODAY, tmp_path / "work")
    docs = tmp_path / "work" / "docs"
    expected = {rid: (_plain(spec_pay(r.values)), "|".join(r.values["groups"])) for rid, r in records.items()}
    assert expected["baotou-ended"][0] == "1280" and expected["hhht-hangong-yexiao"][0] == "400"

    seen: dict[str, set[tuple[str, str]]] = {}
    for page in docs.rglob("*.md"):
        for pay, groups, rid in CARD.findall(page.read_text(encoding="utf-8")):
            # Attribute values as a browser reads them (the page writes `|` as &#124;).
            seen.setdefault(rid, set()).add((html.unescape(pay), html.unescape(groups)))
    for rid, facts in expected.items():
        text = (docs / "projects" / rid / "index.md").read_text(encoding="utf-8")
        front = text.split("---", 2)[1]
        assert f'pay: "{facts[0]}"' in front and f'groups: "{facts[1]}"' in front, rid
        ld = json.loads(text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
        assert Decimal(str(ld["offers"]["price"])) == Decimal(facts[0]), rid
        assert seen.get(rid, {facts}) == {facts}, (rid, seen.get(rid))
    assert seen, "no project card found on any page"
    # The open data carries the same number beside the raw columns.
    [table] = (docs / "data").glob("projects.*.csv")
    with table.open(encoding="utf-8") as f:
        published = {row["id"]: row for row in csv.DictReader(f)}
    for rid, facts in expected.items():
        assert Decimal(published[rid]["trainee_pays"]) == Decimal(facts[0]), rid


def test_the_trainee_who_claims_pays_the_whole_fee_and_no_page_promises_above_it() -> None:
    base: dict[str, Any] = {
        "id": "x",
        "hours": 80,
        "subsidy_per_hour": Decimal(20),
        "groups": ("登记失业人员",),
    }

    def facts(**values: Any) -> Any:
        fields = dict.fromkeys(f.name for f in dataclasses.fields(Project))
        return course_facts(Project(**{**fields, **base, **values}))

    to_institution = facts(fee=Decimal(2000), free=False, subsidy_to=None)
    assert (to_institution.pays, to_institution.claims_back, to_institution.subsidy_to) == (
        400,
        0,
        "培训机构",
    )
    to_trainee = facts(fee=Decimal(2000), free=False, subsidy_to="学员")
    assert (to_trainee.pays, to_trainee.claims_back) == (2000, 1600)
    cheap = facts(fee=Decimal(1000), free=False, subsidy_to="学员")
    assert cheap.base == cheap.raised == cheap.claims_back == 1000  # never more than the fee
    free = facts(fee=Decimal(1000), free=True, subsidy_to=None)
    assert free.pays == 0 and free.price_label == "免费" and free.base == 1600
    assert (
        to_trainee.pay_hook == "2000"
        and facts(fee=Decimal("1880.5"), free=False, subsidy_to=None).pay_hook == "280.5"
    )
    assert to_institution.groups_hook == "登记失业人员"


def test_a_closed_or_ended_page_offers_no_way_to_enrol(tmp_path: Path) -> None:
    """SPEC §5: the last period's 报名方式 is shown as words only, and ended demand as past."""
    from skillmap.site.build import prepare_docs
    from skillmap.validate import check_project

    result = check_project(make_tree(tmp_path / "tree"), TODAY)
    records = {r.id: r for r in result.catalog.records["projects"]}
    how = "线上报名：[就业服务平台](https://example.gov.cn/baoming)，或到窗口填写报名表。"
    for record in records.values():
        record.values["enroll_how"] = how
    prepare_docs(result, TODAY, tmp_path / "work")
    docs = tmp_path / "work" / "docs" / "projects"
    ended = (docs / "baotou-ended" / "index.md").read_text(encoding="utf-8")
    enrol = ended.split("## 怎么报名", 1)[1]
    assert "就业服务平台" in enrol and "example.gov.cn/baoming" not in enrol and "data-enrol" not in ended
    if "招 " in ended:
        assert "当时招" in ended and "可能已经招满" in ended
    open_page = next(
        (docs / rid / "index.md").read_text(encoding="utf-8")
        for rid in records
        if 'status: "enrolling"' in (docs / rid / "index.md").read_text(encoding="utf-8")
    )
    assert "example.gov.cn/baoming" in open_page  # an open course keeps its way to enrol


def test_the_calculator_in_the_page_answers_as_the_build(tmp_path: Path) -> None:
    """/subsidy/'s calculator, typed into in Chromium, against domain/course_facts.py for the
    edges: zero hours, fen, a fee below the subsidy, both receivers, with and without the uplift."""
    import itertools

    from skillmap.domain.course_facts import CourseFacts, after_uplift, money_facts
    from skillmap.domain.money import yuan

    from .browser import launched, serve

    root = make_tree(tmp_path / "tree")
    assert run("build", "--root", str(root), "--today", TODAY.isoformat())[0] == 0
    cases = list(
        itertools.product(
            (0, 48, 80),
            ("0", "20", "22.55"),
            ("0", "1082.4", "2600"),
            (True, False),
            ("培训机构", "学员"),
            (False, True),
        )
    )
    with serve(root / "site") as base, launched() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "subsidy/")
        assert page.is_visible("form[data-calc]")
        got = page.evaluate(
            """cases => cases.map(([hours, perHour, fee, free, to, uplift]) => {
              const form = document.querySelector('form[data-calc]');
              form.elements.hours.value = hours; form.elements.per_hour.value = perHour;
              form.elements.fee.value = fee; form.elements.free.checked = free;
              form.elements.to.value = to; form.elements.uplift.checked = uplift;
              form.dispatchEvent(new Event('change'));
              const out = name => form.querySelector(`[data-out=${name}]`).textContent;
              return [out('subsidy'), out('pays'), out('claims'), out('net')];
            })""",
            [list(c) for c in cases],
        )
    for (hours, per_hour, fee, free, to, uplift), answer in zip(cases, got, strict=True):
        facts = CourseFacts(*money_facts(hours, Decimal(per_hour), Decimal(fee), free, to), ())
        claims, net = after_uplift(facts) if uplift else (facts.claims_back, facts.pays - facts.claims_back)
        subsidy = facts.raised if uplift else facts.base
        expected = [yuan(subsidy), yuan(facts.pays), yuan(claims), yuan(net)]
        assert answer == expected, (hours, per_hour, fee, free, to, uplift)
