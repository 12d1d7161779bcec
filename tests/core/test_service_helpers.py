"""The shared helpers services and filtersets use."""

import pytest

from investdesk.core.exceptions import DomainError
from investdesk.core.filters import FlagInput
from investdesk.core.services import record_change, required_text


def test_required_text_strips_or_refuses_naming_the_field():
    assert required_text("  Nghỉ bù  ", "Hãy ghi lý do.", field="reason") == "Nghỉ bù"
    for blank in (None, "", "   \n"):
        with pytest.raises(DomainError) as refused:
            required_text(blank, "Hãy ghi lý do.", field="reason")
        assert (refused.value.field, str(refused.value.message)) == ("reason", "Hãy ghi lý do.")


class _Row:
    pass


class _Actor:
    def __init__(self, authenticated):
        self.is_authenticated = authenticated


def test_record_change_names_a_signed_in_actor_and_the_reason():
    row, actor = _Row(), _Actor(True)
    record_change(row, actor, "Mở năm")
    assert row._history_user is actor and row._change_reason == "Mở năm"
    anonymous = _Row()
    record_change(anonymous, _Actor(False))
    assert not hasattr(anonymous, "_history_user") and not hasattr(anonymous, "_change_reason")


@pytest.mark.parametrize(
    ("sent", "read"),
    [("1", True), ("true", True), ("on", True), ("TRUE", True), ("0", False), ("false", False), ("có", None)],
)
def test_a_flag_reads_what_pages_and_programs_send(sent, read):
    assert FlagInput().value_from_datadict({"overdue": sent}, {}, "overdue") is read
    assert FlagInput().value_from_datadict({}, {}, "overdue") is None
