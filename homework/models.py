"""Homework: assignments a cohort's teams answer between gatherings, their submissions with
versioned files, extensions per organisation and a feedback thread per submission.

Models stay thin; every operation that guards an invariant lives in ``homework/services/``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.models import Cohort, Organisation, RoleKind


class AssignmentKind(models.TextChoices):
    HOMEWORK = "homework", _("Homework")
    MIDPOINT_REPORT = "midpoint_report", _("Midpoint report")
    FINAL_REPORT = "final_report", _("Final report")


class MethodStep(models.TextChoices):
    """The ten steps of the Omdømmeskolen method, in order."""

    GOAL_ANALYSIS = "goal_analysis", _("1. Goal analysis")
    PLACE_QUALITIES = "place_qualities", _("2. Mapping place qualities")
    SOCIETAL_ANALYSIS = "societal_analysis", _("3. Societal analysis")
    TARGET_GROUPS = "target_groups", _("4. Target groups")
    POSITION = "position", _("5. Choice of position")
    ANCHORING = "anchoring", _("6. Anchoring")
    IDENTITY_REPUTATION = "identity_reputation", _("7. Identity and reputation mapping")
    ACTION_PLAN = "action_plan", _("8. Action plan")
    ORGANISATION_FINANCING = "organisation_financing", _("9. Organisation and financing")
    LONG_TERM = "long_term", _("10. Long-term development and communication")


class FileType(models.TextChoices):
    """File types an assignment may accept. Checked against the content, never the name."""

    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document (.docx)")
    XLSX = "xlsx", _("Excel workbook (.xlsx)")
    PPTX = "pptx", _("PowerPoint presentation (.pptx)")
    ODT = "odt", _("OpenDocument text (.odt)")
    ODS = "ods", _("OpenDocument spreadsheet (.ods)")
    ODP = "odp", _("OpenDocument presentation (.odp)")
    PNG = "png", _("PNG image")
    JPEG = "jpeg", _("JPEG image")
    TXT = "txt", _("Plain text")
    ZIP = "zip", _("ZIP archive")


DEFAULT_FILE_TYPES = "pdf,docx,xlsx,pptx,odt,ods,odp,png,jpeg"


def default_max_file_size() -> int:
    return min(20 * 1024 * 1024, settings.UPLOAD_MAX_BYTES)


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def visible_to(self, user) -> AssignmentQuerySet:
        if access.is_staff(user):
            return self
        return self.filter(access.cohort_q(user), is_published=True)

    def published(self) -> AssignmentQuerySet:
        return self.filter(is_published=True)


class Assignment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("cohort"))
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(
        _("instructions"), max_length=20000, blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssignmentKind.choices, default=AssignmentKind.HOMEWORK)
    method_step = models.CharField(_("method step"), max_length=30, choices=MethodStep.choices, blank=True)
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("prepares for gathering"),
        help_text=_("The gathering this homework prepares for, if any."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"))
    cutoff_at = models.DateTimeField(
        _("cut-off"),
        null=True,
        blank=True,
        help_text=_("No submissions after this time unless extended. Empty: late submissions are always accepted."),
    )
    expects_files = models.BooleanField(_("expects files"), default=True)
    expects_text = models.BooleanField(_("expects a text answer"), default=False)
    allowed_types = models.CharField(
        _("allowed file types"),
        max_length=200,
        default=DEFAULT_FILE_TYPES,
        help_text=_("Comma-separated file type keys."),
    )
    max_file_size = models.PositiveIntegerField(
        _("maximum file size (bytes)"), default=default_max_file_size, validators=[MinValueValidator(1)]
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["cohort", "position", "due_at", "pk"]
        constraints = [
            # A cut-off before the due date would refuse on-time work.
            models.CheckConstraint(
                condition=Q(cutoff_at__isnull=True) | Q(cutoff_at__gte=models.F("due_at")),
                name="assignment_cutoff_after_due",
            ),
            # An assignment cannot be due before it opens.
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(due_at__gt=models.F("opens_at")),
                name="assignment_due_after_open",
            ),
            # Something must be asked for: files, a text answer or both.
            models.CheckConstraint(
                condition=Q(expects_files=True) | Q(expects_text=True), name="assignment_expects_something"
            ),
            models.CheckConstraint(condition=Q(max_file_size__gt=0), name="assignment_max_size_positive"),
        ]
        indexes = [
            # Lists and the progress matrix read a cohort's assignments in order.
            models.Index(fields=["cohort", "position"], name="assignment_cohort_pos"),
            # "Due soon" on dashboards and reminders scan by deadline.
            models.Index(fields=["due_at"], name="assignment_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("homework:assignment_detail", args=[self.pk])

    @property
    def allowed_type_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.allowed_types.split(",")) if t in FileType.values]

    def allowed_type_labels(self) -> list[str]:
        return [str(FileType(t).label) for t in self.allowed_type_list]

    @property
    def is_open(self) -> bool:
        return self.opens_at is None or self.opens_at <= timezone.now()


class ExtensionQuerySet(models.QuerySet["Extension"]):
    def visible_to(self, user) -> ExtensionQuerySet:
        return self.filter(access.organisation_q(user, cohort_field="assignment__cohort"))


class Extension(models.Model):
    """A later due date (and cut-off) for one organisation on one assignment. Changes are logged."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="homework_extensions")
    due_at = models.DateTimeField(_("extended due date"))
    cutoff_at = models.DateTimeField(_("extended cut-off"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExtensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            # One extension per organisation and assignment; granting again replaces it (logged).
            models.UniqueConstraint(fields=["assignment", "organisation"], name="extension_unique"),
            # The extended cut-off cannot lie before the extended due date.
            models.CheckConstraint(
                condition=Q(cutoff_at__isnull=True) | Q(cutoff_at__gte=models.F("due_at")),
                name="extension_cutoff_after_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.organisation}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def visible_to(self, user) -> SubmissionQuerySet:
        """Full access (submission page, files, feedback): own organisation, the cohort's advisors,
        the cohort's evaluators (submitted work, only when the cohort allows it), staff."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_staff:
            return self
        q = Q(organisation__in=access.member_organisation_ids(user))
        q |= Q(cohort__in=access.assigned_cohort_ids(user, RoleKind.ADVISOR))
        q |= (
            Q(cohort__in=access.assigned_cohort_ids(user, RoleKind.EVALUATOR))
            & Q(cohort__evaluators_see_homework=True)
            & ~Q(status=SubmissionStatus.DRAFT)
        )
        return self.filter(q)

    def shared_with(self, user) -> SubmissionQuerySet:
        """Approved work a team shared: with its cohort (the cohort's organisations, its advisors and
        staff; its evaluators only when staff let them read the cohort's homework), and, where the
        team consented to share it beyond the cohort, with the alumni of every cohort."""
        shared = self.filter(shared_at__isnull=False, status=SubmissionStatus.APPROVED)
        if not user.is_authenticated or not user.is_active:
            return shared.none()
        if user.is_staff:
            return shared
        q = Q(cohort__in=access.member_cohort_ids(user))
        q |= Q(cohort__in=access.assigned_cohort_ids(user, RoleKind.ADVISOR))
        evaluated = access.assigned_cohort_ids(user, RoleKind.EVALUATOR)
        q |= Q(cohort__in=evaluated) & Q(cohort__evaluators_see_homework=True)
        q |= Q(shared_beyond_at__isnull=False) & access.alumni_q(user)
        return shared.filter(q)

    def submitted(self) -> SubmissionQuerySet:
        return self.exclude(status=SubmissionStatus.DRAFT)


class Submission(models.Model):
    """One per organisation and assignment, written by the team together."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="submissions")
    # Copied from the assignment so that the access rule is one join away.
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="submissions")
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    text_answer = models.TextField(_("text answer"), max_length=50000, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared with the cohort"), null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The team's explicit consent to share the work with the alumni of every cohort (withdrawable).
    shared_beyond_at = models.DateTimeField(_("shared with all cohorts"), null=True, blank=True)
    shared_beyond_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment", "organisation__name"]
        constraints = [
            # One submission per organisation and assignment: the team answers together.
            models.UniqueConstraint(fields=["organisation", "assignment"], name="submission_unique_org_assignment"),
            # Only approved work can be shared with the cohort.
            models.CheckConstraint(
                condition=Q(shared_at__isnull=True) | Q(status=SubmissionStatus.APPROVED),
                name="submission_shared_only_approved",
            ),
            # Work is shared beyond its cohort only while it is shared with the cohort.
            models.CheckConstraint(
                condition=Q(shared_beyond_at__isnull=True) | Q(shared_at__isnull=False),
                name="submission_beyond_needs_shared",
            ),
            # Anything beyond a draft has been submitted at some time.
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="submission_submitted_has_time",
            ),
        ]
        indexes = [
            # The progress matrix and gallery read a cohort's submissions by status.
            models.Index(fields=["cohort", "status"], name="submission_cohort_status"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("homework:submission_detail", args=[self.pk])

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_shared_beyond(self) -> bool:
        return self.shared_beyond_at is not None


def _storage_name(instance, filename: str) -> str:
    """Server-generated storage names: nothing from the uploader reaches the file system."""
    ext = getattr(instance, "_storage_ext", "") or "bin"
    now = timezone.now()
    return f"homework/{now:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class SubmissionFileQuerySet(models.QuerySet["SubmissionFile"]):
    def visible_to(self, user) -> SubmissionFileQuerySet:
        return self.filter(
            Q(submission__in=Submission.objects.visible_to(user))
            | (Q(submission__in=Submission.objects.shared_with(user)) & Q(removed_at__isnull=True))
        )

    def active(self) -> SubmissionFileQuerySet:
        return self.filter(removed_at__isnull=True)


class SubmissionFile(models.Model):
    """A file in a submission. Uploading again adds a version; nothing is overwritten. Removing a
    file hides it from the submission but keeps every version."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SubmissionFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        latest = self.latest_version
        return latest.original_name if latest else f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("homework:file_download", args=[self.pk])

    @property
    def latest_version(self) -> SubmissionFileVersion | None:
        # Uses the prefetched versions when present (ordered newest first).
        versions = list(self.versions.all())
        return versions[0] if versions else None


class FileVersionQuerySet(models.QuerySet["SubmissionFileVersion"]):
    def visible_to(self, user) -> FileVersionQuerySet:
        return self.filter(file__in=SubmissionFile.objects.visible_to(user))


class SubmissionFileVersion(models.Model):
    """One upload: who, when, size, checksum, the server-generated storage name and the sanitised
    original name (used for display and as the download name)."""

    file = models.ForeignKey(SubmissionFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    stored = models.FileField(_("file"), upload_to=_storage_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=100)
    file_type = models.CharField(_("file type"), max_length=10, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    objects = FileVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["file", "-number"]
        constraints = [
            # Version numbers count up once per file; two uploads never share a number.
            models.UniqueConstraint(fields=["file", "number"], name="fileversion_unique_number"),
            models.CheckConstraint(condition=Q(size__gt=0), name="fileversion_not_empty"),
            models.CheckConstraint(condition=Q(number__gte=1), name="fileversion_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse("homework:version_download", args=[self.pk])


class FeedbackSide(models.TextChoices):
    COURSE = "course", _("Course staff or advisor")
    TEAM = "team", _("Team")


class FeedbackQuerySet(models.QuerySet["FeedbackEntry"]):
    def visible_to(self, user) -> FeedbackQuerySet:
        return self.filter(submission__in=Submission.objects.visible_to(user))


def _feedback_storage_name(instance, filename: str) -> str:
    ext = getattr(instance, "_storage_ext", "") or "bin"
    now = timezone.now()
    return f"homework/feedback/{now:%Y/%m}/{uuid.uuid4().hex}.{ext}"


class FeedbackEntry(models.Model):
    """One message in a submission's feedback thread, with an optional file."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    side = models.CharField(_("from"), max_length=10, choices=FeedbackSide.choices)
    body = models.TextField(_("message"), max_length=10000)
    attachment = models.FileField(_("attachment"), upload_to=_feedback_storage_name, max_length=200, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=150, blank=True)
    attachment_content_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveBigIntegerField(null=True, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["submission", "created_at", "pk"]
        constraints = [
            # An attachment always carries its display name and checksum.
            models.CheckConstraint(
                condition=Q(attachment="") | (~Q(attachment_name="") & ~Q(attachment_sha256="")),
                name="feedback_attachment_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        """The attachment's download URL when there is one, else the entry in its thread."""
        if self.attachment:
            return reverse("homework:feedback_download", args=[self.pk])
        return f"{self.submission.get_absolute_url()}#feedback-{self.pk}"

    @property
    def author_role(self) -> str:
        """What the author is to the reader: course staff, an advisor, or the organisation's team."""
        if self.side == FeedbackSide.TEAM:
            return FeedbackSide.TEAM.label
        if self.author is not None and self.author.is_staff:
            return _("Course staff")
        if self.author is not None and self.author.is_advisor:
            return _("Advisor")
        return self.get_side_display()
