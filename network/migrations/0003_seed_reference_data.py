"""Seed the shared reference data: the 17 SDGs, levels of government, innovation stages
and the governance themes the network works on. Editors may add more as snippets."""

from django.db import migrations

SDGS = [
    (1, "End poverty in all its forms everywhere", "No poverty", "#E5243B"),
    (2, "End hunger, achieve food security and improved nutrition and promote sustainable agriculture", "Zero hunger", "#DDA63A"),
    (3, "Ensure healthy lives and promote well-being for all at all ages", "Good health and well-being", "#4C9F38"),
    (4, "Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all", "Quality education", "#C5192D"),
    (5, "Achieve gender equality and empower all women and girls", "Gender equality", "#FF3A21"),
    (6, "Ensure availability and sustainable management of water and sanitation for all", "Clean water and sanitation", "#26BDE2"),
    (7, "Ensure access to affordable, reliable, sustainable and modern energy for all", "Affordable and clean energy", "#FCC30B"),
    (8, "Promote sustained, inclusive and sustainable economic growth, full and productive employment and decent work for all", "Decent work and economic growth", "#A21942"),
    (9, "Build resilient infrastructure, promote inclusive and sustainable industrialization and foster innovation", "Industry, innovation and infrastructure", "#FD6925"),
    (10, "Reduce inequality within and among countries", "Reduced inequalities", "#DD1367"),
    (11, "Make cities and human settlements inclusive, safe, resilient and sustainable", "Sustainable cities and communities", "#FD9D24"),
    (12, "Ensure sustainable consumption and production patterns", "Responsible consumption and production", "#BF8B2E"),
    (13, "Take urgent action to combat climate change and its impacts", "Climate action", "#3F7E44"),
    (14, "Conserve and sustainably use the oceans, seas and marine resources for sustainable development", "Life below water", "#0A97D9"),
    (15, "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, combat desertification, and halt and reverse land degradation and halt biodiversity loss", "Life on land", "#56C02B"),
    (16, "Promote peaceful and inclusive societies for sustainable development, provide access to justice for all and build effective, accountable and inclusive institutions at all levels", "Peace, justice and strong institutions", "#00689D"),
    (17, "Strengthen the means of implementation and revitalize the Global Partnership for Sustainable Development", "Partnerships for the goals", "#19486A"),
]  # fmt: skip

GOVERNMENT_LEVELS = [
    ("national", "National", "Federal or union government and its ministries, divisions and agencies."),
    ("provincial-state", "Provincial / state", "Provinces, states and regions with their own governments."),
    ("district-local", "District / local", "Districts, municipalities, union councils and other local governments."),
]  # fmt: skip

INNOVATION_STAGES = [
    ("idea", "Idea", "A proposal or design that has not yet been tried."),
    ("pilot", "Pilot", "Tried at small scale to learn whether it works."),
    ("implementation", "Implementation", "Being rolled out as normal practice in at least one place."),
    ("scaled", "Scaled", "Adopted widely beyond the place it started."),
    ("evaluated", "Evaluated", "Independently evaluated, with published evidence of results."),
]  # fmt: skip

THEMES = [
    ("service-delivery", "Service delivery", "How citizens get public services: one-stop shops, service standards, grievance redress."),
    ("civil-service-reform", "Civil service reform", "Recruitment, training, performance and careers of public servants."),
    ("digital-government", "Digital government", "Online services, digital identity, data and government technology."),
    ("local-government", "Local government", "Devolution, municipal services and local democracy."),
    ("public-finance", "Public finance", "Budgeting, revenue, procurement and public financial management."),
    ("anti-corruption", "Anti-corruption", "Integrity, transparency, audit and accountability institutions."),
    ("citizen-participation", "Citizen participation", "Feedback, participatory budgeting and co-design with citizens."),
    ("regulatory-reform", "Regulatory reform", "Simpler rules, licensing and the cost of dealing with government."),
    ("evidence-and-data", "Evidence and data", "Statistics, evaluation and the use of evidence in policy."),
    ("climate-and-resilience", "Climate and resilience", "Disaster risk, adaptation and climate governance."),
]  # fmt: skip


def seed(apps, schema_editor):
    SDG = apps.get_model("network", "SustainableDevelopmentGoal")
    GovernmentLevel = apps.get_model("network", "GovernmentLevel")
    InnovationStage = apps.get_model("network", "InnovationStage")
    Theme = apps.get_model("network", "Theme")
    for number, name, short_name, colour in SDGS:
        SDG.objects.update_or_create(
            number=number, defaults={"name": name, "short_name": short_name, "colour": colour}
        )
    for order, (slug, name, description) in enumerate(GOVERNMENT_LEVELS):
        GovernmentLevel.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "description": description}
        )
    for order, (slug, name, description) in enumerate(INNOVATION_STAGES):
        InnovationStage.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "description": description}
        )
    for slug, name, description in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("network", "0002_reference_data_partners_events")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
