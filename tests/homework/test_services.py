"""The submission state machine, late flag, cut-off, extensions, versions, assignments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts.models import Activity
from homework import services
from homework.models import Assignment, MethodStep, Submission, SubmissionStatus
from omdomme.notifications.models import OutboxMail
from tests.factories import CohortFactory, CohortRoleFactory, EnrolmentFactory, MembershipFactory, UserFactory
from tests.homework.factories import AssignmentFactory, SubmissionFactory, add_version, pdf_upload, submitted


@pytest.fixture
def setup(db):
    cohort = CohortFactory()
    enrolment = EnrolmentFactory(cohort=cohort)
    contact = UserFactory(full_name="Tora Team", email="tora@kommune.no")
    MembershipFactory(organisation=enrolment.organisation, user=contact)
    staff = UserFactory(full_name="Stine Stab", is_staff=True)
    advisor = UserFactory(full_name="Rune Rådgiver", is_advisor=True, email="rune@example.no")
    CohortRoleFactory(cohort=cohort, user=advisor, role="advisor")
    now = timezone.now()
    assignment = AssignmentFactory(cohort=cohort, due_at=now + timedelta(days=2), cutoff_at=now + timedelta(days=4))
    submission = SubmissionFactory(assignment=assignment, organisation=enrolment.organisation)
    return {
        "cohort": cohort,
        "org": enrolment.organisation,
        "contact": contact,
        "staff": staff,
        "advisor": advisor,
        "assignment": assignment,
        "submission": submission,
        "now": now,
    }


def test_full_cycle(setup):
    s, contact, advisor = setup["submission"], setup["contact"], setup["advisor"]
    add_version(s, contact)
    s = services.submit(s, actor=contact)
    assert (s.status, s.is_late, s.submitted_by) == (SubmissionStatus.SUBMITTED, False, contact)
    s = services.return_for_revision(s, message="Utdyp målgruppene.", actor=advisor)
    assert s.status == SubmissionStatus.RETURNED
    assert list(s.feedback.values_list("body", "side")) == [("Utdyp målgruppene.", "course")]
    add_version(s, contact, replaces=s.files.get())
    s = services.submit(s, actor=contact)
    assert s.status == SubmissionStatus.RESUBMITTED
    s = services.approve(s, actor=advisor)
    assert (s.status, s.approved_by) == (SubmissionStatus.APPROVED, advisor)
    verbs = list(
        Activity.objects.filter(target_type="homework.submission", target_id=s.pk)
        .order_by("created_at", "pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["homework.submitted", "homework.returned", "homework.resubmitted", "homework.approved"]


@pytest.mark.parametrize(
    "status, operation",
    [
        (SubmissionStatus.SUBMITTED, "submit"),
        (SubmissionStatus.APPROVED, "submit"),
        (SubmissionStatus.RESUBMITTED, "submit"),
        (SubmissionStatus.DRAFT, "approve"),
        (SubmissionStatus.RETURNED, "approve"),
        (SubmissionStatus.APPROVED, "approve"),
        (SubmissionStatus.DRAFT, "return_for_revision"),
        (SubmissionStatus.APPROVED, "return_for_revision"),
        (SubmissionStatus.RETURNED, "return_for_revision"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_error(setup, status, operation):
    s = setup["submission"]
    Submission.objects.filter(pk=s.pk).update(status=status, submitted_at=setup["now"])
    actor = setup["contact"] if operation == "submit" else setup["advisor"]
    with pytest.raises(services.TransitionError) as error:
        getattr(services, operation)(s, actor=actor)
    assert str(SubmissionStatus(status).label).lower() in error.value.messages[0].lower()
    s.refresh_from_db()
    assert s.status == status


def test_submit_needs_the_expected_content(setup):
    with pytest.raises(services.HomeworkError) as error:
        services.submit(setup["submission"], actor=setup["contact"])
    assert error.value.messages == ["Før du leverer, legg til minst én fil."]


def test_only_the_team_submits_and_only_course_side_decides(setup):
    s = setup["submission"]
    add_version(s, setup["contact"])
    with pytest.raises(services.NotAllowed):
        services.submit(s, actor=setup["advisor"])
    services.submit(s, actor=setup["contact"])
    with pytest.raises(services.NotAllowed):
        services.approve(s, actor=setup["contact"])
    outsider_advisor = UserFactory(full_name="Annen Rådgiver", is_advisor=True)
    with pytest.raises(services.NotAllowed):
        services.approve(s, actor=outsider_advisor)


def test_late_flag_after_due_date(setup):
    s = setup["submission"]
    add_version(s, setup["contact"])
    s = services.submit(s, now=setup["now"] + timedelta(days=3), actor=setup["contact"])
    assert s.is_late is True


def test_on_time_is_not_late(setup):
    s = setup["submission"]
    add_version(s, setup["contact"])
    assert services.submit(s, now=setup["now"] + timedelta(days=1), actor=setup["contact"]).is_late is False


def test_after_cutoff_submission_is_refused(setup):
    s = setup["submission"]
    add_version(s, setup["contact"])
    with pytest.raises(services.DeadlineError) as error:
        services.submit(s, now=setup["now"] + timedelta(days=5), actor=setup["contact"])
    assert "Be kursstaben om utsettelse" in error.value.messages[0]
    s.refresh_from_db()
    assert s.status == SubmissionStatus.DRAFT


def test_extension_moves_due_date_and_cutoff(setup):
    s, now = setup["submission"], setup["now"]
    add_version(s, setup["contact"])
    extension = services.grant_extension(
        setup["assignment"],
        setup["org"],
        due_at=now + timedelta(days=6),
        cutoff_at=now + timedelta(days=8),
        reason="Sykdom i teamet",
        actor=setup["staff"],
    )
    deadlines = services.deadlines_for(setup["assignment"], setup["org"].pk)
    assert (deadlines.due_at, deadlines.cutoff_at, deadlines.extension) == (
        now + timedelta(days=6),
        now + timedelta(days=8),
        extension,
    )
    # Past the original cut-off but within the extension: accepted and on time.
    s = services.submit(s, now=now + timedelta(days=5), actor=setup["contact"])
    assert (s.status, s.is_late) == (SubmissionStatus.SUBMITTED, False)
    logged = Activity.objects.get(verb="homework.extension_granted")
    assert "Sykdom i teamet" in logged.description and logged.organisation == setup["org"]


def test_extension_late_and_cutoff(setup):
    s, now = setup["submission"], setup["now"]
    add_version(s, setup["contact"])
    services.grant_extension(
        setup["assignment"],
        setup["org"],
        due_at=now + timedelta(days=3),
        cutoff_at=now + timedelta(days=5),
        reason="Ferie",
        actor=setup["advisor"],
    )
    with pytest.raises(services.DeadlineError):
        services.submit(s, now=now + timedelta(days=6), actor=setup["contact"])
    assert services.submit(s, now=now + timedelta(days=4), actor=setup["contact"]).is_late is True


def test_extension_rules(setup):
    now = setup["now"]
    with pytest.raises(services.HomeworkError):
        services.grant_extension(
            setup["assignment"], setup["org"], due_at=now + timedelta(days=6), reason="  ", actor=setup["staff"]
        )
    with pytest.raises(services.HomeworkError):
        services.grant_extension(
            setup["assignment"],
            setup["org"],
            due_at=now + timedelta(days=6),
            cutoff_at=now + timedelta(days=5),
            reason="x",
            actor=setup["staff"],
        )
    with pytest.raises(services.NotAllowed):
        services.grant_extension(
            setup["assignment"], setup["org"], due_at=now + timedelta(days=6), reason="x", actor=setup["contact"]
        )
    first = services.grant_extension(
        setup["assignment"], setup["org"], due_at=now + timedelta(days=6), reason="Første", actor=setup["staff"]
    )
    second = services.grant_extension(
        setup["assignment"], setup["org"], due_at=now + timedelta(days=9), reason="Andre", actor=setup["staff"]
    )
    assert first.pk == second.pk and second.reason == "Andre"
    assert Activity.objects.filter(verb="homework.extension_granted").count() == 2


def test_returned_work_may_be_resubmitted_after_cutoff(setup):
    s, now = setup["submission"], setup["now"]
    add_version(s, setup["contact"])
    services.submit(s, now=now + timedelta(days=1), actor=setup["contact"])
    services.return_for_revision(s, actor=setup["staff"])
    s = services.submit(s, now=now + timedelta(days=10), actor=setup["contact"])
    assert (s.status, s.is_late) == (SubmissionStatus.RESUBMITTED, False)


def test_no_changes_after_submitting(setup):
    s = setup["submission"]
    add_version(s, setup["contact"])
    services.submit(s, actor=setup["contact"])
    with pytest.raises(services.TransitionError):
        add_version(s, setup["contact"])
    with pytest.raises(services.TransitionError):
        services.save_text_answer(s, "endret", actor=setup["contact"])


def test_versions_keep_history(setup):
    s, contact = setup["submission"], setup["contact"]
    v1 = add_version(s, contact, pdf_upload("plan.pdf", "En"))
    v2 = add_version(s, contact, pdf_upload("plan-ny.pdf", "To"), replaces=v1.file)
    v3 = add_version(s, contact, pdf_upload("plan-ny2.pdf", "Tre"), replaces=v1.file)
    versions = list(v1.file.versions.order_by("number").values_list("number", "original_name", "uploaded_by"))
    assert versions == [(1, "plan.pdf", contact.pk), (2, "plan-ny.pdf", contact.pk), (3, "plan-ny2.pdf", contact.pk)]
    assert len({v1.stored.name, v2.stored.name, v3.stored.name}) == 3
    assert v1.stored.open("rb").read() != v3.stored.open("rb").read()
    services.remove_file(v1.file, actor=contact)
    v1.file.refresh_from_db()
    assert v1.file.removed_at is not None and v1.file.versions.count() == 3


def test_one_submission_per_organisation_and_assignment(setup):
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(assignment=setup["assignment"], organisation=setup["org"], cohort=setup["cohort"])
    assert (
        services.get_or_create_submission(setup["assignment"], setup["org"], actor=setup["contact"])
        == setup["submission"]
    )


def test_share_and_unshare(setup):
    s = setup["submission"]
    with pytest.raises(services.TransitionError):
        services.share(s, actor=setup["contact"])
    submitted(s, setup["contact"])
    services.approve(s, actor=setup["staff"])
    services.share(s, actor=setup["contact"])
    assert list(Submission.objects.shared_with(setup["contact"])) == [s]
    services.unshare(s, actor=setup["contact"])
    assert list(Submission.objects.shared_with(setup["contact"])) == []


def test_feedback_emails_the_other_side(setup, mailoutbox, django_capture_on_commit_callbacks):
    s = setup["submission"]
    submitted(s, setup["contact"])
    with django_capture_on_commit_callbacks(execute=True):
        services.add_feedback(s, "Fin start!", actor=setup["advisor"])
        services.add_feedback(s, "Takk, vi jobber videre.", actor=setup["contact"])
    mails = list(OutboxMail.objects.order_by("pk").values_list("kind", "recipients"))
    assert mails == [("homework_feedback", ["tora@kommune.no"]), ("homework_feedback", ["rune@example.no"])]
    assert [m.to for m in mailoutbox] == [["tora@kommune.no"], ["rune@example.no"]]
    assert "Fin start!" in mailoutbox[0].body


def test_method_set_and_copy(setup):
    cohort = setup["cohort"]
    staff = setup["staff"]
    first_due = setup["now"] + timedelta(days=10)
    created = services.create_method_set(cohort, first_due=first_due, actor=staff)
    assert [a.method_step for a in created] == list(MethodStep.values)
    assert created[1].due_at - created[0].due_at == timedelta(days=14)
    assert services.create_method_set(cohort, first_due=first_due, actor=staff) == []
    target = CohortFactory(year=cohort.year + 1)
    copies = services.copy_assignments(cohort, target, actor=staff)
    source = list(Assignment.objects.filter(cohort=cohort).order_by("position"))
    assert [c.title for c in copies] == [a.title for a in source]
    assert all(c.due_at - a.due_at == timedelta(days=365) for c, a in zip(copies, source, strict=True))
    assert not any(c.is_published for c in copies)


def test_reorder_and_move(setup):
    cohort = setup["cohort"]
    a1 = setup["assignment"]
    a2 = AssignmentFactory(cohort=cohort)
    a3 = AssignmentFactory(cohort=cohort)
    services.reorder_assignments(cohort, [a3.pk, a1.pk, a2.pk], actor=setup["staff"])
    assert list(Assignment.objects.filter(cohort=cohort).order_by("position").values_list("pk", flat=True)) == [
        a3.pk,
        a1.pk,
        a2.pk,
    ]
    services.move_assignment(a2, -1, actor=setup["staff"])
    assert list(Assignment.objects.filter(cohort=cohort).order_by("position").values_list("pk", flat=True)) == [
        a3.pk,
        a2.pk,
        a1.pk,
    ]
    with pytest.raises(services.HomeworkError):
        services.reorder_assignments(cohort, [a1.pk], actor=setup["staff"])


def test_evaluator_sees_submitted_homework_only_when_allowed(setup):
    evaluator = UserFactory(full_name="Eva Evaluator", is_evaluator=True)
    CohortRoleFactory(cohort=setup["cohort"], user=evaluator, role="evaluator")
    s = setup["submission"]
    draft_other = SubmissionFactory(assignment=AssignmentFactory(cohort=setup["cohort"]), organisation=setup["org"])
    submitted(s, setup["contact"])
    assert list(Submission.objects.visible_to(evaluator)) == []
    setup["cohort"].evaluators_see_homework = True
    setup["cohort"].save()
    assert list(Submission.objects.visible_to(evaluator)) == [s]
    assert draft_other not in Submission.objects.visible_to(evaluator)


def test_gathering_must_be_in_the_cohort_and_copy_maps_it_by_number(setup):
    from sessions.models import Gathering

    cohort, staff = setup["cohort"], setup["staff"]
    day = timezone.localdate()
    gathering = Gathering.objects.create(cohort=cohort, number=2, title="Samling 2", starts_on=day, ends_on=day)
    target = CohortFactory(year=cohort.year + 1)
    target_gathering = Gathering.objects.create(
        cohort=target, number=2, title="Samling 2 neste år", starts_on=day, ends_on=day
    )
    with pytest.raises(services.HomeworkError):
        services.update_assignment(setup["assignment"], gathering=target_gathering, actor=staff)
    services.update_assignment(setup["assignment"], gathering=gathering, actor=staff)
    copies = services.copy_assignments(cohort, target, actor=staff)
    assert [c.gathering for c in copies] == [target_gathering]
