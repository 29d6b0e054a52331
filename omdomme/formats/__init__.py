"""Norwegian date, time and number formats (FORMAT_MODULE_PATH), on top of Django's own.

Months are written in lower case with the Norwegian abbreviation ("19. des. 2026", templates use
``N`` rather than ``M``), times with "kl." in running dates, and numbers with a decimal comma and a
non-breaking space between thousands.
"""
