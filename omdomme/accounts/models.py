from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with email. Roles:

    * course staff: ``is_staff`` (the centre's employees; also reach the Django admin);
    * advisor / evaluator: ``is_advisor`` / ``is_evaluator``, scoped to cohorts by
      ``cohorts.CohortRole`` assignments;
    * organisation contact: through ``cohorts.Membership``.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("preferred language"), max_length=5, choices=settings.LANGUAGES, default="nb")
    is_staff = models.BooleanField(
        _("course staff"),
        default=False,
        help_text=_("Course staff plan cohorts and see everything."),
    )
    is_advisor = models.BooleanField(_("advisor"), default=False)
    is_evaluator = models.BooleanField(_("evaluator"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    reminders_opt_out = models.BooleanField(
        _("no optional reminders"),
        default=False,
        help_text=_("Invitations, password resets and booking confirmations are always sent."),
    )
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.lower()
        super().save(*args, **kwargs)
