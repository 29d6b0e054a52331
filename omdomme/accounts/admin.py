from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_advisor", "is_evaluator", "is_active"]
    list_filter = ["is_staff", "is_advisor", "is_evaluator", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "language", "reminders_opt_out"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_advisor", "is_evaluator", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
