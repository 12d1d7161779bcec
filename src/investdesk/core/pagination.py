"""A list's page count that does not read a million rows to say how many there are.

An unfiltered list at ten times a province is a million dossiers: its exact ``COUNT(*)`` was most
of the page's database time (68 ms of 80 on PostgreSQL, read through an index), and a broad search
("thuy san nha trang", 15,600 matches) counted every match. Nobody pages through thousands of rows:
past ``LIST_COUNT_CAP`` the list says "more than N" and asks for a filter, and the count stops
reading there (``COUNT`` over ``LIMIT N + 1``). Below the cap the count is exact, as before. The
API keeps its exact ``count`` (API.md).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

MAX_PAGE_SIZE = 200


class CappedPaginator(Paginator):
    """``count`` is exact up to ``LIST_COUNT_CAP``; beyond, it is the cap and ``capped`` is true
    (the pages stop there). One query either way."""

    _capped = False

    def __init__(self, object_list, per_page, *args, **kwargs):
        # ``?per_page=`` comes from the address: a page of at least one row and at most
        # ``MAX_PAGE_SIZE`` (a negative size made every list answer 500; a huge one reads a huge page).
        try:
            per_page = int(per_page)
        except (TypeError, ValueError):
            per_page = settings.LIST_PAGE_SIZE
        super().__init__(object_list, min(max(per_page, 1), MAX_PAGE_SIZE), *args, **kwargs)

    @cached_property
    def count(self) -> int:
        cap = settings.LIST_COUNT_CAP
        queryset = _queryset(self.object_list)
        if not cap or queryset is None:
            return super().count
        # Unordered: which rows fill the cap does not matter, and an ordering would make the database
        # walk the sort index instead of the filter's.
        found = queryset.order_by()[: cap + 1].count()
        self._capped = found > cap
        return min(found, cap)

    @property
    def capped(self) -> bool:
        return self.count is not None and self._capped


def _queryset(rows) -> QuerySet | None:
    """The queryset behind a page's rows: a table's rows (django-tables2 wraps its data twice) or a
    queryset given as it is."""
    if isinstance(rows, QuerySet):
        return rows
    data = getattr(getattr(rows, "data", None), "data", None)
    return data if isinstance(data, QuerySet) else None
