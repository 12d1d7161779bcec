"""The legal documents now belong to the ``legal`` app; their tables and rows stay (see
``legal/migrations/0001_legal_documents_from_quality.py``), only this app's record of them goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0002_risk_level_mismatch"),
        ("legal", "0001_legal_documents_from_quality"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalLegalDocument"),
                migrations.DeleteModel(name="LegalDocument"),
            ],
            database_operations=[],
        ),
    ]
