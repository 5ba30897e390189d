"""Reads about the network."""


def network_numbers() -> dict:
    """Headline counts for the home page: countries, partners, labs, case studies."""
    from core.models import Country, Region

    return {
        "countries": Country.objects.filter(region=Region.SOUTH_ASIA).count(),
        "partners": 0,
        "labs": 0,
        "case_studies": 0,
    }
