"""The one way rows are read on behalf of a person: ``Model.objects.restrict(user, action)``."""

from django.db import models
from django.db.models.query import ModelIterable

# The actions a page, an endpoint or a service asks rows for. A model's queryset may know more
# (dossiers: "act", "assign"); an action it does not know gives no rows.
VIEW, CHANGE, DELETE = "view", "change", "delete"


class RestrictedQuerySet(models.QuerySet):
    """Rows ``user`` may ``action``; models whose rows are not all visible to everyone override
    ``restrict``.

    The base rule: nobody signed out or deactivated gets a row; everyone signed in reads every row;
    changing or deleting needs the model's own Django permission (``app.change_model``). A model's
    rule narrows this by row (``Dossier``: a division head sees the division's) and may name its
    own actions. Every list, detail, endpoint and reading service goes through it, so a page
    cannot show a row its person may not see.

    A model whose records are kept by holders of one permission, whatever the change, names it in
    ``manage_permission``: changing or deleting then needs that one instead.
    """

    manage_permission: str | None = None
    _keyed_pages = False

    def keyed_pages(self):
        """This queryset, whose slices (a list's pages) are read in two steps: the page's keys in
        the list's order, then those rows with their related rows.

        A list whose filter selects many rows that the database must sort (a search for a common
        name: 15,600 dossiers at ten times a province) otherwise reads, joins and sorts every
        selected row with all its columns to keep fifty; the keys are sorted from narrow rows and
        only the page's rows are read in full. One more query per page, the same rows in the same
        order. Counting a slice (the paginator) is not affected."""
        clone = self._chain()
        clone._keyed_pages = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._keyed_pages = self._keyed_pages
        return clone

    def _fetch_all(self):
        if (
            self._result_cache is None
            and self._keyed_pages
            and self.query.is_sliced
            and self._iterable_class is ModelIterable
            and not self.query.annotations
        ):
            keys = list(self.values_list("pk", flat=True))
            rows = self.model._default_manager.using(self.db).filter(pk__in=keys).order_by()
            rows.query.select_related = self.query.select_related
            rows.query.deferred_loading = self.query.deferred_loading
            by_key = {row.pk: row for row in rows}
            self._result_cache = [by_key[key] for key in keys if key in by_key]
            if self._prefetch_related_lookups and not self._prefetch_done:
                self._prefetch_related_objects()
            return
        super()._fetch_all()

    def restrict(self, user, action: str = VIEW):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if action == VIEW:
            return self
        if action not in (CHANGE, DELETE):
            return self.none()
        meta = self.model._meta
        if user.has_perm(self.manage_permission or f"{meta.app_label}.{action}_{meta.model_name}"):
            return self
        return self.none()
