"""Accounts deleted before account deletion reached lab invitations: remove the invitations
they accepted (their addresses are gone from the account, so only those can be found)."""

from django.conf import settings
from django.db import migrations


def erase_deleted_accounts_invitations(apps, schema_editor):
    LabInvitation = apps.get_model("labs", "LabInvitation")
    LabInvitation.objects.filter(accepted_by__deleted_at__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0006_lab_lead_groups_named_by_id"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(erase_deleted_accounts_invitations, migrations.RunPython.noop),
    ]
