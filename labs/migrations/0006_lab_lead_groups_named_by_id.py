"""Lab leads' groups were named after the lab's title, which may be an unpublished draft and
shows in every admin's group lists: name them by the lab's id instead."""

from django.db import migrations


def name_groups_by_lab_id(apps, schema_editor):
    LabPage = apps.get_model("labs", "LabPage")
    Group = apps.get_model("auth", "Group")
    for lab_id, group_id in LabPage.objects.exclude(lead_group=None).values_list(
        "pk", "lead_group_id"
    ):
        Group.objects.filter(pk=group_id).update(name=f"Lab leads #{lab_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0005_erase_deleted_accounts_audit_emails"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(name_groups_by_lab_id, migrations.RunPython.noop),
    ]
