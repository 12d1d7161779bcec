"""``calendar_changed``: sent after a committed change to the working calendar.

Receivers (the dossiers module) recompute the due times of open work. ``dates`` lists the dates
whose status changed; ``None`` means the office hours changed, which moves every due time.
"""

from django.dispatch import Signal

calendar_changed = Signal()
