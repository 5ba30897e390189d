"""Load or refresh the gazetteer (the eight countries' administrative divisions).

Idempotent: run it after every deployment (``seed_demo`` and ``make run`` do); it writes only
places that are new or changed and never deletes one.
"""

from django.core.management.base import BaseCommand

from core.models import Place
from core.services import places_load


class Command(BaseCommand):
    help = "Create or update the places of the network's eight countries (ISO 3166-2 + core/data/places)."

    def handle(self, *args, **options):
        written = places_load()
        self.stdout.write(f"  places: {Place.objects.count()} in the gazetteer, {written} written")
