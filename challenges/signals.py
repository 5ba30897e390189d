"""Signal receivers, connected in ChallengesConfig.ready()."""

from core.emails import email_send


def notify_owners_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """Tell a brief's owners when moderators publish it (first publication only)."""
    from .models import ChallengePage

    if not isinstance(instance, ChallengePage):
        return
    if instance.first_published_at and instance.last_published_at != instance.first_published_at:
        return
    # Only briefs that went through moderation; pages editors publish directly need no notice.
    if not instance.workflow_states.filter(status="approved").exists():
        return
    owners = [owner.email for owner in instance.owners.all() if owner.is_active]
    email_send(
        to=owners, template="challenges/emails/brief_published", context={"challenge": instance}
    )
