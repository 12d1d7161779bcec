"""Moving the legal documents out of the quality app keeps every row: the document, its links to
procedures, what replaces it, its history and the content type permissions hang on. The database
is taken back to the state before the move, filled there, and migrated forward."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("quality", "0002_risk_level_mismatch"), ("legal", None)]
AFTER = [("legal", "0003_grant_to_quality_managers"), ("quality", "0003_legal_documents_to_legal_app")]


def migrate(targets):
    """Migrates to ``targets`` (the other apps stay at their latest) and gives the models as they
    stood there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    moved = {app for app, _name in targets}
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved]
    nodes += [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(nodes).apps


@pytest.fixture
def before_the_move(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    # The rest of the suite runs on the current models, whatever the test did.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_documents_links_history_and_permissions(before_the_move):
    apps = before_the_move
    Procedure = apps.get_model("procedures", "Procedure")
    OldDocument = apps.get_model("quality", "LegalDocument")
    OldHistory = apps.get_model("quality", "HistoricalLegalDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    procedure = Procedure.objects.create(code="thu-tuc-chuyen-app", name="Thủ tục thử", statutory_days=15)
    new = OldDocument.objects.create(
        number="1/2030/NĐ-CP", kind="decree", issuer="Chính phủ", title="Nghị định", effective_from=date(2026, 3, 31)
    )
    old = OldDocument.objects.create(
        number="2/2029/NĐ-CP", kind="decree", issuer="Chính phủ", title="Nghị định", replaced_by=new
    )
    new.procedures.add(procedure)
    OldHistory.objects.create(
        id=new.pk, number=new.number, kind="decree", issuer="Chính phủ", title="Nghị định", version=1,
        history_date="2026-03-01T08:00:00Z", history_type="+", created_at=new.created_at, updated_at=new.updated_at,
    )  # fmt: skip
    content_type, _ = ContentType.objects.get_or_create(app_label="quality", model="legaldocument")
    change, _ = Permission.objects.get_or_create(content_type=content_type, codename="change_legaldocument")
    Group.objects.get_or_create(name="kept")[0].permissions.add(change)
    # Keepers given the quality permission by hand, not through a role the seed knows.
    manage = Permission.objects.get(content_type__app_label="quality", codename="manage_quality")
    Group.objects.create(name="tổ pháp chế").permissions.add(manage)
    keeper = apps.get_model("accounts", "User").objects.create(username="phap.che")
    keeper.user_permissions.add(manage)
    # The highest id used so far belongs to a deleted row: a sequence that came along never gives it again.
    deleted = OldDocument.objects.create(number="9/2029/QĐ", kind="decision", issuer="UBND", title="Quyết định")
    deleted_pk = deleted.pk
    deleted.delete()

    apps = migrate(AFTER)

    Document = apps.get_model("legal", "LegalDocument")
    moved_old, moved_new = Document.objects.get(pk=old.pk), Document.objects.get(pk=new.pk)
    assert (moved_old.number, moved_old.replaced_by_id) == ("2/2029/NĐ-CP", new.pk)
    assert moved_new.effective_from == date(2026, 3, 31)
    assert list(moved_new.procedures.values_list("code", flat=True)) == ["thu-tuc-chuyen-app"]
    Procedure = apps.get_model("procedures", "Procedure")
    assert list(Procedure.objects.get(pk=procedure.pk).legal_documents.values_list("pk", flat=True)) == [new.pk]
    history = apps.get_model("legal", "HistoricalLegalDocument").objects.get(id=new.pk)
    assert history.history_type == "+" and history.number == "1/2030/NĐ-CP"
    moved_type = apps.get_model("contenttypes", "ContentType").objects.get(pk=content_type.pk)
    assert (moved_type.app_label, moved_type.model) == ("legal", "legaldocument")
    kept = apps.get_model("auth", "Group").objects.get(name="kept").permissions.get()
    assert (kept.content_type.app_label, kept.codename) == ("legal", "change_legaldocument")
    manage_quality = apps.get_model("auth", "Permission").objects.get(codename="manage_quality")
    assert "văn bản" not in manage_quality.name  # the quality managers' permission no longer names them
    # Those who kept the documents with the quality permission keep them with the new one.
    granted = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="legal", codename="manage_legal_documents"
    )
    assert granted.group_set.filter(name="tổ pháp chế").exists()
    assert granted.user_set.filter(username="phap.che").exists()
    tables = set(connection.introspection.table_names())
    assert {"legal_legaldocument", "legal_legaldocument_procedures", "legal_historicallegaldocument"} <= tables
    assert not {t for t in tables if t.startswith("quality_") and "legaldocument" in t}

    # A new document takes the next id after the moved ones (the table's sequence came along).
    added = Document.objects.create(number="3/2030/TT-BTC", kind="circular", issuer="Bộ Tài chính", title="Thông tư")
    assert added.pk > deleted_pk
