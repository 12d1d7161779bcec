"""Template context of the dossiers app: whether the person has any dossier to see (for the menu)."""

from django.utils.functional import SimpleLazyObject

from .access import sees_dossiers


def dossier_scope(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"SEES_DOSSIERS": SimpleLazyObject(lambda: sees_dossiers(user))}
