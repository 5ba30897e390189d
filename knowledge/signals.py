"""Reactions to Wagtail page events."""


def case_study_published(sender, instance, **kwargs):
    """Attachments of a submission become downloadable once the case study is public."""
    from .services import case_study_attachments_publish

    case_study_attachments_publish(instance)


def case_study_unpublished(sender, instance, **kwargs):
    """An unpublished case study's attachments are private again."""
    from .services import case_study_attachments_withdraw

    case_study_attachments_withdraw(instance)
