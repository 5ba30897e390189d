"""Signal receivers of the labs app (connected in LabsConfig.ready)."""

from django.db.models import Q

from labs.models import LabAuditEntry, LabInvitation
from labs.services import lab_lead_group_sync
from labs.services.publishing import finding_document_release, finding_document_withdraw


def lab_page_saved(sender, instance, created, raw=False, **kwargs):
    """A new lab gets its own leads group with edit rights on that page alone."""
    if raw or not created:
        return
    lab_lead_group_sync(lab=instance)


def finding_published(sender, instance, **kwargs):
    """A lab finding's PDF becomes downloadable when moderators publish the finding."""
    finding_document_release(finding=instance)


def finding_unpublished(sender, instance, **kwargs):
    """An unpublished lab finding's PDF is private again."""
    finding_document_withdraw(finding=instance)


def account_erased(sender, user, emails, **kwargs):
    """A deleted account's addresses leave the membership audit log (the row keeps its user
    link, shown as "Former member") and the labs' invitations, as the account deletion page
    promises."""
    copies = Q(subject=user)
    for email in emails:
        copies |= Q(subject_email__iexact=email)
    LabAuditEntry.objects.filter(copies).exclude(subject_email="").update(subject_email="")
    invitations = Q(accepted_by=user)
    for email in emails:
        invitations |= Q(email__iexact=email)
    LabInvitation.objects.filter(invitations).delete()
