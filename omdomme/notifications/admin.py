from django.contrib import admin

from .models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject", "recipients"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]
