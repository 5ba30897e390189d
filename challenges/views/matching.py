"""Matchmaking pages: a person's own suggested challenges, a lab lead's suggested students."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from challenges import contexts
from challenges.views.access import live_challenge


@login_required
def matches(request):
    """Every open challenge suggested to the signed-in person; only ever their own."""
    return render(request, "challenges/matching/matches.html", contexts.matches_page(request))


@login_required
def suggested_students(request, challenge_id: int, lab_id: int):
    """Students of a lab the person leads who fit the challenge; 404 for anyone else."""
    challenge = live_challenge(challenge_id)
    return render(
        request,
        "challenges/matching/students.html",
        contexts.suggested_students_page(request, challenge=challenge, lab_id=lab_id),
    )
