"""Signal receivers of the labs app (connected in LabsConfig.ready)."""


def lab_page_saved(sender, instance, created, raw=False, **kwargs):
    """A new lab gets its own leads group with edit rights on that page alone."""
    if raw or not created:
        return
    from labs.services import lab_lead_group_sync

    lab_lead_group_sync(lab=instance)


def finding_published(sender, instance, **kwargs):
    """A lab finding's PDF becomes downloadable when moderators publish the finding."""
    from labs.services.publishing import finding_document_release

    finding_document_release(finding=instance)


def finding_unpublished(sender, instance, **kwargs):
    """An unpublished lab finding's PDF is private again."""
    from labs.services.publishing import finding_document_withdraw

    finding_document_withdraw(finding=instance)
