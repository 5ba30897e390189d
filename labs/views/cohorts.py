"""Cohorts on a lab's manage area (leads and moderators), and the progress of their teams
(leads of the lab, and each supervisor for their own teams)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.paging import page_of
from labs import selectors
from labs.forms import CohortEnrolForm, CohortForm, CohortTeamForm, SupervisorForm
from labs.models import LabPage
from labs.services import MembershipError
from labs.services.cohorts import (
    cohort_create,
    cohort_enrolment_remove,
    cohort_member_enrol,
    cohort_team_add,
    cohort_team_supervisor_set,
    cohort_update,
)


def _trail(lab, *crumbs):
    index = lab.get_parent()
    return [
        (index.title, index.url),
        (lab.title, lab.url),
        (_("Manage"), reverse("labs:lab_manage", kwargs={"lab_id": lab.pk})),
        *crumbs,
    ]


def _manage_page(request, *, cohort, status=200, **forms):
    context = selectors.cohort_manage_context(cohort=cohort, params=request.GET)
    context.update(
        {
            "lab": cohort.lab,
            "cohort": cohort,
            "enrol_form": forms.get("enrol_form") or CohortEnrolForm(),
            "team_form": forms.get("team_form") or CohortTeamForm(lab=cohort.lab),
            "can_read_progress": selectors.lab_is_led_by(lab=cohort.lab, user=request.user),
            "trail": _trail(cohort.lab, (cohort.name, "")),
        }
    )
    return render(request, "labs/cohort/manage.html", context, status=status)


def _managed_cohort_or_404(request, lab_id: int, cohort_id: int):
    lab = selectors.lab_managed_or_404(lab_id=lab_id, user=request.user)
    return selectors.cohort_of_lab_or_404(lab=lab, cohort_id=cohort_id)


def _cohort_form_page(request, *, lab, cohort, save, saved_message, trail):
    """The cohort form for opening (``cohort`` None) or editing one: ``save`` takes the
    cleaned fields and returns the cohort; a rule it enforces comes back on the form."""
    form = CohortForm(request.POST if request.method == "POST" else None, instance=cohort, lab=lab)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("name", "term_start", "term_end")}
        try:
            saved = save(supervisors=list(form.cleaned_data["supervisors"]), **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved_message % {"name": saved.name})
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "labs/cohort/form.html",
        {"lab": lab, "cohort": cohort, "form": form, "trail": trail},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def cohort_create_view(request, lab_id: int):
    lab = selectors.lab_managed_or_404(lab_id=lab_id, user=request.user)
    return _cohort_form_page(
        request,
        lab=lab,
        cohort=None,
        save=lambda **fields: cohort_create(lab=lab, created_by=request.user, **fields),
        saved_message=_("The cohort “%(name)s” is open."),
        trail=_trail(lab, (_("Open a cohort"), "")),
    )


@never_cache
@login_required
def cohort_edit(request, lab_id: int, cohort_id: int):
    cohort = _managed_cohort_or_404(request, lab_id, cohort_id)
    return _cohort_form_page(
        request,
        lab=cohort.lab,
        cohort=cohort,
        save=lambda **fields: cohort_update(cohort=cohort, updated_by=request.user, **fields),
        saved_message=_("The cohort “%(name)s” is saved."),
        # Before validation: a bound model form writes what was typed into its instance.
        trail=_trail(cohort.lab, (cohort.name, cohort.get_absolute_url()), (_("Edit"), "")),
    )


@never_cache
@login_required
def cohort_detail(request, lab_id: int, cohort_id: int):
    return _manage_page(request, cohort=_managed_cohort_or_404(request, lab_id, cohort_id))


@login_required
@require_POST
def cohort_enrol(request, lab_id: int, cohort_id: int):
    cohort = _managed_cohort_or_404(request, lab_id, cohort_id)
    form = CohortEnrolForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            cohort_member_enrol(cohort=cohort, user=person, enrolled_by=request.user)
        except MembershipError as error:
            form.add_error("person", error.messages[0])
        else:
            messages.success(request, _("%(person)s is enrolled.") % {"person": person.public_name})
            return redirect(cohort.get_absolute_url())
    return _manage_page(request, cohort=cohort, status=400, enrol_form=form)


@login_required
@require_POST
def cohort_enrolment_remove_view(request, lab_id: int, cohort_id: int, enrolment_id: int):
    cohort = _managed_cohort_or_404(request, lab_id, cohort_id)
    enrolment = get_object_or_404(cohort.enrolments.select_related("user"), pk=enrolment_id)
    cohort_enrolment_remove(enrolment=enrolment)
    messages.success(
        request,
        _("%(person)s is no longer enrolled.") % {"person": enrolment.user.public_name},
    )
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def cohort_team_add_view(request, lab_id: int, cohort_id: int):
    cohort = _managed_cohort_or_404(request, lab_id, cohort_id)
    form = CohortTeamForm(request.POST, lab=cohort.lab)
    if form.is_valid():
        space = form.cleaned_data["space"]
        try:
            cohort_team_add(cohort=cohort, space=space, added_by=request.user)
        except MembershipError as error:
            form.add_error("space", error.messages[0])
        else:
            messages.success(
                request, _("“%(space)s” is now a team of this cohort.") % {"space": space.title}
            )
            return redirect(cohort.get_absolute_url())
    return _manage_page(request, cohort=cohort, status=400, team_form=form)


@login_required
@require_POST
def cohort_team_supervisor(request, lab_id: int, cohort_id: int, team_id: int):
    cohort = _managed_cohort_or_404(request, lab_id, cohort_id)
    team = get_object_or_404(cohort.teams.select_related("space", "cohort"), pk=team_id)
    form = SupervisorForm(request.POST, cohort=cohort)
    if not form.is_valid():
        messages.error(request, _("Choose one of the cohort's supervisors, or nobody."))
        return redirect(cohort.get_absolute_url())
    supervisor = form.cleaned_data["supervisor"]
    try:
        cohort_team_supervisor_set(team=team, supervisor=supervisor, assigned_by=request.user)
    except MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        if supervisor is None:
            message = _("“%(space)s” has no supervisor now.") % {"space": team.space.title}
        else:
            message = _("%(person)s supervises “%(space)s”.") % {
                "person": supervisor.public_name,
                "space": team.space.title,
            }
        messages.success(request, message)
    return redirect(cohort.get_absolute_url())


@never_cache
@login_required
def cohort_progress(request, lab_id: int, cohort_id: int):
    cohort = selectors.cohort_of_lab_or_404(
        lab=get_object_or_404(LabPage, pk=lab_id), cohort_id=cohort_id
    )
    teams = selectors.cohort_progress_teams_or_404(cohort=cohort, viewer=request.user)
    return render(
        request,
        "labs/cohort/progress.html",
        {
            "lab": cohort.lab,
            "cohort": cohort,
            "teams": page_of(teams, request.GET, per_page=selectors.COHORT_ROWS_PER_PAGE),
            "trail": [(cohort.lab.title, cohort.lab.url), (cohort.name, ""), (_("Progress"), "")],
        },
    )


@never_cache
@login_required
def supervision(request):
    """The teams the viewer supervises, across cohorts and labs."""
    teams = selectors.supervised_teams(user=request.user)
    return render(
        request,
        "labs/cohort/supervision.html",
        {
            "teams": page_of(teams, request.GET, per_page=selectors.COHORT_ROWS_PER_PAGE),
            "trail": [(_("Teams you supervise"), "")],
        },
    )
