"""The years the system works in: 2000–2100.

The working calendar is built for 1999–2101 so that every day of these years has neighbours on both
sides; a year or date that a person or another system sends is checked against this range before it
reaches the calendar, the statistics or the database (a date near year 1 or 9999 would overflow a
period's bounds). Pages, forms and the API all use the checks below.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .exceptions import DomainError

MIN_YEAR, MAX_YEAR = 2000, 2100


def year_range_message() -> str:
    return _("Năm phải trong khoảng %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}


def date_range_message() -> str:
    return _("Ngày phải thuộc các năm %(a)s–%(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def check_year(year: int, *, field: str = "year") -> int:
    """``year`` itself, or a ``DomainError`` (400 on the API) naming ``field``."""
    if not year_in_range(year):
        raise DomainError(year_range_message(), field=field)
    return year


def check_date(day: date | datetime, *, field: str) -> date | datetime:
    """``day`` itself when its year is in range, else a ``DomainError`` naming ``field``."""
    if not year_in_range(day.year):
        raise DomainError(date_range_message(), field=field)
    return day


def validate_date_in_range(day: date | datetime) -> None:
    """The same check as a form field validator."""
    if day is not None and not year_in_range(day.year):
        raise ValidationError(date_range_message(), code="out_of_range")
