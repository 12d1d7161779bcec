"""Quality objectives (Table 1): the year's list, an objective with its milestones, reviews and
evidence, and its edit and history pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investdesk.core import generic

from .. import indicators, overview, services
from ..forms import EvidenceForm, MilestoneForm, ObjectiveForm, ObjectiveReviewForm
from ..models import Milestone, Objective
from .common import InYear, plan_of, shows_unopened_years

TABS = generic.info_history_tabs("quality:objective_history")


@shows_unopened_years
def objectives(request, year: int):
    plan = plan_of(year)
    return render(
        request,
        "quality/objectives.html",
        {
            "plan": plan,
            "objectives": overview.objectives_with_readings(plan),
            "can_manage": services.can_manage(request.user),
            "title": _("Mục tiêu chất lượng năm %(y)s") % {"y": year},
        },
    )


class ObjectiveDetailView(generic.ObjectDetailView):
    model = Objective
    select_related = ("plan", "owner")
    context_object_name = "objective"
    template_name = "quality/objective_detail.html"
    tabs = TABS

    def get_title(self, objective):
        return _("Mục tiêu %(n)s năm %(y)s") % {"n": objective.number, "y": objective.plan.year}

    def get_extra_context(self, objective):
        can_manage = services.can_manage(self.request.user)
        return {
            "plan": objective.plan,
            "reading": indicators.read(objective),
            "milestones": objective.milestones.all(),
            "reviews": objective.reviews.select_related("reviewer"),
            "evidence": objective.evidence.select_related("added_by"),
            "actions": objective.actions.select_related("owner"),
            "can_manage": can_manage,
            "milestone_form": MilestoneForm(),
            "review_form": ObjectiveReviewForm(),
            "evidence_form": EvidenceForm() if can_manage else None,
        }


class ObjectiveEditView(InYear, generic.ObjectEditView):
    model = Objective
    form_class = ObjectiveForm
    service = services.save_objective
    template_name = "quality/form.html"
    success_message = _("Đã lưu mục tiêu.")

    def get_queryset(self):
        return super().get_queryset().filter(plan=self.plan)

    def new_object(self):
        return Objective(plan=self.plan)

    def get_title(self, objective):
        if objective.pk:
            return _("Sửa mục tiêu %(n)s") % {"n": objective.number}
        return _("Thêm mục tiêu năm %(y)s") % {"y": self.plan.year}


OBJECTIVE_FORMS = {"milestone": MilestoneForm, "review": ObjectiveReviewForm, "evidence": EvidenceForm}


@require_POST
def objective_action(request, pk: int, action: str):
    """Milestones, quarterly reviews and evidence of an objective (each through its service)."""
    objective = get_object_or_404(Objective.objects.restrict(request.user), pk=pk)
    if action not in OBJECTIVE_FORMS:
        raise Http404
    form = OBJECTIVE_FORMS[action](request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy điền đủ các ô bắt buộc."))
        return redirect(objective)
    data = form.cleaned_data

    def record():
        if action == "milestone":
            services.add_milestone(request.user, objective, title=data["title"], due_on=data["due_on"])
        elif action == "review":
            services.review_objective(request.user, objective, quarter=data["quarter"], comment=data["comment"])
        else:
            services.add_evidence(
                request.user, objective=objective, title=data["title"], link=data["link"], upload=data["file"]
            )

    generic.perform(request, record, _("Đã ghi."))
    return redirect(objective)


@require_POST
def milestone_toggle(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.restrict(request.user).select_related("objective"), pk=pk)
    done_on = None if milestone.done_on else timezone.localdate()
    generic.perform(request, lambda: services.set_milestone_done(request.user, milestone, done_on))
    return redirect(milestone.objective)


class ObjectiveHistoryView(generic.ObjectHistoryView):
    model = Objective
    tabs = TABS
