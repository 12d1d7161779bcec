"""The tables take the app's names (``legal_…``); a rename, so every row, id and link stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_legal_documents_from_quality"),
        ("quality", "0003_legal_documents_to_legal_app"),
    ]

    operations = [
        migrations.AlterModelTable(name="legaldocument", table=None),
        migrations.AlterModelTable(name="historicallegaldocument", table=None),
    ]
