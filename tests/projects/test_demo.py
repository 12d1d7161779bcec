"""The demo adds realistic projects once, some of them late."""

import pytest

from investdesk.projects import demo
from investdesk.projects.models import Project


@pytest.mark.django_db
def test_demo_projects_are_spread_and_some_are_late(make_person, monkeypatch):
    from investdesk.accounts.choices import Role

    make_person("thuy.dt", Role.OFFICER)
    make_person("truongphong", Role.DIVISION_HEAD, position="truong-phong")
    monkeypatch.setattr(demo, "COUNT", 25)
    demo.run(lambda line: None)
    assert Project.objects.count() == 25
    assert Project.objects.late().exists()
    assert Project.objects.values("commune").distinct().count() > 5
    demo.run(lambda line: None)
    assert Project.objects.count() == 25
