"""No "---------" in the selects of public forms: a meaningful empty choice, or none when the
field is required and has a default."""

import pytest

pytestmark = pytest.mark.django_db


def public_forms(user):
    from challenges import forms as challenge_forms
    from core import forms as core_forms
    from core.services import profile_get_or_create
    from labs import forms as lab_forms
    from tests.labs.factories import SpaceWorld

    world = SpaceWorld()
    space = world.space
    return [
        challenge_forms.VerificationRequestForm(),
        challenge_forms.BriefForm(),
        challenge_forms.ProposalStartForm(user=user),
        challenge_forms.TeamMemberForm(),
        challenge_forms.ChallengeStateForm(),
        challenge_forms.AgencyResponseForm(),
        core_forms.ProfileForm(instance=profile_get_or_create(user=user)),
        lab_forms.JoinRequestForm(),
        lab_forms.InvitationForm(),
        lab_forms.SpaceForm(),
        lab_forms.SpaceMemberAddForm(),
        lab_forms.TaskForm(space=space),
        lab_forms.TaskStatusForm(),
    ]


def test_no_dash_placeholder_in_public_selects(user, home):
    offenders = [
        f"{type(form).__name__}.{name}"
        for form in public_forms(user)
        for name in form.fields
        if "---------" in str(form[name])
    ]
    assert not offenders, ", ".join(offenders)
