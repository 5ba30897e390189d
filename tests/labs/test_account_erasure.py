"""Deleting an account erases its email from the labs' membership audit log and invitations too."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.services import account_delete
from labs import services
from labs.models import LabAuditEntry, LabInvitation, LabMembership
from tests.factories import PersonFactory
from tests.labs.factories import LabPageFactory

pytestmark = pytest.mark.django_db


def test_a_deleted_accounts_email_leaves_the_lab_audit_log(client, home):
    lead = PersonFactory(username="audit-lead")
    lab = LabPageFactory(lead=lead)
    leaver = PersonFactory(username="audit-leaver", email="leaver-private@example.org")
    join_request = services.lab_join_request_create(lab=lab, user=leaver)
    services.lab_join_request_decide(join_request=join_request, decided_by=lead, approve=True)
    assert LabMembership.objects.filter(lab=lab, user=leaver).exists()
    assert LabAuditEntry.objects.filter(subject_email="leaver-private@example.org").exists()

    account_delete(user=leaver)

    assert not LabAuditEntry.objects.filter(subject_email__icontains="leaver-private").exists()
    moderator = PersonFactory(superuser=True)
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    response = client.get(reverse("wagtailsnippets_labs_labauditentry:list") + "?q=leaver")
    assert response.status_code == 200
    assert "leaver-private" not in response.content.decode()


def test_migration_erases_emails_of_accounts_deleted_before_the_fix(home):
    from importlib import import_module

    from django.apps import apps

    lead = PersonFactory(username="old-lead")
    lab = LabPageFactory(lead=lead)
    gone = PersonFactory(username="old-gone", email="gone-private@example.org")
    LabAuditEntry.objects.create(
        lab=lab, actor=lead, action="joined", subject=gone, subject_email=gone.email
    )
    # Deleted the old way: the row emptied, the audit copy left behind.
    type(gone).objects.filter(pk=gone.pk).update(email="", deleted_at="2026-01-01T00:00Z")
    migration = import_module("labs.migrations.0005_erase_deleted_accounts_audit_emails")

    migration.erase_deleted_accounts_emails(apps, None)

    assert not LabAuditEntry.objects.filter(subject_email="gone-private@example.org").exists()
    assert LabAuditEntry.objects.filter(subject=lead).exclude(subject_email="").exists()


def test_a_deleted_accounts_email_leaves_lab_invitations(home):
    lead = PersonFactory(username="invite-lead")
    lab = LabPageFactory(lead=lead)
    other_lab = LabPageFactory(title="Second Lab", lead=lead)
    invitee = PersonFactory(username="invitee", email="invitee-private@example.org")
    accepted = services.lab_invitation_create(
        lab=lab, email="invitee-private@example.org", role="student", invited_by=lead
    )
    services.lab_invitation_accept(invitation=accepted, user=invitee)
    services.lab_invitation_create(
        lab=other_lab, email="Invitee-Private@example.org", role="student", invited_by=lead
    )
    services.lab_invitation_create(
        lab=other_lab, email="someone-else@example.org", role="student", invited_by=lead
    )

    account_delete(user=invitee)

    assert not LabInvitation.objects.filter(email__icontains="invitee-private").exists()
    assert not LabInvitation.objects.filter(accepted_by=invitee).exists()
    assert LabInvitation.objects.filter(email="someone-else@example.org").exists()


def test_migration_removes_invitations_accepted_by_accounts_deleted_before_the_fix(home):
    from importlib import import_module

    from django.apps import apps

    lead = PersonFactory(username="old-invite-lead")
    lab = LabPageFactory(lead=lead)
    gone = PersonFactory(username="old-invitee", email="old-invitee@example.org")
    invitation = services.lab_invitation_create(
        lab=lab, email=gone.email, role="student", invited_by=lead
    )
    services.lab_invitation_accept(invitation=invitation, user=gone)
    type(gone).objects.filter(pk=gone.pk).update(email="", deleted_at="2026-01-01T00:00Z")
    migration = import_module("labs.migrations.0007_erase_deleted_accounts_invitations")

    migration.erase_deleted_accounts_invitations(apps, None)

    assert not LabInvitation.objects.filter(email="old-invitee@example.org").exists()
