from django.contrib import admin

from .models import AdvisorySlot, Gathering, ProgrammeItem, Registration


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "number", "starts_on", "town", "is_published"]
    list_filter = ["cohort", "is_published"]
    inlines = [ProgrammeItemInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "gathering", "organisation", "status", "checked_in_at"]
    list_filter = ["gathering", "status"]
    raw_id_fields = ["user", "registered_by"]


@admin.register(AdvisorySlot)
class AdvisorySlotAdmin(admin.ModelAdmin):
    """Read-mostly: bookings change through the services (views), which keep the rules."""

    list_display = ["starts_at", "room", "gathering", "advisor", "organisation"]
    list_filter = ["gathering"]
    readonly_fields = ["advisor", "organisation", "booking_ordinal", "booking_limit", "booked_by", "booked_at"]
