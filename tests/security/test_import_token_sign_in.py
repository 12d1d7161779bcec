"""Signing in with an API token needs no write the request must wait for: while another transaction
holds the database (an import publishing, say), a token whose last use is due to be recorded still
signs in; the record waits for a later request."""

import pytest

from investdesk.accounts import services
from investdesk.accounts.models import ApiToken
from tests.dossiers.test_import_concurrency import answer, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_token_signs_in_while_another_transaction_holds_the_database(officer, tmp_path):
    raw = services.create_api_token(officer, name="liên thông", days=30)[1]
    ApiToken.objects.update(last_used_at=None)
    found = answer(
        run_worker(
            tmp_path,
            f"""
            from django.db import transaction
            from investdesk.accounts.models import ApiToken
            from investdesk.accounts.services import user_for_token

            holding, release = threading.Event(), threading.Event()

            def hold_the_database():
                with transaction.atomic():
                    ApiToken.objects.select_for_update().update(name="đang sửa")
                    holding.set()
                    release.wait(60)
                connection.close()

            other = threading.Thread(target=hold_the_database)
            other.start()
            holding.wait(60)
            try:
                person = user_for_token({raw!r})
                seen = {{"user": person.username if person else None}}
            except Exception as error:
                seen = {{"user": f"failed: {{error}}"}}
            release.set()
            other.join()
            print(json.dumps(seen))
            """,
        )
    )
    assert found == {"user": officer.username}
