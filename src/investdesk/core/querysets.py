"""The one way rows are read on behalf of a person: ``Model.objects.restrict(user, action)``."""

from django.db import models

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
