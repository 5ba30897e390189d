from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    label = "challenges"
    verbose_name = _("Challenges")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from core.dashboard import register_dashboard_panel
        from core.moderation import register_moderated_model
        from labs.services import finding_review_step_register

        from .admin_permissions import moderator_permissions_grant
        from .dashboard import challenges_panel, matches_panel, proposals_panel, reviews_panel
        from .models import ChallengePage
        from .services.clearance import finding_clearance_open

        register_dashboard_panel(challenges_panel)
        register_dashboard_panel(proposals_panel)
        register_dashboard_panel(reviews_panel)
        register_dashboard_panel(matches_panel)
        # The brief's submitter is emailed at each moderation step (submitted, changes
        # requested, approved, rejected) from challenges/emails/brief_<event>.
        register_moderated_model(ChallengePage, email_template="challenges/emails/brief")
        # A finding from a space that answers a challenge waits for the challenge's owners to
        # clear it before site moderation.
        finding_review_step_register(finding_clearance_open)
        post_migrate.connect(moderator_permissions_grant, sender=self)
