"""A consistent copy of the whole database and uploaded files, and its restoration.

The archive is a zip holding ``manifest.json``, ``data.jsonl`` (Django's serialised rows, one per
line, primary keys kept so links and API ids survive) and ``media/``. The same format serves
SQLite and PostgreSQL, so a backup also moves an installation from one to the other.

Consistency while the system runs: every row is read inside one read transaction, which is a
snapshot. On SQLite in WAL mode a DEFERRED transaction reads a fixed snapshot without taking the
write lock, so people keep working during the backup (the IMMEDIATE mode used everywhere else
would stop every writer until the backup ends); on PostgreSQL it is REPEATABLE READ, READ ONLY.
"""

import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import DomainError

FORMAT = "investdesk-backup"
FORMAT_VERSION = 1
# Rebuilt by ``migrate``/``flush`` or meaningless in another installation.
EXCLUDED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "core.workerheartbeat",
}
CHUNK = 2000

Progress = Callable[[int, int | None, str | None], None]


def _models_to_dump():
    # Many-to-many links travel with the model that declares them, as in ``dumpdata``.
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in EXCLUDED_MODELS or model._meta.proxy or not model._meta.managed:
            continue
        yield model


def _ordered_models():
    """Models in an order where every foreign key points at rows already written."""
    models = list(_models_to_dump())
    ordered, seen = [], set()

    def visit(model, stack=()):
        if model in seen or model in stack:
            return
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            target = getattr(field, "related_model", None)
            if target is not None and target in models and target is not model:
                visit(target, (*stack, model))
        seen.add(model)
        ordered.append(model)

    for model in sorted(models, key=lambda m: m._meta.label_lower):
        visit(model)
    return ordered


def _applied_migrations(alias: str) -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _write_rows(alias: str, out, progress: Progress | None) -> int:
    models = _ordered_models()
    total = sum(model._base_manager.using(alias).count() for model in models)
    written = 0
    for model in models:
        queryset = model._base_manager.using(alias).order_by("pk")
        last_pk = None
        while True:
            chunk = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            rows = list(chunk[:CHUNK])
            if not rows:
                break
            text = serializers.serialize("jsonl", rows, use_natural_foreign_keys=True)
            out.write(text if text.endswith("\n") else text + "\n")
            last_pk = rows[-1].pk
            written += len(rows)
            if progress:
                progress(written, total, None)
    return written


@contextmanager
def _read_snapshot(alias: str = DEFAULT_DB_ALIAS):
    """One transaction that sees the database as it was when it began."""
    connection = connections[alias]
    outermost = not connection.in_atomic_block
    if connection.vendor == "sqlite":
        mode = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic(using=alias):
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic(using=alias):
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def create_backup(path: str | Path, progress: Progress | None = None) -> dict:
    """Writes the archive to ``path`` and returns its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    default = connections[DEFAULT_DB_ALIAS]
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as workdir:
        data_path = Path(workdir) / "data.jsonl"
        with _read_snapshot(), data_path.open("w", encoding="utf-8") as out:
            rows = _write_rows(DEFAULT_DB_ALIAS, out, progress)
            migrations = _applied_migrations(DEFAULT_DB_ALIAS)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": default.vendor,
            "rows": rows,
            "migrations": migrations,
        }
        tmp_archive = path.with_suffix(path.suffix + ".part")
        with zipfile.ZipFile(tmp_archive, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.write(data_path, "data.jsonl")
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.exists():
                for file in sorted(media_root.rglob("*")):
                    # Earlier backups kept as job results are not copied into the new one.
                    if file.is_file() and "backups" not in file.relative_to(media_root).parts:
                        archive.write(file, f"media/{file.relative_to(media_root).as_posix()}")
        tmp_archive.replace(path)
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise DomainError(_("Tệp không phải là bản sao lưu của InvestDesk.")) from error
    if manifest.get("format") != FORMAT:
        raise DomainError(_("Tệp không phải là bản sao lưu của InvestDesk."))
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise DomainError(_("Bản sao lưu được tạo bởi phiên bản mới hơn của hệ thống."))
    return manifest


def restore_backup(path: str | Path, progress: Progress | None = None) -> dict:
    """Replaces every row and uploaded file with the archive's, all or nothing for the rows.

    The database schema must be at least as new as the backup's: run ``migrate`` first (restoring
    into an older schema would lose columns, so it is refused).
    """
    path = Path(path)
    if not path.is_file():
        raise DomainError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": path})
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise DomainError(_("Tệp sao lưu bị hỏng hoặc không đúng định dạng.")) from error
    with archive:
        manifest = read_manifest(archive)
        missing = set(manifest.get("migrations", [])) - set(_applied_migrations(DEFAULT_DB_ALIAS))
        if missing:
            raise DomainError(
                _('Cơ sở dữ liệu cũ hơn bản sao lưu; hãy chạy "investdesk migrate" trước. Thiếu: %(m)s')
                % {"m": ", ".join(sorted(missing)[:5])}
            )
        total = manifest.get("rows")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            loaded = 0
            deferred = []
            with archive.open("data.jsonl") as raw:
                batch: list[str] = []
                for line in raw:
                    batch.append(line.decode("utf-8"))
                    if len(batch) >= CHUNK:
                        loaded += _load(batch, deferred)
                        batch = []
                        if progress:
                            progress(loaded, total, None)
                if batch:
                    loaded += _load(batch, deferred)
            # Links to rows that came later in the file, as loaddata resolves them.
            for obj in deferred:
                obj.save_deferred_fields()
            _reset_sequences()
        media_root = Path(settings.MEDIA_ROOT)
        staging = Path(tempfile.mkdtemp(dir=settings.VAR_DIR, prefix="restore-media-"))
        for member in archive.namelist():
            if member.startswith("media/") and not member.endswith("/"):
                relative = Path(member[len("media/") :])
                if relative.is_absolute() or ".." in relative.parts:
                    continue
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, target.open("wb") as destination:
                    shutil.copyfileobj(source, destination)
        backups = media_root / "backups"
        if backups.exists():
            shutil.move(str(backups), str(staging / "backups"))
        if media_root.exists():
            shutil.rmtree(media_root)
        staging.replace(media_root)
    if progress:
        progress(loaded, loaded, None)
    return {**manifest, "restored_rows": loaded}


def _load(lines: list[str], deferred: list) -> int:
    count = 0
    for obj in serializers.deserialize("jsonl", "".join(lines), handle_forward_references=True):
        obj.save()
        if obj.deferred_fields:
            deferred.append(obj)
        count += 1
    return count


def _reset_sequences() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), list(_models_to_dump()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
