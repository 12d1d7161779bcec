"""Signal wiring for accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

# Django's own receiver saves the whole user, which would add a history row at every sign-in.
user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")


@receiver(user_logged_in, dispatch_uid="investdesk_last_login")
def record_last_login(sender, user, **kwargs):
    get_user_model().objects.filter(pk=user.pk).update(last_login=timezone.now())
