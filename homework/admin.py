"""Admin: for looking things up. Submissions, files and feedback are read-only here: their changes
go through homework.services (state machine, versions, logging) from the pages."""

from django.contrib import admin

from .models import Assignment, Extension, FeedbackEntry, Submission, SubmissionFile, SubmissionFileVersion


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "kind", "method_step", "due_at", "is_published"]
    list_filter = ["cohort", "kind", "is_published"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "created_at", "updated_at", "published_at"]


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["assignment", "organisation", "due_at", "cutoff_at", "granted_by"]
    readonly_fields = [f.name for f in Extension._meta.fields]

    def has_add_permission(self, request):
        return False


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyMixin, admin.TabularInline):
    model = SubmissionFileVersion
    fields = ["number", "original_name", "file_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["assignment", "organisation", "status", "is_late", "submitted_at", "shared_at"]
    list_filter = ["status", "is_late", "cohort"]
    search_fields = ["organisation__name", "assignment__title"]


@admin.register(SubmissionFile)
class SubmissionFileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "submission", "created_at", "removed_at"]
    inlines = [VersionInline]


@admin.register(FeedbackEntry)
class FeedbackEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["submission", "author_name", "side", "created_at"]
