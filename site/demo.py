"""The site's own demo content: people of every role, the home page and section pages."""

import json
from pathlib import Path

from django.urls import reverse
from wagtail.models import Page, Site

from challenges.models import ChallengeIndexPage
from core.addresses import site_origin
from core.demo import demo_person_ensure
from core.models import ProfileRole
from core.services import site_sync_with_setting
from knowledge.models import KnowledgeIndexPage
from labs.models import LabIndexPage
from network.models import NetworkIndexPage

from .models import ContactFormField, ContactPage, HomePage, StandardPage

DATA = Path(__file__).resolve().parent / "data" / "demo"

# handle: (display name, email, role, institution, country code, superuser?)
DEMO_PEOPLE = {
    "editor": ("Sana Editor", "editor@demo.policylab.example", ProfileRole.OTHER,
               "Policy Lab Commons", "PK", True),
    "lead": ("Dr. Ayesha Rahman", "lead@demo.policylab.example", ProfileRole.FACULTY,
             "University of the Punjab", "PK", False),
    "faculty": ("Prof. Imran Qureshi", "faculty@demo.policylab.example", ProfileRole.FACULTY,
                "University of the Punjab", "PK", False),
    "student": ("Hamza Tariq", "student@demo.policylab.example", ProfileRole.STUDENT,
                "University of the Punjab", "PK", False),
    "student2": ("Nusrat Jahan", "student2@demo.policylab.example", ProfileRole.STUDENT,
                 "University of Dhaka", "BD", False),
    "policymaker": ("Mr. Bilal Ahmed", "policymaker@demo.policylab.example",
                    ProfileRole.POLICYMAKER, "Establishment Division, Government of Pakistan",
                    "PK", False),
    "partner": ("Dr. Priya Raman", "partner@demo.policylab.example", ProfileRole.PARTNER,
                "Institute of Governance Studies", "LK", False),
    "reviewer": ("Ms. Tashi Wangmo", "reviewer@demo.policylab.example", ProfileRole.OTHER,
                 "Royal Institute of Management", "BT", False),
}  # fmt: skip


def seed_people() -> dict:
    return {
        handle: demo_person_ensure(
            username=handle,
            display_name=name,
            email=email,
            role=role,
            institution=institution,
            country_code=country_code,
            public_fields=["institution", "country", "role", "expertise", "bio"],
            is_superuser=is_super,
        )
        for handle, (name, email, role, institution, country_code, is_super) in DEMO_PEOPLE.items()
    }


def seed_home():
    """The single home page, replacing Wagtail's welcome page, with one section page each."""

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Policy Lab Commons",
            slug="home",
            hero_heading="Students and policymakers solving South Asia's governance problems together",
            hero_text=(
                "University policy labs across South Asia take on real briefs from government, "
                "work on them in private project spaces with the officials who posted them, and "
                "publish what they learn for the whole region to use."
            ),
        )
        welcome = (
            Page.objects.filter(depth=2, slug="home")
            .exclude(content_type__model="homepage")
            .first()
        )
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save_revision().publish()
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            origin = site_origin()
            site = Site(hostname=origin.hostname, port=origin.port, is_default_site=True)
        site.root_page = home
        site.site_name = "Policy Lab Commons"
        site.save()
        if welcome is not None:
            welcome.delete()
    # The demo answers at SITE_URL, whatever address the Site record had before.
    site_sync_with_setting()

    sections = [
        (LabIndexPage, "Policy labs", "labs",
         "<p>University policy labs across South Asia where students, faculty and officials work on live governance problems.</p>"),
        (ChallengeIndexPage, "Governance challenges", "challenges",
         "<p>Problems posted by government departments, open to proposals from policy lab teams.</p>"),
        (KnowledgeIndexPage, "Knowledge base", "knowledge",
         "<p>Case studies from the network's partners and findings published by the labs.</p>"),
        (NetworkIndexPage, "South Asian Governance Innovation Network", "network",
         "<p>Universities, government bodies and think tanks from all eight South Asian countries sharing what works.</p>"),
    ]  # fmt: skip
    for model, title, slug, intro in sections:
        if not model.objects.exists():
            page = model(title=title, slug=slug, intro=intro)
            home.add_child(instance=page)
            page.save_revision().publish()

    if not StandardPage.objects.filter(slug="about").exists():
        about = StandardPage(
            title="About Policy Lab Commons",
            slug="about",
            summary="Why the platform exists and how labs, challenges and the network fit together.",
            body=[
                ("paragraph",
                 "<p>Policy Lab Commons grew out of Pakistan's Smart Civil Service reform agenda, "
                 "which asked the University of the Punjab to open public policy labs where students "
                 "and policymakers tackle real governance problems side by side, and proposed a "
                 "South Asian Governance Innovation Network so that countries in the region learn "
                 "from each other's reforms.</p>"),
            ],
        )  # fmt: skip
        home.add_child(instance=about)
        about.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def seed_institution_pages(*, home) -> dict:
    """About, Contact, Privacy, Terms, Accessibility and Licence, as editors would add them.

    Their starting text is in ``data/demo/institution_pages.json``, in footer order: what they
    say about the software (what is stored, who sees it, what deletion does) follows the code
    and ROLES.md; what depends on the operator (backup schedule, how fast requests are
    answered) is phrased as a commitment the operating institution should check and adjust.
    A body block's ``{slug}`` is the address of that page (``{account_delete}`` of the account
    deletion form); a page with ``form_fields`` is a contact form.

    Pages that exist are left as editors made them, except the About page while it is still
    the one-paragraph placeholder ``seed_home`` creates. Returns {slug: page}.
    """

    specs = json.loads((DATA / "institution_pages.json").read_text(encoding="utf-8"))
    base = home.get_url() or "/"
    urls = {spec["slug"]: f"{base}{spec['slug']}/" for spec in specs}
    urls["account_delete"] = reverse("core:account_delete")
    pages = {}
    for spec in specs:
        slug = spec["slug"]
        content = {
            "title": spec["title"],
            "summary": spec["summary"],
            "body": [(block["type"], block["value"].format_map(urls)) for block in spec["body"]],
        }
        if "thank_you_text" in spec:
            content["thank_you_text"] = spec["thank_you_text"]
        fields = spec.get("form_fields", [])
        page = Page.objects.child_of(home).filter(slug=slug).specific().first()
        if page is not None:
            if slug == "about" and isinstance(page, StandardPage) and len(page.body) < 2:
                page.summary = content["summary"]
                page.body = content["body"]
                page.save_revision().publish()
            pages[slug] = page
            continue
        model = ContactPage if fields else StandardPage
        page = model(slug=slug, **content)
        for number, field in enumerate(fields):
            page.form_fields.add(ContactFormField(sort_order=number, **field))
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    return pages
