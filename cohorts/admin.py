from django.contrib import admin

from .models import Activity, Application, Cohort, CohortRole, Enrolment, Invitation, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality_number", "county"]
    list_filter = ["kind"]
    search_fields = ["name", "municipality_number"]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "status"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "status"]
    list_filter = ["status"]
    inlines = [EnrolmentInline]


admin.site.register(CohortRole)
admin.site.register(Membership)
admin.site.register(Invitation)
admin.site.register(Application)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "verb", "description"]
    list_filter = ["verb"]
    readonly_fields = [f.name for f in Activity._meta.fields]
