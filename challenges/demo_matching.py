"""Demo matchmaking: the demo student's profile says what they know and speak, so "Challenges
for you" has suggestions with reasons and the demo lead sees them suggested for a brief.

Written through the profile form and ``profile_update``, as the student would on their profile
page; a profile that already has expertise (someone edited it on the demo site) is left alone.
"""

from core.forms import ProfileForm
from core.services import profile_get_or_create, profile_update

DEMO_STUDENT_DETAILS = {
    "student": {
        "expertise": "civil service reform, performance management, e-services",
        "languages": "Urdu, Punjabi, English",
    },
    "student2": {
        "expertise": "land records, local government",
        "languages": "Bangla, English",
    },
}


def seed(*, people: dict, stdout) -> None:
    added = 0
    for handle, details in DEMO_STUDENT_DETAILS.items():
        person = people[handle]
        profile = profile_get_or_create(user=person)
        if profile.expertise.exists():
            continue
        form = ProfileForm(
            data={
                "display_name": person.display_name,
                "institution": profile.institution,
                "country": profile.country_id or "",
                "role": profile.role,
                "language": profile.language,
                "bio": profile.bio,
                "orcid": profile.orcid,
                "is_public": "on" if profile.is_public else "",
                "public_fields": profile.public_fields,
                "matching_enabled": "on",
                "time_zone": profile.time_zone,
                **details,
            },
            instance=profile,
        )
        if not form.is_valid():
            raise ValueError(f"Demo profile of {handle} is invalid: {form.errors.as_json()}")
        profile_update(profile=profile, display_name=person.display_name, form=form)
        added += 1
    stdout.write(f"  matchmaking: {added} student profiles given expertise and languages")
