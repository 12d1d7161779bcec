"""Django's admin opens every registered model for a superuser (maintenance work only)."""

import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db


def test_every_admin_list_opens(client, seeded, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.invalid", "Mot-mat-khau-dai-2026")
    root.full_name = "Root"
    root.save()
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
