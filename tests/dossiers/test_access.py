"""Who may do what on a dossier: one set of predicates (``access``), asked by the services, the
detail page's buttons and the API, for every kind of person; and no role named where code decides."""

import re
from pathlib import Path

import pytest

from investdesk.core.exceptions import PermissionDeniedError
from investdesk.dossiers import access, services
from investdesk.dossiers.models import Dossier
from tests.security.people import checking, other_head, other_officer, people, viewer  # noqa: F401

from .conftest import at

pytestmark = pytest.mark.django_db

PREDICATES = (
    "view",
    "complete",
    "reassign",
    "pause",
    "receive_explanation",
    "apology",
    "withdraw",
    "stop",
    "attach",
    "supplement_again",
)


def allowed(*names):
    return {name: name in names for name in PREDICATES}


# The dossier is past the desk: its check step is open, held by the division's officer, who is
# responsible for it. "other_officer" is an officer of the same division without a step of it;
# "other_head" leads another division.
EXPECTED = {
    "officer": allowed("view", "complete", "pause", "receive_explanation", "attach"),
    "other_officer": allowed(),
    "division_head": allowed(*PREDICATES),
    "other_head": allowed(),
    "department_leader": allowed("view", "apology", "attach"),
    "reception": allowed("view", "receive_explanation", "withdraw", "attach"),
    "administrator": allowed(*PREDICATES),
    "viewer": allowed(),
}


def answers(user, dossier) -> dict[str, bool]:
    step = dossier.steps.get(finished_at__isnull=True)
    dossier = Dossier.objects.get(pk=dossier.pk)  # a fresh row: no answer remembered from another person
    return {
        "view": access.can_view(user, dossier),
        "complete": access.can_complete(user, step),
        "reassign": access.can_reassign(user, step),
        "pause": access.can_pause(user, dossier) and access.can_request_explanation(user, dossier),
        "receive_explanation": access.can_receive_explanation(user, dossier),
        "apology": access.can_extend_with_apology(user, dossier),
        "withdraw": access.can_withdraw(user, dossier),
        "stop": access.can_stop(user, dossier),
        "attach": access.can_attach_document(user, dossier),
        "supplement_again": access.can_request_supplement_again(user, dossier),
    }


@pytest.fixture
def everyone(people, other_officer, other_head):  # noqa: F811
    return {**people, "other_officer": other_officer, "other_head": other_head}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_person_may_do_what_their_permissions_and_rows_allow(everyone, checking, who):  # noqa: F811
    assert answers(everyone[who], checking) == EXPECTED[who]


def test_nobody_signed_out_or_deactivated_may_do_anything(everyone, checking):  # noqa: F811
    from django.contrib.auth.models import AnonymousUser

    officer = everyone["officer"]
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    for user in (AnonymousUser(), officer, None):
        assert not any(answers(user, checking).values())


def test_the_services_refuse_what_the_predicates_refuse(everyone, checking):  # noqa: F811
    """The services ask the same predicates: a leader may send form 04 but not pause the dossier;
    the officer may pause it but not stop it."""
    leader, officer = everyone["department_leader"], everyone["officer"]
    with pytest.raises(PermissionDeniedError):
        services.request_explanation(leader, checking, reason="Nguồn vốn", at=at("10:00 02/03/2026"))
    with pytest.raises(PermissionDeniedError):
        services.stop_processing(officer, checking, reason="x", override=True, at=at("10:00 02/03/2026"))
    with pytest.raises(PermissionDeniedError):
        services.extend_with_apology(
            officer, checking, new_due_at=at("08:00 20/03/2026"), reason="x", at=at("10:00 02/03/2026")
        )
    services.request_explanation(officer, checking, reason="Nguồn vốn", at=at("10:00 02/03/2026"))
    services.receive_explanation(everyone["reception"], checking, at=at("11:00 02/03/2026"))


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("officer", ["actions/explain/"], ["actions/apology/", "actions/stop/", "actions/withdraw/"]),
        ("department_leader", ["actions/apology/"], ["actions/explain/", "actions/stop/", "actions/withdraw/"]),
        ("reception", ["actions/withdraw/"], ["actions/explain/", "actions/apology/", "actions/stop/"]),
        ("division_head", ["actions/explain/", "actions/apology/", "actions/stop/", "actions/withdraw/"], []),
    ],
)
def test_the_detail_page_offers_the_buttons_the_predicates_allow(client, everyone, checking, who, shown, hidden):  # noqa: F811
    client.force_login(everyone[who])
    html = client.get(f"/dossiers/{checking.pk}/").content.decode()
    for action in shown:
        assert f"/dossiers/{checking.pk}/{action}" in html, action
    for action in hidden:
        assert f"/dossiers/{checking.pk}/{action}" not in html, action


def test_no_role_is_named_where_the_dossiers_decide():
    """Decisions ask permissions and rows; only the role table (permissions.py) and the demo data
    name the users' roles."""
    root = Path(access.__file__).parent
    naming = re.compile(r"\bRole\.[A-Z_]+|has_role\(")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path.name not in {"permissions.py", "demo.py"} and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if naming.search(line.replace("ProcessRole.", ""))
    ]
    # ``holds_process_role`` (assignees.py) is the one place a person's role is read: whether they
    # can take a step of a process lane, which the procedure's model names.
    assert offenders == ["assignees.py:37"]
