"""Accounts deleted before account deletion erased lab audit emails: erase them now."""

from django.conf import settings
from django.db import migrations


def erase_deleted_accounts_emails(apps, schema_editor):
    LabAuditEntry = apps.get_model("labs", "LabAuditEntry")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    deleted = User.objects.filter(deleted_at__isnull=False)
    LabAuditEntry.objects.filter(subject__in=deleted).exclude(subject_email="").update(
        subject_email=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0004_store_rendered_markdown"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(erase_deleted_accounts_emails, migrations.RunPython.noop),
    ]
