"""Whoever kept the legal documents keeps them after the move, without waiting for a seed.

Editing them needed ``quality.manage_quality``; it now needs ``legal.manage_legal_documents``. The
role groups get it from ``investdesk seed``, but a person or a custom group given the quality
permission by hand would lose the right after a bare ``migrate``: this grants the new permission to
every user and group that holds the old one.
"""

from django.db import migrations

NAME = "Cập nhật văn bản pháp luật"


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    old = Permission.objects.using(db).filter(content_type__app_label="quality", codename="manage_quality").first()
    if old is None:
        return  # a fresh database: the seed grants the new permission to the roles
    content_type, _ = ContentType.objects.using(db).get_or_create(app_label="legal", model="legaldocument")
    new, _ = Permission.objects.using(db).get_or_create(
        content_type=content_type, codename="manage_legal_documents", defaults={"name": NAME}
    )
    for group in Group.objects.using(db).filter(permissions=old):
        group.permissions.add(new)
    for user in User.objects.using(db).filter(user_permissions=old):
        user.user_permissions.add(new)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0002_own_table_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
