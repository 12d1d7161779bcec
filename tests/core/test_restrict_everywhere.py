"""Every domain model whose rows are read on someone's behalf answers ``restrict(user, action)``.

The installed models are walked: a model must have ``objects.restrict(user, action)`` (the base is
``core.querysets.RestrictedQuerySet``) unless it is listed in ``EXEMPT`` with the reason nobody can
reach its rows except through a restricted one, or nobody reads them on a person's behalf.
"""

import inspect

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from investdesk.core.querysets import RestrictedQuerySet

EXEMPT = {
    "kpi.ItemTally": "monthly counts read only by kpi.summary for people it has already checked (access.py)",
    "core.BackgroundJob": "read only by its owner or an administrator (core.views.job_detail checks the row)",
    "core.WorkerHeartbeat": "a liveness signal of the worker, shown only on the administrators' system page",
    "core.Notification": "always read as Notification.objects.filter(recipient=request.user)",
    "accounts.Position": "reference data (positions) every signed-in person reads; changed in the Django admin",
    "accounts.ApiToken": "always read as request.user.api_tokens or by the token's own hash",
    "worktime.CalendarOverride": "the working calendar is public within the department; changes need a permission",
    "worktime.OfficeHours": "the office hours are public within the department; changes need a permission",
    "procedures.ProcedureVersion": "reached only through its procedure (Procedure.objects.restrict)",
    "procedures.ProcedureStep": "reached only through its procedure version",
    "dossiers.DossierCounter": "the last number given in a year; never listed or shown",
    "dossiers.Pause": "reached only through its dossier (Dossier.objects.restrict)",
    "dossiers.DefaultAssignee": "the administrators' assignment table, behind their permission",
    "dossiers.ReceiptRefusal": "the reception desk's own register, behind its permission",
    "dossiers.DossierDocument": "reached only through its dossier (Dossier.objects.restrict)",
    "dossiers.DossierImport": "read by the person who uploaded it (or an administrator) only",
    "dossiers.DailyOutcome": "per-day totals without names, read by the statistics behind their permission",
    "dossiers.DailyStepOutcome": "per-day totals without names, read by the statistics behind their permission",
    "dossiers.MonthlyOutcome": "monthly totals without names, read by the statistics behind their permission",
    "dossiers.MonthlyStepOutcome": "monthly totals without names, read by the statistics behind their permission",
    "dossiers.StagedDossier": "rows of an import under way, read only through their import",
    "dossiers.StagedStep": "rows of an import under way, read only through their import",
    "dossiers.StagedPause": "rows of an import under way, read only through their import",
}


def domain_models():
    for model in apps.get_models():
        if model.__module__.startswith("investdesk.") and not model.__name__.startswith("Historical"):
            yield model


@pytest.mark.parametrize("model", list(domain_models()), ids=lambda m: m._meta.label)
def test_model_restricts_its_rows_or_says_why_not(model):
    label = model._meta.label
    restrict = getattr(model._default_manager, "restrict", None)
    if label in EXEMPT:
        return
    assert restrict is not None, f"{label} has no objects.restrict(user, action): add one or list it in EXEMPT"
    params = list(inspect.signature(restrict).parameters)
    assert params[:2] == ["user", "action"], f"{label}.restrict must take (user, action)"


def test_exempt_list_names_installed_models_without_restrict():
    installed = {m._meta.label: m for m in domain_models()}
    assert set(EXEMPT) <= set(installed), set(EXEMPT) - set(installed)
    restricted = [label for label in EXEMPT if hasattr(installed[label]._default_manager, "restrict")]
    assert not restricted, f"restricted now, remove from EXEMPT: {restricted}"


class _Person:
    def __init__(self, *, active=True, perms=()):
        self.is_authenticated = True
        self.is_active = active
        self.perms = set(perms)

    def has_perm(self, perm):
        return perm in self.perms


@pytest.mark.django_db
def test_the_base_rule_reads_for_everyone_signed_in_and_changes_with_the_model_permission(seeded):
    from investdesk.accounts.models import Department

    rows = Department.objects.all()
    assert isinstance(rows, RestrictedQuerySet)
    assert rows.restrict(AnonymousUser()).count() == 0
    assert rows.restrict(_Person(active=False)).count() == 0
    assert rows.restrict(_Person()).count() == rows.count() > 0
    assert rows.restrict(_Person(), "change").count() == 0
    assert rows.restrict(_Person(perms={"accounts.change_department"}), "change").count() == rows.count()
    # An action nobody grants gives no rows rather than all of them.
    assert rows.restrict(_Person(), "archive").count() == 0


@pytest.mark.django_db
def test_legal_documents_are_read_by_all_and_changed_by_those_who_keep_them(officer, division_head, seeded):
    from django.contrib.auth.models import Permission

    from investdesk.legal.models import LegalDocument

    assert LegalDocument.objects.restrict(officer, "view").query.is_empty() is False
    assert LegalDocument.objects.restrict(officer, "change").query.is_empty()
    manager = officer
    manager.user_permissions.add(Permission.objects.get(codename="manage_legal_documents"))
    manager = type(manager).objects.get(pk=manager.pk)
    assert not LegalDocument.objects.restrict(manager, "change").query.is_empty()


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["legal.LegalDocument", "quality.Risk", "quality.Objective"])
def test_records_kept_by_one_permission_give_its_holders_only_the_actions_they_know(label, seeded):
    rows = apps.get_model(label).objects.all()
    keeper = _Person(perms={rows.manage_permission})
    assert rows.restrict(keeper, "change").query.is_empty() is False
    assert rows.restrict(keeper, "delete").query.is_empty() is False
    assert rows.restrict(_Person(), "change").query.is_empty()
    # An action the model does not know gives no rows, even to those who keep the records.
    assert rows.restrict(keeper, "archive").query.is_empty()
