"""English screens keep the Vietnamese date and number layout: the records are Vietnamese."""

from investdesk.formats.vi.formats import *  # noqa: F403
