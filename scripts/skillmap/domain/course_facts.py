"""What a course costs the trainee and who it is for, computed once (SPEC §3 and §5, issue 17).

Every surface that states a price (list cards, the project page, search rows, posters, JSON-LD,
the `data-pay` hook) reads it from `course_facts`, so the same course says the same thing
everywhere. The rule (SPEC §3):

- up front: 0 on a free course; else, when the bureau pays the institution (`subsidy_to`
  培训机构, the default), the fee less the base subsidy, never below 0; when the trainee claims
  the subsidy (学员, 先垫后补), the whole fee;
- what the trainee can get (`base`, `raised`) is capped at the fee on a paid course: no page
  promises more than the course costs. On a free course the subsidy is what the bureau pays
  the institution, shown whole (SPEC §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import Project
from .money import Subsidy, plain_number, subsidy, to_fen, yuan

TO_INSTITUTION = "培训机构"
TO_TRAINEE = "学员"
# 面向人群 as people call themselves: a card says 面向 农牧民, not the policy's 农村牧区转移就业劳动者.
GROUP_WORDS = {
    "农村牧区转移就业劳动者": "农牧民",
    "离校未就业高校毕业生": "未就业的毕业生",
    "登记失业人员": "登记失业人员",
    "就业困难人员": "就业困难人员",
    "企业职工": "企业职工",
    "其他": "其他人员",
}


@dataclass(frozen=True)
class CourseFacts:
    """The money and the people of one course, as every surface states them."""

    fee: Decimal
    free: bool
    subsidy_to: str  # 培训机构 | 学员
    base: Decimal  # hours × standard (capped at the fee on a paid course)
    raised: Decimal  # with the contract uplift (capped likewise)
    pays: Decimal  # what the trainee pays up front
    claims_back: Decimal  # what the trainee claims back after the course (学员: the base)
    groups: tuple[str, ...]

    @property
    def pay_hook(self) -> str:
        """`data-pay`: a plain number (`0`, `1200`, `1280.5`)."""
        return plain_number(self.pays)

    @property
    def price_label(self) -> str:
        """The price as a list line or a search row says it."""
        if self.pays == 0:
            return "免费"
        if self.subsidy_to == TO_TRAINEE:
            return f"先交 {yuan(self.pays)} 元，结业后可领补贴"
        return f"个人需付 {yuan(self.pays)} 元"

    @property
    def groups_words(self) -> str:
        """Who the course is for, in people's words: 农牧民、登记失业人员."""
        return "、".join(GROUP_WORDS.get(g, g) for g in self.groups)

    @property
    def groups_hook(self) -> str:
        """`data-groups`: the record's groups, `|`-joined in record order."""
        return "|".join(self.groups)


def course_facts(project: Project) -> CourseFacts:
    money = money_facts(
        project.hours, project.subsidy_per_hour, project.fee, project.free, project.subsidy_to
    )
    return CourseFacts(*money, project.groups)


def money_facts(
    hours: int, per_hour: Decimal | int, fee: Decimal | int, free: bool, subsidy_to: str | None
) -> tuple[Decimal, bool, str, Decimal, Decimal, Decimal, Decimal]:
    """fee, free, subsidy_to, base, raised, pays, claims_back: the rule of SPEC §3 for any inputs
    (a course's, or what a reader types into the subsidy calculator)."""
    full: Subsidy = subsidy(hours, per_hour)
    fee = to_fen(fee)
    base, raised = (full.base, full.raised) if free else (min(full.base, fee), min(full.raised, fee))
    to = subsidy_to or TO_INSTITUTION
    if free:
        pays, claims = Decimal(0), Decimal(0)
    elif to == TO_TRAINEE:
        pays, claims = fee, base
    else:
        pays, claims = max(fee - base, Decimal(0)), Decimal(0)
    return fee, free, to, base, raised, to_fen(pays), to_fen(claims)


def after_uplift(facts: CourseFacts) -> tuple[Decimal, Decimal]:
    """What the trainee can claim back, and spends in the end, once the contract uplift is granted.

    When the trainee claims (学员), the uplifted amount (capped at the fee) is hers; when the
    bureau pays the institution, the uplift goes to the institution too and her cost stays."""
    if facts.free or facts.subsidy_to != TO_TRAINEE:
        return facts.claims_back, facts.pays - facts.claims_back
    return facts.raised, facts.pays - facts.raised
