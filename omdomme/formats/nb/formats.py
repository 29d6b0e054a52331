"""Bokmål formats: Django's, with the time written "kl. 14:05" after a full date."""

from django.conf.locale.nb.formats import *  # noqa: F403

DATE_FORMAT = "j. F Y"  # 19. desember 2026
DATETIME_FORMAT = r"j. F Y \k\l. H:i"  # 19. desember 2026 kl. 14:05
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"  # desember 2026
MONTH_DAY_FORMAT = "j. F"  # 19. desember
SHORT_DATE_FORMAT = "d.m.Y"  # 19.12.2026
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 19.12.2026 14:05
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
