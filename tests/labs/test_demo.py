import io

import pytest

from labs.models import LabMembership, LabPage, Post, ProjectSpace, SpaceFile, Task, Thread


def counts():
    return [
        model.objects.count()
        for model in (LabPage, LabMembership, ProjectSpace, Thread, Post, Task, SpaceFile)
    ]


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_puts_punjab_first(home, settings, tmp_path):
    from labs import demo
    from policylab_site.demo import seed_people

    people = seed_people()
    demo.seed(home=home, people=people, stdout=io.StringIO())
    first = counts()
    demo.seed(home=home, people=people, stdout=io.StringIO())
    assert counts() == first
    assert first[0] >= 4
    assert ProjectSpace.objects.filter(status="active").count() == 2
    assert LabPage.objects.order_by("path").first().university_name == "University of the Punjab"
    for space in ProjectSpace.objects.all():
        assert space.threads.exists() and space.tasks.exists() and space.files.exists()
