from django.db import migrations

from investdesk.core.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0011_staged_pause_marks"),
    ]

    operations = [trigram_index("dossiers_dossier")]
