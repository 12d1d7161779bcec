"""A consistent copy of the whole database and uploaded files, and its restoration.

The archive is a zip holding ``manifest.json``, ``data.jsonl`` (Django's serialised rows, one per
line, primary keys kept so links and API ids survive) and ``media/``. The same format serves
SQLite and PostgreSQL, so a backup also moves an installation from one to the other.

Any text must come back as it went in. Each row is written as JSON with every non-ASCII character
escaped, so a line break inside text (U+2028, U+2029, U+0085 are line breaks to Python's
``splitlines``) can never split a row, and the reader splits on "\n" alone. Times keep their
microseconds (Django's JSON encoder keeps milliseconds only, as ECMAScript does).

A backup is trusted only once it has been read back: after writing, the archive is re-read, every
row parsed and counted against the manifest; an archive that fails is deleted and the backup
reported as failed. A restore runs the same check before it replaces anything, so a damaged file is
refused while the current data stays as it is.

Consistency while the system runs: every row is read inside one read transaction, which is a
snapshot. On SQLite in WAL mode a DEFERRED transaction reads a fixed snapshot without taking the
write lock, so people keep working during the backup (the IMMEDIATE mode used everywhere else
would stop every writer until the backup ends); on PostgreSQL it is REPEATABLE READ, READ ONLY.
"""

import datetime
import hashlib
import json
import shutil
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import DomainError

FORMAT = "investdesk-backup"
# 2: non-ASCII escaped, microseconds kept, rows counted per model and hashed in the manifest.
FORMAT_VERSION = 2
# Rebuilt by ``migrate``/``flush`` or meaningless in another installation.
EXCLUDED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "core.workerheartbeat",
}
CHUNK = 2000
# Models that moved to another app: a backup made before the move names them, and the
# permissions on them, by their former app.
MOVED_MODELS = {
    "quality.legaldocument": "legal.legaldocument",
    "quality.historicallegaldocument": "legal.historicallegaldocument",
}

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


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time) and not timezone.is_aware(o):
            return o.isoformat()
        return super().default(o)


def _encode_row(row: dict) -> bytes:
    return json.dumps(row, cls=_ExactEncoder, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"


def _write_rows(alias: str, out, progress: Progress | None) -> Counter:
    """Writes every row and returns how many each model has (by ``app_label.model_name``)."""
    models = _ordered_models()
    total = sum(model._base_manager.using(alias).count() for model in models)
    counts: Counter = Counter()
    written = 0
    for model in models:
        queryset = model._base_manager.using(alias).order_by("pk")
        last_pk = None
        while True:
            chunk = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            rows = list(chunk[:CHUNK])
            if not rows:
                break
            for row in serializers.serialize("python", rows, use_natural_foreign_keys=True):
                out.write(_encode_row(row))
            last_pk = rows[-1].pk
            counts[model._meta.label_lower] += len(rows)
            written += len(rows)
            if progress:
                progress(written, total, None)
    return counts


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
    """Writes the archive to ``path``, reads it back, and returns its manifest.

    The archive only takes the name ``path`` once it has read back completely; a backup that does
    not raises ``DomainError`` and leaves nothing behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    default = connections[DEFAULT_DB_ALIAS]
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as workdir:
        data_path = Path(workdir) / "data.jsonl"
        with _read_snapshot(), data_path.open("wb") as out:
            counts = _write_rows(DEFAULT_DB_ALIAS, out, progress)
            migrations = _applied_migrations(DEFAULT_DB_ALIAS)
        digest = hashlib.sha256()
        with data_path.open("rb") as written:
            for block in iter(lambda: written.read(1 << 20), b""):
                digest.update(block)
        media_root = Path(settings.MEDIA_ROOT)
        # Earlier backups kept as job results are not copied into the new one.
        files = (
            [
                file
                for file in sorted(media_root.rglob("*"))
                if file.is_file() and "backups" not in file.relative_to(media_root).parts
            ]
            if media_root.exists()
            else []
        )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": default.vendor,
            "rows": sum(counts.values()),
            "counts": dict(sorted(counts.items())),
            "data_sha256": digest.hexdigest(),
            "files": len(files),
            "migrations": migrations,
        }
        tmp_archive = path.with_suffix(path.suffix + ".part")
        try:
            with zipfile.ZipFile(tmp_archive, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(data_path, "data.jsonl")
                for file in files:
                    archive.write(file, f"media/{file.relative_to(media_root).as_posix()}")
            verify_backup(tmp_archive)
        except BaseException as error:
            tmp_archive.unlink(missing_ok=True)  # a half-written archive must not look like a backup
            if not isinstance(error, DomainError | OSError):
                raise
            reason = error.message if isinstance(error, DomainError) else str(error)
            raise DomainError(
                _("Sao lưu không thành công: tệp vừa ghi không đạt khi kiểm tra lại nên đã bị xóa. %(reason)s")
                % {"reason": reason}
            ) from error
        tmp_archive.replace(path)
    return manifest


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise DomainError(_("Tệp không phải là bản sao lưu của InvestDesk.")) from error
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise DomainError(_("Tệp sao lưu bị hỏng hoặc không đúng định dạng.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DomainError(_("Tệp không phải là bản sao lưu của InvestDesk."))
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise DomainError(_("Bản sao lưu được tạo bởi phiên bản mới hơn của hệ thống."))
    return manifest


@contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    if not path.is_file():
        raise DomainError(_("Không tìm thấy tệp sao lưu %(path)s.") % {"path": path})
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise DomainError(_("Tệp sao lưu bị hỏng hoặc không đúng định dạng.")) from error
    with archive:
        yield archive


def _rows(archive: zipfile.ZipFile, digest=None) -> Iterator[tuple[int, dict]]:
    """Each row of ``data.jsonl`` with its line number; splits on "\n" only."""
    with archive.open("data.jsonl") as raw:
        for number, line in enumerate(raw, start=1):
            if digest is not None:
                digest.update(line)
            if not line.strip():
                continue
            if not line.endswith(b"\n"):
                raise DomainError(_("Tệp sao lưu bị hỏng: dữ liệu bị cắt cụt ở dòng %(line)s.") % {"line": number})
            try:
                row = json.loads(line)
            except ValueError as error:
                raise DomainError(
                    _("Tệp sao lưu bị hỏng: dòng %(line)s của dữ liệu không đọc được.") % {"line": number}
                ) from error
            yield number, _current_labels(row)


def _current_labels(row):
    """``row`` with the labels of moved models (its own, and in natural keys of content types and
    permissions, which end with app label and model name) as they are now."""
    if not isinstance(row, dict):
        return row
    label = str(row.get("model", "")).lower()
    if label in MOVED_MODELS:
        row["model"] = MOVED_MODELS[label]
    fields = row.get("fields")
    if isinstance(fields, dict):
        for name, value in fields.items():
            if isinstance(value, list) and value and all(isinstance(key, list) for key in value):
                fields[name] = [_current_key(key) for key in value]
            elif isinstance(value, list):
                fields[name] = _current_key(value)
    return row


def _current_key(key: list) -> list:
    if len(key) >= 2 and all(isinstance(part, str) for part in key[-2:]):
        moved = MOVED_MODELS.get(f"{key[-2]}.{key[-1]}".lower())
        if moved:
            return [*key[:-2], *moved.split(".")]
    return key


def _check_row(number: int, row, dumped: set[str]) -> str:
    """The row names a model this installation backs up, and every field value converts."""
    bad = _("Tệp sao lưu bị hỏng: dòng %(line)s của dữ liệu không đọc được.") % {"line": number}
    if not isinstance(row, dict) or not isinstance(row.get("fields"), dict):
        raise DomainError(bad)
    label = str(row.get("model", "")).lower()
    if label not in dumped:
        raise DomainError(
            _("Tệp sao lưu bị hỏng: dòng %(line)s thuộc bảng %(model)s mà hệ thống không có.")
            % {"line": number, "model": label}
        )
    model = apps.get_model(label)
    for name, value in row["fields"].items():
        try:
            field = model._meta.get_field(name)
            if value is not None and not field.is_relation:
                field.to_python(value)
        except (FieldDoesNotExist, ValidationError, TypeError, ValueError) as error:
            raise DomainError(bad) from error
    return label


def _verify_rows(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Reads every row and checks the counts (and, from format 2, the digest) in the manifest."""
    dumped = {model._meta.label_lower for model in _models_to_dump()}
    counts: Counter = Counter()
    try:
        digest = hashlib.sha256()
        for number, row in _rows(archive, digest):
            counts[_check_row(number, row, dumped)] += 1
        for name in archive.namelist():
            if name.startswith("media/"):
                with archive.open(name) as member:  # reading to the end checks its CRC
                    while member.read(1 << 20):
                        pass
    except KeyError as error:
        raise DomainError(_("Tệp sao lưu bị hỏng: thiếu phần dữ liệu.")) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise DomainError(_("Tệp sao lưu bị hỏng hoặc không đúng định dạng.")) from error
    expected = manifest.get("counts")
    if expected is not None:
        expected = {MOVED_MODELS.get(label, label): count for label, count in expected.items()}
        for label in sorted(set(expected) | set(counts)):
            if counts[label] != expected.get(label, 0):
                raise DomainError(
                    _("Tệp sao lưu bị hỏng: bảng %(model)s có %(found)s bản ghi, không khớp với %(expected)s.")
                    % {"model": label, "found": counts[label], "expected": expected.get(label, 0)}
                )
    if sum(counts.values()) != manifest.get("rows"):
        raise DomainError(
            _("Tệp sao lưu bị hỏng: có %(found)s bản ghi, không khớp với %(expected)s ghi trong tệp.")
            % {"found": sum(counts.values()), "expected": manifest.get("rows")}
        )
    if "data_sha256" in manifest and digest.hexdigest() != manifest["data_sha256"]:
        raise DomainError(_("Tệp sao lưu bị hỏng: dữ liệu không khớp với mã kiểm tra ghi trong tệp."))
    if "files" in manifest:
        files = sum(1 for name in archive.namelist() if name.startswith("media/") and not name.endswith("/"))
        if files != manifest["files"]:
            raise DomainError(
                _("Tệp sao lưu bị hỏng: có %(found)s tệp đính kèm, không khớp với %(expected)s ghi trong tệp.")
                % {"found": files, "expected": manifest["files"]}
            )


def verify_backup(path: str | Path) -> dict:
    """Reads the whole archive and returns its manifest, or raises ``DomainError`` saying what is wrong."""
    with _open_archive(Path(path)) as archive:
        manifest = read_manifest(archive)
        _verify_rows(archive, manifest)
    return manifest


def restore_backup(path: str | Path, progress: Progress | None = None) -> dict:
    """Replaces every row and uploaded file with the archive's, all or nothing.

    The database schema must be at least as new as the backup's: run ``migrate`` first (restoring
    into an older schema would lose columns, so it is refused). The archive is read and checked in
    full before anything is replaced; a damaged one is refused and the current data kept.
    """
    path = Path(path)
    with _open_archive(path) as archive:
        manifest = read_manifest(archive)
        missing = set(manifest.get("migrations", [])) - set(_applied_migrations(DEFAULT_DB_ALIAS))
        if missing:
            raise DomainError(
                _('Cơ sở dữ liệu cũ hơn bản sao lưu; hãy chạy "investdesk migrate" trước. Thiếu: %(m)s')
                % {"m": ", ".join(sorted(missing)[:5])}
            )
        _verify_rows(archive, manifest)
        media_root = Path(settings.MEDIA_ROOT)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        # Next to the media folder, so that putting it in place is a rename on the same disk.
        staging = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".restore-media-"))
        try:
            _extract_media(archive, staging)
            loaded = _load_rows(archive, manifest, progress)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_media(staging, media_root)
    if progress:
        progress(loaded, loaded, None)
    return {**manifest, "restored_rows": loaded}


def _extract_media(archive: zipfile.ZipFile, staging: Path) -> None:
    for member in archive.namelist():
        if member.startswith("media/") and not member.endswith("/"):
            relative = Path(member[len("media/") :])
            if relative.is_absolute() or ".." in relative.parts:
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, target.open("wb") as destination:
                shutil.copyfileobj(source, destination)


def _load_rows(archive: zipfile.ZipFile, manifest: dict, progress: Progress | None) -> int:
    """Empties the database and loads the rows, in one transaction: on any error nothing changes."""
    total = manifest.get("rows")
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            loaded = 0
            deferred = []
            batch: list[dict] = []
            for _number, row in _rows(archive):
                batch.append(row)
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
    except DomainError:
        raise
    except Exception as error:
        raise DomainError(
            _("Không khôi phục được từ tệp sao lưu; dữ liệu hiện có được giữ nguyên. Chi tiết: %(error)s")
            % {"error": error}
        ) from error
    return loaded


def _swap_media(staging: Path, media_root: Path) -> None:
    """Puts the restored files in place; backups kept as job results stay."""
    backups = media_root / "backups"
    if backups.exists():
        shutil.move(str(backups), str(staging / "backups"))
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}-before-restore")
        shutil.rmtree(old, ignore_errors=True)
        media_root.replace(old)
        staging.replace(media_root)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.replace(media_root)


def _load(rows: list[dict], deferred: list) -> int:
    count = 0
    for obj in serializers.deserialize("python", rows, handle_forward_references=True):
        # The archive holds the history rows themselves. A raw save adds none, but setting a tracked
        # many-to-many field would (django-simple-history records m2m changes whatever the save).
        obj.object.skip_history_when_saving = True
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
