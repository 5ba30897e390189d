"""Ship every ISO 3166-1 country, so case studies and partners anywhere can be recorded.

Until now only twelve countries existed, so a partner file mentioning the United States
imported nothing. Codes and names come from ``pycountry`` (Debian's iso-codes, the ISO
3166-1 list itself); the region from ``countryinfo``'s UN M49 sub-region, except that
``south-asia`` stays exactly the network's eight (M49's "Southern Asia" also holds Iran).

Idempotent and additive: existing rows keep their id, code, name and region (editors may
have renamed them); only missing codes are created. Reversing leaves the rows, since case
studies and partners may point at them.
"""

from django.db import migrations

SOUTH_ASIA = {"AF", "BD", "BT", "IN", "MV", "NP", "PK", "LK"}
SUBREGIONS = {
    "Central Asia": "central-asia",
    "Eastern Asia": "east-asia",
    "South-eastern Asia": "south-east-asia",
    "Southern Asia": "west-asia",  # Iran: the only M49 "Southern Asia" country not in the eight
    "Western Asia": "west-asia",
}
REGIONS = {"Africa": "africa", "Europe": "europe", "Americas": "americas", "Oceania": "oceania"}


def region_of(code: str) -> str:
    from countryinfo import CountryInfo

    if code in SOUTH_ASIA:
        return "south-asia"
    info = CountryInfo(code)
    return SUBREGIONS.get(info.subregion()) or REGIONS.get(info.region()) or "other"


def names_of(country) -> list[str]:
    """Preferred first: the everyday name ("Bolivia"), then ISO's ("Bolivia, Plurinational…")."""
    names = [getattr(country, "common_name", None), country.name]
    return [name[:100] for name in names if name]


def ship_countries(apps, schema_editor):
    import pycountry

    Country = apps.get_model("core", "Country")
    codes = set(Country.objects.values_list("code", flat=True))
    names = set(Country.objects.values_list("name", flat=True))
    for country in pycountry.countries:
        if country.alpha_2 in codes:
            continue
        name = next((n for n in names_of(country) if n not in names), None)
        if name is None:  # an editor already uses every name for another code: keep theirs
            continue
        Country.objects.create(code=country.alpha_2, name=name, region=region_of(country.alpha_2))
        names.add(name)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_country_region_other")]
    operations = [migrations.RunPython(ship_countries, migrations.RunPython.noop)]
