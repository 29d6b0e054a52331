"""Views of the cohorts app, split by area: core pages, staff management, invitations, import,
applications and the activity log."""
