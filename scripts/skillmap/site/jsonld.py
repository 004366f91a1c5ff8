"""schema.org descriptions of record pages, for search engines and WeChat's crawler."""

from __future__ import annotations

from typing import Any

from ..domain import dates, money
from ..domain.models import Institution, Job, Project
from ..markdown_fields import to_text
from ..phones import normalise_phone
from .model import SiteModel


def _address(model: SiteModel, code: str, street: str | None) -> dict[str, Any]:
    region = model.regions.get(code)
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": region.name if region else None,
        "addressRegion": "内蒙古自治区",
        "addressCountry": "CN",
    }


def organization(model: SiteModel, inst: Institution, url: str) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": inst.name,
        "url": url,
        "telephone": normalise_phone(inst.phone) or inst.phone,
        "identifier": inst.uscc,
        "address": _address(model, inst.region, inst.address),
    }


def program(model: SiteModel, project: Project, url: str, inst_url: str) -> dict[str, Any]:
    inst = model.institutions.get(project.institution)
    base = model.subsidy(project).base
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": project.title,
        "url": url,
        "description": to_text(project.summary) if project.summary else None,
        "occupationalCategory": project.occupation,
        "educationalCredentialAwarded": project.certificate,
        "startDate": dates.iso(project.starts),
        "endDate": dates.iso(project.ends),
        "applicationDeadline": dates.iso(project.enroll_until),
        "maximumEnrollment": project.capacity,
        "timeToComplete": f"PT{project.hours}H",
        "offers": {
            "@type": "Offer",
            "price": money.json_number(model.facts(project).pays),  # what the trainee pays up front
            "priceCurrency": "CNY",
            "description": f"课时补贴 {money.yuan(base)} 元",
        },
    }
    if inst is not None:
        data["provider"] = {"@type": "EducationalOrganization", "name": inst.name, "url": inst_url}
    return data


def job_posting(model: SiteModel, job: Job, url: str) -> dict[str, Any]:
    """A posting as schema.org JobPosting (SPEC §8): who hires, where, for how much, until when."""
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": job.position,
        "url": url,
        "description": to_text(job.requirements) if job.requirements else f"{job.employer}招聘{job.position}",
        "occupationalCategory": job.occupation,
        "datePosted": dates.iso(job.published),
        "validThrough": dates.iso(job.valid_until),
        "totalJobOpenings": job.openings,
        "hiringOrganization": {"@type": "Organization", "name": job.employer, "identifier": job.uscc},
        "jobLocation": {"@type": "Place", "address": _address(model, job.region, job.address)},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CNY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": job.salary_min,
                "maxValue": job.salary_max,
                "unitText": "MONTH",
            },
        },
        "jobBenefits": job.benefits,
    }
