"""Build (or refresh) the demo site. Safe to run any number of times."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

import challenges.demo
import challenges.demo_clearance
import challenges.demo_matching
import challenges.demo_supervised
import knowledge.demo
import labs.demo
import labs.demo_cohorts
import network.demo
from core.demo import DEMO_PASSWORD
from core.services import places_load
from policylab_site import demo
from policylab_site.demo import DEMO_PEOPLE
from policylab_site.services import locale_tree_ensure


class Command(BaseCommand):
    help = "Create or update believable demo content for every part of the platform."

    def handle(self, *args, **options):
        with transaction.atomic():
            # The gazetteer first: demo content is tagged with its places.
            places_load()
            people = demo.seed_people()
            home = demo.seed_home()
            demo.seed_institution_pages(home=home)
            # Each language's home and section indexes, where its own pages are placed.
            for code, _name in settings.LANGUAGES:
                if code != settings.LANGUAGE_CODE:
                    locale_tree_ensure(language_code=code)
            # Lower layers first: labs cite partners, challenges cite labs and agencies.
            for app_demo in (network.demo, knowledge.demo, labs.demo, challenges.demo):
                app_demo.seed(home=home, people=people, stdout=self.stdout)
            # Needs the selected demo project the challenges' demo made.
            challenges.demo_clearance.seed(home=home, people=people, stdout=self.stdout)
            labs.demo_cohorts.seed_cohorts(people=people, stdout=self.stdout)
            # Needs both: the selected project's space joins the cohort as a supervised team.
            challenges.demo_supervised.seed(stdout=self.stdout)
            challenges.demo_matching.seed(people=people, stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for _handle, (name, email, role, *_rest) in DEMO_PEOPLE.items():
            self.stdout.write(f"  {email:<38} {name} ({role.label})")
