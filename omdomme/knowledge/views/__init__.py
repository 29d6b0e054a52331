"""Views of the knowledge bank: search, case stories, programme materials (staff) and alumni access."""
