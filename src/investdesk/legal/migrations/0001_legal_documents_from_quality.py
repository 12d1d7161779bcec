"""The legal documents leave the quality app for their own, without touching a row.

The tables stay where they are (``quality_legaldocument``, its procedures table and its history):
this migration only tells Django the models now belong to ``legal``; ``quality`` forgets them in
its own migration, and ``0002`` gives the tables the app's names. The content types move with the
models, so permissions on them and the admin's log keep pointing at the right rows.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

KIND_CHOICES = [
    ("law", "Luật"),
    ("resolution", "Nghị quyết"),
    ("decree", "Nghị định"),
    ("circular", "Thông tư"),
    ("decision", "Quyết định"),
    ("directive", "Chỉ thị"),
    ("letter", "Công văn"),
    ("other", "Văn bản khác"),
]
MODELS = ("legaldocument", "historicallegaldocument")


def move_content_types(apps, schema_editor, source="quality", target="legal"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    # A content type already made for the target (a half-finished earlier attempt) gives way to
    # the one that permissions and log entries point at.
    moving = ContentType.objects.using(db).filter(app_label=source, model__in=MODELS)
    if moving.exists():
        ContentType.objects.using(db).filter(app_label=target, model__in=MODELS).delete()
    moving.update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="legal", target="quality")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("procedures", "0003_merge_division_and_note"),
        ("quality", "0002_risk_level_mismatch"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LegalDocument",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                        ("version", models.PositiveIntegerField(default=1, editable=False, verbose_name="phiên bản")),
                        ("search_key", models.TextField(blank=True, default="", editable=False, verbose_name="khóa tìm kiếm")),
                        ("number", models.CharField(max_length=100, unique=True, verbose_name="số, ký hiệu")),
                        ("kind", models.CharField(choices=KIND_CHOICES, max_length=16, verbose_name="loại văn bản")),
                        ("issuer", models.CharField(max_length=255, verbose_name="cơ quan ban hành")),
                        ("title", models.CharField(max_length=500, verbose_name="trích yếu")),
                        ("signed_on", models.DateField(blank=True, null=True, verbose_name="ngày ký, ban hành")),
                        ("effective_from", models.DateField(blank=True, null=True, verbose_name="ngày có hiệu lực")),
                        ("summary", models.TextField(blank=True, verbose_name="nội dung chính")),
                        ("link", models.URLField(blank=True, max_length=500, verbose_name="liên kết")),
                        ("file", models.FileField(blank=True, max_length=500, upload_to="quality/legal/%Y/", verbose_name="tệp")),
                        (
                            "procedures",
                            models.ManyToManyField(
                                blank=True,
                                related_name="legal_documents",
                                to="procedures.procedure",
                                verbose_name="thủ tục liên quan",
                            ),
                        ),
                        (
                            "replaced_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="replaces",
                                to="legal.legaldocument",
                                verbose_name="được thay thế bởi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "văn bản pháp luật",
                        "verbose_name_plural": "văn bản pháp luật",
                        "ordering": ["-effective_from", "number"],
                        "indexes": [models.Index(fields=["effective_from"], name="legal_effective_idx")],
                        "permissions": [("manage_legal_documents", "Cập nhật văn bản pháp luật")],
                        "db_table": "quality_legaldocument",
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalLegalDocument",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="tạo lúc")),
                        ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="cập nhật lúc")),
                        ("version", models.PositiveIntegerField(default=1, editable=False, verbose_name="phiên bản")),
                        ("number", models.CharField(db_index=True, max_length=100, verbose_name="số, ký hiệu")),
                        ("kind", models.CharField(choices=KIND_CHOICES, max_length=16, verbose_name="loại văn bản")),
                        ("issuer", models.CharField(max_length=255, verbose_name="cơ quan ban hành")),
                        ("title", models.CharField(max_length=500, verbose_name="trích yếu")),
                        ("signed_on", models.DateField(blank=True, null=True, verbose_name="ngày ký, ban hành")),
                        ("effective_from", models.DateField(blank=True, null=True, verbose_name="ngày có hiệu lực")),
                        ("summary", models.TextField(blank=True, verbose_name="nội dung chính")),
                        ("link", models.URLField(blank=True, max_length=500, verbose_name="liên kết")),
                        ("file", models.TextField(blank=True, max_length=500, verbose_name="tệp")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "replaced_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="legal.legaldocument",
                                verbose_name="được thay thế bởi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical văn bản pháp luật",
                        "verbose_name_plural": "historical văn bản pháp luật",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                        "db_table": "quality_historicallegaldocument",
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
