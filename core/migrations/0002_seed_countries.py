from django.db import migrations

# The eight SAARC members, plus countries whose reforms the network often compares with.
COUNTRIES = [
    ("AF", "Afghanistan", "south-asia"),
    ("BD", "Bangladesh", "south-asia"),
    ("BT", "Bhutan", "south-asia"),
    ("IN", "India", "south-asia"),
    ("MV", "Maldives", "south-asia"),
    ("NP", "Nepal", "south-asia"),
    ("PK", "Pakistan", "south-asia"),
    ("LK", "Sri Lanka", "south-asia"),
    ("AZ", "Azerbaijan", "west-asia"),
    ("MY", "Malaysia", "south-east-asia"),
    ("ID", "Indonesia", "south-east-asia"),
    ("GB", "United Kingdom", "europe"),
]


def seed(apps, schema_editor):
    Country = apps.get_model("core", "Country")
    for code, name, region in COUNTRIES:
        Country.objects.update_or_create(code=code, defaults={"name": name, "region": region})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
