"""The legal documents now belong to the ``legal`` app; their tables and rows stay (see
``legal/migrations/0001_legal_documents_from_quality.py``), only this app's record of them goes. The quality managers' permission no longer covers them,
and its name says so."""

from django.db import migrations

MANAGE_QUALITY = "Quản lý hệ thống chất lượng (mục tiêu, rủi ro, hành động)"
FORMER_NAME = "Quản lý hệ thống chất lượng (mục tiêu, rủi ro, văn bản)"


def rename_permission(apps, schema_editor, name=MANAGE_QUALITY):
    # Django creates missing permissions after migrating but never renames existing ones.
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.using(schema_editor.connection.alias).filter(
        content_type__app_label="quality", codename="manage_quality"
    ).update(name=name)


def restore_permission_name(apps, schema_editor):
    rename_permission(apps, schema_editor, name=FORMER_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0002_risk_level_mismatch"),
        ("legal", "0001_legal_documents_from_quality"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalLegalDocument"),
                migrations.DeleteModel(name="LegalDocument"),
            ],
            database_operations=[],
        ),
        migrations.AlterModelOptions(
            name="risk",
            options={
                "ordering": ["register", "section", "position", "id"],
                "permissions": [("manage_quality", MANAGE_QUALITY)],
                "verbose_name": "rủi ro, cơ hội",
                "verbose_name_plural": "rủi ro, cơ hội",
            },
        ),
        migrations.RunPython(rename_permission, restore_permission_name),
    ]
