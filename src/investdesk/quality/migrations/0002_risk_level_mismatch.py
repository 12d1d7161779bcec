import re

from django.db import migrations, models

# The rule as it stood when the flag was introduced (Risk.written_level_mismatch), frozen here.
BAND_WORDS = {"low": "thấp", "medium": "trung bình", "high": "cao"}


def disagrees(written_level: str, score: int, band: str) -> bool:
    match = re.match(r"\s*(\d+)", written_level)
    if match and int(match.group(1)) != score:
        return True
    written = written_level.lower()
    named = [key for key, word in BAND_WORDS.items() if word in written]
    return bool(named) and band not in named


def mark_mismatches(apps, schema_editor):
    """Stores the flag the register filters on for the rows written before it existed."""
    Risk = apps.get_model("quality", "Risk")
    rows = Risk.objects.exclude(written_level="").exclude(score__isnull=True)
    flagged = [
        row.pk
        for row in rows.only("pk", "written_level", "score", "band").iterator()
        if disagrees(row.written_level, row.score, row.band)
    ]
    Risk.objects.filter(pk__in=flagged).update(level_mismatch=True)


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0001_quality"),
    ]

    operations = [
        migrations.AddField(
            model_name="risk",
            name="level_mismatch",
            field=models.BooleanField(default=False, editable=False, verbose_name="mức ghi khác P×S"),
        ),
        migrations.RunPython(mark_mismatches, migrations.RunPython.noop),
    ]
