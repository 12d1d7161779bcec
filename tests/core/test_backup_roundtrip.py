"""A backup restores exactly what was backed up: every model, every field, every uploaded byte.

The round trip fills every model Django knows (walked from ``django.apps``, history tables too, so
a model added later is covered without touching this file) with the text people really paste:
line and paragraph separators, NEL, control characters, emoji, decomposed Vietnamese, strings as
long as the column allows, and timestamps with microseconds. A damaged archive is refused before
anything is replaced.
"""

import io
import json
import unicodedata
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models.fields.files import FieldFile

from investdesk.core import backup
from investdesk.core.backup import create_backup, restore_backup
from investdesk.core.exceptions import DomainError
from investdesk.core.models import Notification
from investdesk.worktime.models import OfficeHours

pytestmark = pytest.mark.django_db(transaction=True)

VIETNAMESE_NFD = unicodedata.normalize("NFD", "Hồ sơ đề nghị điều chỉnh Giấy chứng nhận đăng ký đầu tư – Khánh Hòa")
AWKWARD = (
    "Lý do\u2028xin giải trình\u2029đoạn mới\u0085NEL "
    '\x01\x1f\ttab\rCR\r\nCRLF "ngoặc" \\gạch\\ 🏗️📄👩‍💼 ' + VIETNAMESE_NFD + " "
)
LONG_TEXT = 10_000  # characters put in a column without a length limit

# Rules a column's type cannot tell (check constraints): low_max < medium_max.
OVERRIDES = {
    "quality.qualityyear": {"low_max": 4, "medium_max": 9},
    "quality.historicalqualityyear": {"low_max": 4, "medium_max": 9},
}
ROWS_PER_MODEL = 3


def awkward_text(n: int, max_length: int | None) -> str:
    text = f"{n}·{AWKWARD}"
    if max_length is None:
        return (text * (LONG_TEXT // len(text) + 1))[:LONG_TEXT]
    return (text * (max_length // len(text) + 1))[:max_length]


def moment(n: int) -> datetime:
    return datetime(2026, 11, 27, 1, 2, 3, 123457 + n * 111, tzinfo=UTC)


class Filler:
    """Creates ``ROWS_PER_MODEL`` rows in every backed-up model, parents before children."""

    def __init__(self, media_root: Path):
        self.media_root = media_root
        self.counter = 0
        self.created: dict[type, list] = {}

    def value(self, model, field, n: int):
        label = model._meta.label_lower
        if field.name in OVERRIDES.get(label, {}):
            return OVERRIDES[label][field.name]
        if field.choices:
            choices = [value for value, _label in field.flatchoices if value not in ("", None)]
            return choices[n % len(choices)]
        if field.is_relation:
            return self.related(model, field, n)
        if isinstance(field, models.FileField):
            return self.upload(model, n)
        if isinstance(field, models.BooleanField):
            return n % 2 == 0
        if isinstance(field, models.GenericIPAddressField):
            return "2001:db8::1" if n % 2 else f"192.0.2.{n + 1}"
        if isinstance(field, (models.IntegerField, models.BigIntegerField, models.SmallIntegerField)):
            return self.counter if field.unique or field.primary_key else n % 5 + 1
        if isinstance(field, models.DecimalField):
            places = field.decimal_places
            return Decimal(n + 1) + (Decimal("0." + "7" * places) if places else 0)
        if isinstance(field, models.FloatField):
            return n + 0.25
        if isinstance(field, models.DateTimeField):
            return moment(n)
        if isinstance(field, models.DateField):
            return date(2026, 1, 1) + timedelta(days=self.counter if field.unique else n)
        if isinstance(field, models.TimeField):
            return time(7, 30, 15, 654321 - n)
        if isinstance(field, models.DurationField):
            return timedelta(days=n, microseconds=987654)
        if isinstance(field, models.JSONField):
            return {"văn bản": AWKWARD, "danh sách": [n, 2.5, True, None, AWKWARD], "lồng": {"sâu": [VIETNAMESE_NFD]}}
        if isinstance(field, models.UUIDField):
            import uuid

            return uuid.uuid4()
        if isinstance(field, models.BinaryField):
            return bytes(range(256))
        if isinstance(field, (models.CharField, models.TextField)):
            # Unique text starts with the running counter, so two rows never collide.
            return awkward_text(self.counter, field.max_length)
        raise AssertionError(f"Không biết điền trường {label}.{field.name} ({type(field).__name__})")

    def related(self, model, field, n: int):
        target = field.related_model
        rows = self.created.get(target) or list(target._base_manager.order_by("pk")[:ROWS_PER_MODEL])
        if target is model:
            rows = self.created.get(model, [])
            return rows[-1] if rows else None
        if not rows:
            if field.null:
                return None
            raise LookupError(f"{target._meta.label} has no row to point at")
        if field.null and n == 0:
            return None
        return rows[n % len(rows)]

    def upload(self, model, n: int) -> str:
        name = f"tai-lieu/{model._meta.model_name}/{n}-{VIETNAMESE_NFD[:20]} 📎.bin"
        path = self.media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(range(256)) * 3 + f"{model._meta.label}/{n}".encode())
        return name

    def fill(self, model) -> None:
        rows = []
        for n in range(ROWS_PER_MODEL):
            self.counter += 1
            instance = model()
            for field in model._meta.concrete_fields:
                if isinstance(field, models.AutoField):
                    continue
                setattr(instance, field.attname if not field.is_relation else field.name, self.value(model, field, n))
            # A raw save, as a restore does: the row is stored as given (no save() logic, no history).
            instance.save_base(raw=True)
            rows.append(instance)
        for field in model._meta.many_to_many:
            if field.remote_field.through._meta.auto_created:
                targets = list(field.related_model._base_manager.order_by("pk")[:2])
                for row in rows:
                    getattr(row, field.name).set(targets)
        self.created[model] = rows


def fill_every_model(media_root: Path) -> dict[str, str]:
    """Fills what it can; returns the models it could not fill, with the reason."""
    filler = Filler(media_root)
    skipped = {}
    for model in backup._ordered_models():
        try:
            filler.fill(model)
        except LookupError as error:
            skipped[model._meta.label_lower] = str(error)
    return skipped


def comparable(value):
    if isinstance(value, FieldFile):
        return value.name
    return value


def related_key(obj):
    # Rows outside the backup (permissions) are rebuilt by migrate/flush and matched by natural key.
    if obj._meta.label_lower in backup.EXCLUDED_MODELS and hasattr(obj, "natural_key"):
        return obj.natural_key()
    return obj.pk


def snapshot() -> dict[str, dict]:
    """Every field of every row of every backed-up model, many-to-many links included."""
    data = {}
    for model in backup._models_to_dump():
        rows = {}
        for obj in model._base_manager.order_by("pk"):
            values = {f.attname: comparable(getattr(obj, f.attname)) for f in model._meta.concrete_fields}
            for field in model._meta.many_to_many:
                values[field.name] = sorted(related_key(o) for o in getattr(obj, field.name).all())
            rows[obj.pk] = values
        data[model._meta.label_lower] = rows
    return data


def media_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "backups" not in p.relative_to(root).parts
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_every_model_is_backed_up_unless_rebuilt_by_migrate():
    walked = {m._meta.label_lower for m in apps.get_models() if m._meta.managed and not m._meta.proxy}
    backed_up = {m._meta.label_lower for m in backup._models_to_dump()}
    assert walked - backed_up == backup.EXCLUDED_MODELS


def test_every_model_round_trips_with_awkward_text_and_files(admin_user, officer, media, tmp_path):
    call_command("seed", verbosity=0, stdout=io.StringIO())
    skipped = fill_every_model(media)
    assert skipped == {}, skipped
    before = snapshot()
    files = media_files(media)
    empty = [label for label, rows in before.items() if not rows]
    assert empty == [], f"models left empty: {empty}"
    assert len(files) >= 5

    archive = tmp_path / "sao-luu.zip"
    manifest = create_backup(archive)
    assert manifest["rows"] == sum(len(rows) for rows in before.values())
    assert manifest["counts"] == {label: len(rows) for label, rows in before.items() if rows}

    # Wipe everything, rows and files, then restore onto the empty installation.
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert snapshot() != before

    result = restore_backup(archive)
    assert result["restored_rows"] == manifest["rows"]
    after = snapshot()
    for label in before:
        assert len(after[label]) == len(before[label]), label
        for pk, values in before[label].items():
            assert after[label].get(pk) == values, (label, pk)
    assert media_files(media) == files
    print(f"\nround trip: {len(before)} models, {manifest['rows']} rows, {len(files)} files")


def test_a_line_separator_in_any_text_survives_the_round_trip(admin_user, media, tmp_path):
    reason = "Chưa rõ nguồn vốn\u2028Đề nghị bổ sung\u2029Hạn 05/12/2026\u0085xem lại"
    Notification.objects.create(recipient=admin_user, key="giai-trinh", title=reason, body=reason)
    archive = tmp_path / "sao-luu.zip"
    create_backup(archive)
    Notification.objects.all().delete()
    restore_backup(archive)
    assert Notification.objects.get(key="giai-trinh").body == reason


def test_microseconds_survive_the_round_trip(admin_user, media, tmp_path):
    created = datetime(2026, 11, 27, 8, 15, 30, 123456, tzinfo=UTC)
    Notification.objects.create(recipient=admin_user, key="k", title="t", created_at=created)
    hours = OfficeHours.objects.create(
        morning_start=time(7, 30, 0, 1), morning_end=time(11, 30), afternoon_start=time(13), afternoon_end=time(17)
    )
    archive = tmp_path / "sao-luu.zip"
    create_backup(archive)
    restore_backup(archive)
    assert Notification.objects.get(key="k").created_at == created
    assert OfficeHours.objects.get(pk=hours.pk).morning_start == time(7, 30, 0, 1)


def test_a_backup_that_does_not_read_back_is_reported_failed_and_not_left(admin_user, media, tmp_path, monkeypatch):
    real_write = zipfile.ZipFile.write

    def lossy_write(self, filename, arcname=None, *args, **kwargs):
        if arcname == "data.jsonl":  # the disk lost the end of the rows
            data = Path(filename).read_bytes()
            return self.writestr(arcname, data[: len(data) // 2])
        return real_write(self, filename, arcname, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "write", lossy_write)
    archive = tmp_path / "sao-luu.zip"
    with pytest.raises(DomainError) as error:
        create_backup(archive)
    assert "kiểm tra" in str(error.value.message)
    assert not archive.exists()
    assert list(tmp_path.glob("sao-luu.zip*")) == []


def test_the_backup_command_reports_a_failed_verification(admin_user, media, tmp_path, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setattr(backup, "_verify_rows", lambda *a, **k: (_ for _ in ()).throw(DomainError("hỏng")))
    with pytest.raises(CommandError):
        call_command("backup", str(tmp_path / "x.zip"), stdout=io.StringIO())
    assert not (tmp_path / "x.zip").exists()


def _rewrite(archive: Path, target: Path, change) -> None:
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            out.writestr(name, change(name, source.read(name)))


def _truncate_last_row(name, data):
    return data[: data.rstrip(b"\n").rfind(b"\n") + 40] if name == "data.jsonl" else data


def _drop_last_row(name, data):
    return data[: data.rstrip(b"\n").rfind(b"\n") + 1] if name == "data.jsonl" else data


def _unknown_model(name, data):
    if name != "data.jsonl":
        return data
    return data + json.dumps({"model": "khong.tontai", "pk": 1, "fields": {}}).encode() + b"\n"


@pytest.mark.parametrize("damage", ["truncated-file", "flipped-bytes", "truncated-row", "missing-row", "unknown"])
def test_a_damaged_archive_is_refused_and_the_database_is_untouched(damage, admin_user, officer, media, tmp_path):
    Notification.objects.create(recipient=admin_user, key="a", title="Dữ liệu trước khi khôi phục")
    good = tmp_path / "tot.zip"
    create_backup(good)
    bad = tmp_path / "hong.zip"
    raw = good.read_bytes()
    if damage == "truncated-file":
        bad.write_bytes(raw[: len(raw) * 2 // 3])
    elif damage == "flipped-bytes":
        with zipfile.ZipFile(good) as z:
            offset = z.getinfo("data.jsonl").header_offset + 200
        bad.write_bytes(raw[:offset] + bytes(b ^ 0xFF for b in raw[offset : offset + 64]) + raw[offset + 64 :])
    else:
        change = {"truncated-row": _truncate_last_row, "missing-row": _drop_last_row, "unknown": _unknown_model}
        _rewrite(good, bad, change[damage])
    # Work done after the backup, which a refused restore must not lose.
    Notification.objects.create(recipient=officer, key="b", title="Việc làm sau khi sao lưu")
    (media / "moi.pdf").write_bytes(b"%PDF moi")
    before = snapshot()

    with pytest.raises(DomainError) as error:
        restore_backup(bad)
    message = str(error.value.message)
    assert "sao lưu" in message and ("hỏng" in message or "không khớp" in message), message
    assert snapshot() == before
    assert (media / "moi.pdf").read_bytes() == b"%PDF moi"
    assert backup.verify_backup(good)["rows"] > 0


def test_restore_command_refuses_a_damaged_archive_in_vietnamese(admin_user, media, tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "hong.zip"
    create_backup(tmp_path / "tot.zip")
    bad.write_bytes((tmp_path / "tot.zip").read_bytes()[:300])
    with pytest.raises(CommandError, match="hỏng"):
        call_command("restore", str(bad), "--noinput", stdout=io.StringIO())
    assert admin_user.__class__.objects.filter(pk=admin_user.pk).exists()


def test_the_commands_back_up_check_and_restore(admin_user, media, tmp_path):
    from django.core.management.base import CommandError

    archive = tmp_path / "sao-luu.zip"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Đã sao lưu và kiểm tra lại" in out.getvalue()
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "đọc được đầy đủ" in out.getvalue()
    damaged = tmp_path / "hong.zip"
    _rewrite(archive, damaged, _drop_last_row)
    with pytest.raises(CommandError, match="không khớp"):
        call_command("restore", str(damaged), "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(archive), "--noinput", stdout=out)
    assert "Đã khôi phục" in out.getvalue()


def test_a_backup_in_the_first_format_still_restores(admin_user, media, tmp_path):
    """Archives written before rows were escaped (format 1: Django's JSON Lines, no counts)."""
    from django.core import serializers

    Notification.objects.create(recipient=admin_user, key="cu", title="Bản cũ\u2028hai dòng")
    archive = tmp_path / "cu.zip"
    create_backup(archive)
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        rows = [json.loads(line) for line in z.read("data.jsonl").split(b"\n") if line]
    objects = serializers.deserialize("python", rows)
    text = serializers.serialize("jsonl", [o.object for o in objects], use_natural_foreign_keys=True)
    old = {k: v for k, v in manifest.items() if k not in {"counts", "data_sha256", "files"}}
    with zipfile.ZipFile(tmp_path / "v1.zip", "w") as z:
        z.writestr("manifest.json", json.dumps({**old, "format_version": 1}))
        z.writestr("data.jsonl", text)
    Notification.objects.all().delete()
    restore_backup(tmp_path / "v1.zip")
    assert Notification.objects.get(key="cu").title == "Bản cũ\u2028hai dòng"


def test_a_backup_made_before_the_legal_documents_moved_still_restores(admin_user, media, tmp_path):
    """Before the legal app, the documents, their history and permissions were labelled ``quality``."""
    import hashlib

    from django.contrib.auth.models import Group, Permission

    from investdesk.legal import services as legal
    from investdesk.legal.models import LegalDocument
    from investdesk.procedures.models import Procedure

    procedure = Procedure.objects.create(code="thu-tuc-sao-luu", name="Thủ tục", statutory_days=15)
    document = LegalDocument(number="9/2026/NĐ-CP", kind="decree", issuer="Chính phủ", title="Nghị định")
    admin_user.user_permissions.add(Permission.objects.get(codename="manage_legal_documents"))
    admin_user = type(admin_user).objects.get(pk=admin_user.pk)
    legal.save_document(admin_user, document, procedures=[procedure])
    group = Group.objects.create(name="giu-van-ban")
    group.permissions.add(Permission.objects.get(codename="change_legaldocument"))
    archive = tmp_path / "moi.zip"
    create_backup(archive)
    with zipfile.ZipFile(archive) as z:
        manifest = json.loads(z.read("manifest.json"))
        data = z.read("data.jsonl")
    for label in ("legaldocument", "historicallegaldocument"):
        data = data.replace(f'"legal.{label}"'.encode(), f'"quality.{label}"'.encode())
        data = data.replace(f'"legal","{label}"'.encode(), f'"quality","{label}"'.encode())
    assert b'"quality.legaldocument"' in data and b'"quality","legaldocument"' in data
    manifest["counts"] = {label.replace("legal.", "quality."): n for label, n in manifest["counts"].items()}
    manifest["data_sha256"] = hashlib.sha256(data).hexdigest()
    manifest["migrations"] = [
        m
        for m in manifest["migrations"]
        if not m.startswith("legal.") and m != "quality.0003_legal_documents_to_legal_app"
    ]
    with zipfile.ZipFile(tmp_path / "truoc.zip", "w") as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr("data.jsonl", data)
    LegalDocument.objects.all().delete()
    Group.objects.filter(name="giu-van-ban").delete()

    restore_backup(tmp_path / "truoc.zip")

    restored = LegalDocument.objects.get(number="9/2026/NĐ-CP")
    assert list(restored.procedures.values_list("code", flat=True)) == ["thu-tuc-sao-luu"]
    assert restored.history.count() == 1
    kept = Group.objects.get(name="giu-van-ban").permissions.get()
    assert (kept.content_type.app_label, kept.codename) == ("legal", "change_legaldocument")
