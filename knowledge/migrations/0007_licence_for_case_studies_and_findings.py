"""A licence on every case study and finding.

Items already in the knowledge base were shared "under their own terms": nobody chose a
licence for them, so they get "not-specified" (the site claims nothing on their authors'
behalf). New items default to CC BY 4.0, and the partner chooses on the submission form.
Stored revisions get "not-specified" too, so that publishing a draft saved before this
migration does not silently license it under CC BY 4.0 (the model default).
"""

from django.db import migrations, models

CHOICES = [
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-NC-4.0", "CC BY-NC 4.0"),
    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
    ("CC0-1.0", "CC0 1.0"),
    ("all-rights-reserved", "All rights reserved"),
    ("not-specified", "Not specified"),
]
HELP_TEXT = (
    "Chosen by the contributor. “Not specified” is for items published before licences were "
    "asked for: it claims no licence on the authors' behalf."
)
KNOWLEDGE_PAGE_MODELS = ("casestudypage", "findingpage")


def licence_field(default: str):
    return models.CharField(
        choices=CHOICES,
        default=default,
        help_text=HELP_TEXT,
        max_length=20,
        verbose_name="licence",
    )


def mark_stored_revisions_not_specified(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_types = ContentType.objects.filter(
        app_label="knowledge", model__in=KNOWLEDGE_PAGE_MODELS
    )
    revisions = Revision.objects.filter(content_type__in=content_types)
    for revision in revisions.iterator():
        if "licence" not in revision.content:
            revision.content["licence"] = "not-specified"
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0006_store_rendered_markdown"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Existing rows: "not-specified"; then the default for new rows becomes CC BY 4.0.
        *(
            migrations.AddField(
                model_name=model, name="licence", field=licence_field("not-specified")
            )
            for model in KNOWLEDGE_PAGE_MODELS
        ),
        *(
            migrations.AlterField(model_name=model, name="licence", field=licence_field("CC-BY-4.0"))
            for model in KNOWLEDGE_PAGE_MODELS
        ),
        migrations.RunPython(mark_stored_revisions_not_specified, migrations.RunPython.noop),
    ]
