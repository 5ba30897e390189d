"""Demo content for the network app, called by `manage.py seed_demo`. Must stay idempotent.

Partner institutions in every South Asian country, the November 2025 conference at the
University of the Punjab (see /work/shared/seeds) and two upcoming network events.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from core.models import Country

from .models import GovernmentLevel, NetworkEventPage, NetworkIndexPage, PartnerPage, PartnerType

PKT = ZoneInfo("Asia/Karachi")

# slug: (title, type, country code, city, website, level slug or "", summary, description)
PARTNERS = {
    "pu-institute-of-administrative-sciences": (
        "Institute of Administrative Sciences, University of the Punjab",
        PartnerType.UNIVERSITY, "PK", "Lahore", "https://pu.edu.pk", "",
        "Pakistan's oldest school of public administration and host of the network's founding conference.",
        "<p>The Institute trains civil servants and graduate students in public administration and "
        "management. It hosts the University of the Punjab's public policy labs, where students and "
        "officials work side by side on briefs from government departments.</p>",
    ),
    "establishment-division-pakistan": (
        "Establishment Division, Government of Pakistan",
        PartnerType.GOVERNMENT, "PK", "Islamabad", "", "national",
        "The federal body responsible for civil service policy, postings and reform.",
        "<p>The Establishment Division leads work on recruitment, training and performance "
        "management of the federal civil service, including the proposed Smart Civil Service model.</p>",
    ),
    "ministry-of-it-and-telecom-pakistan": (
        "Ministry of IT and Telecommunication, Pakistan",
        PartnerType.GOVERNMENT, "PK", "Islamabad", "", "national",
        "The federal ministry behind Pakistan's digital government agenda and the Asan Khidmat Markaz.",
        "<p>The ministry steers digital public services and signed the agreement to set up the Asan "
        "Khidmat Markaz one-stop service centre in Islamabad with Azerbaijan's public service agency.</p>",
    ),
    "punjab-information-technology-board": (
        "Punjab Information Technology Board",
        PartnerType.GOVERNMENT, "PK", "Lahore", "", "provincial-state",
        "The Punjab government's technology agency, running citizen-facing digital services.",
        "<p>The Board builds and runs digital systems for provincial departments, from service "
        "centres to citizen feedback.</p>",
    ),
    "indian-institute-of-public-administration": (
        "Indian Institute of Public Administration",
        PartnerType.THINK_TANK, "IN", "New Delhi", "https://www.iipa.org.in", "",
        "A research and training institute on public administration in India.",
        "<p>The Institute researches governance reforms and trains officers from central and state "
        "governments.</p>",
    ),
    "kerala-institute-of-local-administration": (
        "Kerala Institute of Local Administration",
        PartnerType.GOVERNMENT, "IN", "Thrissur", "", "provincial-state",
        "Kerala's training and research centre for local self-government institutions.",
        "<p>The Institute supports panchayats and municipalities with training, research and "
        "handbooks on decentralised planning.</p>",
    ),
    "du-department-of-public-administration": (
        "Department of Public Administration, University of Dhaka",
        PartnerType.UNIVERSITY, "BD", "Dhaka", "https://www.du.ac.bd", "",
        "Bangladesh's leading university department for public administration teaching and research.",
        "<p>The department studies civil service reform, local government and service delivery in "
        "Bangladesh and runs a student policy lab with union-level officials.</p>",
    ),
    "aspire-to-innovate-a2i": (
        "Aspire to Innovate (a2i)",
        PartnerType.GOVERNMENT, "BD", "Dhaka", "", "national",
        "Bangladesh's government programme for public service innovation and digital services.",
        "<p>a2i supports ministries and field offices to redesign services around citizens, funds "
        "small service innovations and runs the network of digital centres.</p>",
    ),
    "tu-central-department-of-public-administration": (
        "Central Department of Public Administration, Tribhuvan University",
        PartnerType.UNIVERSITY, "NP", "Kathmandu", "https://tu.edu.np", "",
        "Nepal's main university department for public administration and federalism studies.",
        "<p>The department follows how Nepal's federal restructuring works in practice at provincial "
        "and local level.</p>",
    ),
    "nepal-ministry-of-federal-affairs": (
        "Ministry of Federal Affairs and General Administration, Nepal",
        PartnerType.GOVERNMENT, "NP", "Kathmandu", "", "national",
        "The ministry responsible for local governments and the civil service in Nepal.",
        "<p>The ministry coordinates Nepal's 753 local governments and leads civil service "
        "administration.</p>",
    ),
    "institute-of-governance-studies-colombo": (
        "Institute of Governance Studies",
        PartnerType.THINK_TANK, "LK", "Colombo", "", "",
        "An independent think tank on public sector reform and transparency in Sri Lanka.",
        "<p>The Institute documents public sector innovations in Sri Lanka and supports officials "
        "who want to learn from neighbouring countries.</p>",
    ),
    "sri-lanka-institute-of-development-administration": (
        "Sri Lanka Institute of Development Administration",
        PartnerType.GOVERNMENT, "LK", "Colombo", "", "national",
        "The national training institute for Sri Lanka's public servants.",
        "<p>The Institute runs induction and mid-career training for the Sri Lanka Administrative "
        "Service.</p>",
    ),
    "royal-institute-of-management": (
        "Royal Institute of Management",
        PartnerType.GOVERNMENT, "BT", "Thimphu", "", "national",
        "Bhutan's institute for management and public administration education.",
        "<p>The Institute trains Bhutan's civil servants and studies public sector reform in a "
        "small, fast-changing state.</p>",
    ),
    "royal-civil-service-commission": (
        "Royal Civil Service Commission",
        PartnerType.GOVERNMENT, "BT", "Thimphu", "", "national",
        "The central personnel agency of Bhutan's civil service.",
        "<p>The Commission manages recruitment, performance and reform of the Bhutanese civil "
        "service.</p>",
    ),
    "maldives-national-university": (
        "Maldives National University",
        PartnerType.UNIVERSITY, "MV", "Malé", "https://mnu.edu.mv", "",
        "The Maldives' national university, with programmes in public policy and management.",
        "<p>The university researches how public services reach people living on nearly two hundred "
        "inhabited islands.</p>",
    ),
    "local-government-authority-maldives": (
        "Local Government Authority, Maldives",
        PartnerType.GOVERNMENT, "MV", "Malé", "", "national",
        "The body that supports and oversees island and city councils in the Maldives.",
        "<p>The Authority supports island, atoll and city councils created under the country's "
        "decentralisation law.</p>",
    ),
    "kabul-university-public-policy": (
        "Faculty of Public Policy and Administration, Kabul University",
        PartnerType.UNIVERSITY, "AF", "Kabul", "", "",
        "Afghanistan's university faculty for public policy and administration.",
        "<p>The faculty keeps a record of community-driven development programmes and what they "
        "taught about local service delivery.</p>",
    ),
    "south-asian-network-for-public-administration": (
        "South Asian Network for Public Administration (SANPA)",
        PartnerType.INTERNATIONAL, "PK", "Lahore", "", "",
        "A regional network of public administration scholars and practitioners; co-organiser of the 2025 conference.",
        "<p>SANPA connects schools of public administration across South Asia and co-organised the "
        "conference at which the governance innovation network was proposed.</p>",
    ),
}  # fmt: skip

CONFERENCE_SLUG = "local-realities-regional-futures-2025"


def _upsert(parent, model, slug: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    m2m = {key: fields.pop(key) for key in list(fields) if key in {"partners", "representatives"}}
    if page is None:
        page = model(slug=slug, **fields)
        for key, value in m2m.items():
            setattr(page, key, value)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        for key, value in m2m.items():
            setattr(page, key, value)
    page.save_revision().publish()
    return page


def seed(*, home, people, stdout) -> None:
    """Create or update this app's demo content under ``home``."""
    index = NetworkIndexPage.objects.child_of(home).first()
    if index is None:
        return
    countries = {country.code: country for country in Country.objects.all()}
    levels = {level.slug: level for level in GovernmentLevel.objects.all()}
    partners = {}
    for slug, (title, kind, code, city, website, level, summary, description) in PARTNERS.items():
        partners[slug] = _upsert(
            index,
            PartnerPage,
            slug,
            title=title,
            partner_type=kind,
            country=countries[code],
            city=city,
            website=website,
            government_level=levels.get(level),
            summary=summary,
            description=description,
            representatives=[people["partner"]]
            if slug == "institute-of-governance-studies-colombo"
            else [],
            focal_person_name="Dr. Priya Raman"
            if slug == "institute-of-governance-studies-colombo"
            else "",
            focal_person_title="Director of Research"
            if slug == "institute-of-governance-studies-colombo"
            else "",
        )

    conference_programme = [
        ("heading", "Day one: reform agendas"),
        ("session", {
            "day": datetime.date(2025, 10, 31), "start_time": datetime.time(10, 0),
            "end_time": datetime.time(11, 30), "title": "Opening session: a smart civil service for Pakistan",
            "speakers": "Federal Minister for Planning, Development and Special Initiatives; Vice Chancellor, University of the Punjab",
            "description": "The federal planning minister outlined a performance-driven, technology-based civil service model and proposed university public policy labs and a South Asian governance innovation network.",
        }),
        ("session", {
            "day": datetime.date(2025, 10, 31), "start_time": datetime.time(12, 0),
            "end_time": datetime.time(13, 30), "title": "Panel: adapting reforms to local realities",
            "speakers": "Scholars and officials from Bangladesh and Pakistan",
            "description": "Why reforms copied from abroad stall, and how to fit them to local institutions, revenue and social context.",
        }),
        ("heading", "Day two: public management in practice"),
        ("session", {
            "day": datetime.date(2025, 11, 1), "start_time": datetime.time(9, 30),
            "end_time": datetime.time(12, 30), "title": "Paper sessions: service delivery, local government, digital public services",
            "speakers": "Researchers from South Asian universities", "description": "",
        }),
        ("heading", "Day three: regional futures"),
        ("session", {
            "day": datetime.date(2025, 11, 2), "start_time": datetime.time(10, 0),
            "end_time": datetime.time(12, 0), "title": "Towards a South Asian governance innovation network",
            "speakers": "SANPA and partner institutions",
            "description": "Next steps for sharing case studies, running joint policy labs and meeting again.",
        }),
    ]  # fmt: skip
    _upsert(
        index,
        NetworkEventPage,
        CONFERENCE_SLUG,
        title="Local Realities and Regional Futures: Transforming Public Administration and "
        "Management in South Asia",
        kind=NetworkEventPage.Kind.CONFERENCE,
        starts_at=datetime.datetime(2025, 10, 31, 10, 0, tzinfo=PKT),
        ends_at=datetime.datetime(2025, 11, 2, 13, 0, tzinfo=PKT),
        venue="Riazuddin Auditorium, University of the Punjab",
        city="Lahore",
        country=countries["PK"],
        summary="A three-day international conference hosted by the Institute of Administrative "
        "Sciences with SANPA, where the Smart Civil Service model, public policy labs and this "
        "network were first proposed.",
        description="<p>Scholars, officials and students from across South Asia met in Lahore to "
        "ask how public administration in the region should change. The opening session set out "
        "Pakistan's plans for a merit-based, performance-driven civil service; later sessions "
        "warned against importing models without adapting them to local needs.</p>",
        programme=conference_programme,
        partners=[
            partners["pu-institute-of-administrative-sciences"],
            partners["south-asian-network-for-public-administration"],
            partners["du-department-of-public-administration"],
        ],
    )
    _upsert(
        index,
        NetworkEventPage,
        "one-stop-service-centres-workshop-2027",
        title="Workshop: designing one-stop service centres",
        kind=NetworkEventPage.Kind.WORKSHOP,
        starts_at=datetime.datetime(2027, 3, 16, 9, 30, tzinfo=PKT),
        ends_at=datetime.datetime(2027, 3, 17, 16, 0, tzinfo=PKT),
        venue="Institute of Administrative Sciences",
        city="Lahore",
        country=countries["PK"],
        summary="Two days comparing one-stop service centres in Pakistan, Bangladesh and India, "
        "with the teams that run them.",
        description="<p>Practitioners from service centres share what it took to bring many "
        "departments under one roof, and policy lab students present their user research.</p>",
        programme=[],
        registration_url="https://example.org/register",
        partners=[
            partners["pu-institute-of-administrative-sciences"],
            partners["aspire-to-innovate-a2i"],
            partners["ministry-of-it-and-telecom-pakistan"],
        ],
    )
    _upsert(
        index,
        NetworkEventPage,
        "webinar-local-government-finance-2027",
        title="Webinar: how local governments raise their own revenue",
        kind=NetworkEventPage.Kind.WEBINAR,
        starts_at=datetime.datetime(2027, 1, 21, 15, 0, tzinfo=PKT),
        ends_at=datetime.datetime(2027, 1, 21, 16, 30, tzinfo=PKT),
        venue="",
        city="",
        country=None,
        is_online=True,
        summary="Researchers from Nepal and Kerala on own-source revenue of local governments.",
        description="",
        programme=[],
        partners=[
            partners["tu-central-department-of-public-administration"],
            partners["kerala-institute-of-local-administration"],
        ],
    )
    stdout.write(f"  network: {len(partners)} partners, 3 events")
