"""Writing many new rows at once, with their history, faster than ``bulk_create``.

``bulk_create`` rebuilds one large SQL string per batch and asks for the new keys back; for an
import of a hundred thousand rows that costs more than the database work. Here one INSERT with
placeholders is prepared once and run with ``executemany`` over plain tuples; the history rows
(django-simple-history's model, "+" = created) are written the same way, so an import leaves exactly
the history a one-by-one save would, with who and why.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, DateTimeField, Model
from django.utils import timezone


def _columns(model: type[Model], *, with_keys: bool = False) -> list:
    return [
        field for field in model._meta.concrete_fields if with_keys or not isinstance(field, AutoField | BigAutoField)
    ]


def insert_rows(model: type[Model], objects: Sequence[Model]) -> None:
    """INSERT ``objects`` (new, unsaved) without asking for their keys back."""
    if not objects:
        return
    fields = _columns(model)
    stamped = [field for field in fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    for obj in objects:
        for field in stamped:
            field.pre_save(obj, add=True)  # sets created_at / updated_at as save() would
    _insert(model, fields, ([getattr(obj, field.attname) for field in fields] for obj in objects))


def insert_values(model: type[Model], rows: Sequence[dict], *, with_keys: bool = False) -> None:
    """INSERT ``rows``, each a dict of attribute names to values (a missing one takes the field's
    default), with no model instance built: for many rows of a table no one reads but the code.
    ``with_keys``: the rows carry their own primary keys (``id``), so related rows can be written in
    the same pass without reading keys back; on PostgreSQL the caller then resets the sequence."""
    if not rows:
        return
    fields = _columns(model, with_keys=with_keys)
    defaults = {field.attname: field.get_default() for field in fields}
    _insert(model, fields, ([row.get(name, defaults[name]) for name in defaults] for row in rows))


# Types every driver takes as they are: an adapter per value would cost more than the database write
# (a million dossiers and six million steps are tens of millions of values).
AS_THEY_ARE = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _adapters(fields: list, connection) -> list:
    # Datetimes are the one common type the drivers can't take as they are (time zone handling);
    # PostgreSQL's driver takes aware datetimes itself.
    postgresql = connection.vendor == "postgresql"
    adapters = []
    for field in fields:
        kind = field.get_internal_type()
        if (isinstance(field, DateTimeField) and postgresql) or kind in AS_THEY_ARE:
            adapters.append(None)
        elif isinstance(field, DateTimeField):
            adapters.append(_sqlite_datetime(connection))
        elif kind == "DecimalField":
            # A Decimal goes through unchanged (Django's own adaptation returns it as it is).
            adapters.append(
                lambda value, f=field: (
                    value if value is None or type(value) is Decimal else f.get_db_prep_save(value, connection)
                )
            )
        else:
            adapters.append(lambda value, f=field: f.get_db_prep_save(value, connection))
    return adapters


def _sqlite_datetime(connection):
    """What ``adapt_datetimefield_value`` gives (an aware value as naive text in the connection's
    zone), without its checks per value: a third of a bulk load's time went there."""
    adapt = connection.ops.adapt_datetimefield_value
    zone = connection.timezone

    def convert(value):
        if type(value) is datetime and value.tzinfo is not None:
            return str(value.astimezone(zone).replace(tzinfo=None))
        return adapt(value) if value else value

    return convert


def _insert(model: type[Model], fields: list, values: Iterable[list]) -> None:
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    postgresql = connection.vendor == "postgresql"
    adapters = _adapters(fields, connection)
    rows = [
        tuple(adapt(value) if adapt else value for value, adapt in zip(row, adapters, strict=True)) for row in values
    ]
    with connection.cursor() as cursor:
        if postgresql:
            # COPY streams the rows in one round trip; INSERT … executemany waits on each batch.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def update_rows(model: type[Model], objects: Sequence[Model], names: Sequence[str]) -> None:
    """UPDATE the fields ``names`` of saved ``objects`` to their values on the instances: one
    statement prepared once and run over plain tuples, where ``bulk_update`` builds a CASE per field
    and row (minutes for ten thousand rows). Sets no ``auto_now`` field: the caller does."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    adapters = _adapters(fields, connection)
    key = model._meta.pk
    rows = [
        (
            *(
                adapt(value) if adapt else value
                for value, adapt in zip((getattr(obj, f.attname) for f in fields), adapters, strict=True)
            ),
            key.get_db_prep_value(obj.pk, connection),
        )
        for obj in objects
    ]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    statement = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(key.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def insert_history(model: type[Model], objects: Iterable[Model], *, user, reason: str, history_type: str = "+") -> None:
    """The history row of each saved object as django-simple-history records it: "+" for one just
    created, "~" for one just changed (its new state)."""
    history_model = model.history.model
    own = {field.attname for field in model._meta.concrete_fields}
    tracked = [field.attname for field in history_model._meta.concrete_fields if field.attname in own]
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    # Plain rows, not model instances: building ten thousand historical instances costs more than
    # writing them (their date fields carry no auto_now, so nothing is stamped on the way).
    insert_values(
        history_model,
        [
            {
                "history_date": now,
                "history_type": history_type,
                "history_user_id": user_id,
                "history_change_reason": reason,
                **{name: getattr(obj, name) for name in tracked},
            }
            for obj in objects
        ],
    )
