"""What the dossier's history tab adds to the generic one: the note written with each step.

Completing a step saves the step (with the person's note) and then the dossier, in one transaction
and by the same person; the dossier's record alone would show "no field changed". The step's
record saved within a moment of it, by the same person, carries the note."""

from datetime import timedelta

from .models import Step

SAME_SAVE = timedelta(seconds=5)


def step_notes(dossier):
    def notes(records) -> dict[int, str]:
        dates = [record.history_date for record in records]
        written = list(
            Step.history.filter(
                dossier_id=dossier.pk,
                history_type="~",
                finished_at__isnull=False,
                history_date__gte=min(dates) - SAME_SAVE,
                history_date__lte=max(dates) + SAME_SAVE,
            )
            .exclude(note="")
            .values_list("history_date", "history_user_id", "note")
        )
        found = {}
        for record in records:
            near = [
                (abs(when - record.history_date), note)
                for when, user_id, note in written
                if user_id == record.history_user_id and abs(when - record.history_date) <= SAME_SAVE
            ]
            if near:
                found[record.history_id] = min(near)[1]
        return found

    return notes
