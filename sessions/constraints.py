"""Database guarantees that need PostgreSQL, kept harmless on SQLite (``make run``).

``PostgresExclusionConstraint`` is Django's ``ExclusionConstraint`` that does nothing unless the
database is PostgreSQL: SQLite cannot parse ``EXCLUDE`` and has no btree_gist. On SQLite the
service functions' row locks (writers are serialised there anyway) keep the rule.
"""

from __future__ import annotations

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import DEFAULT_DB_ALIAS, connections, models


class TsTzRange(models.Func):
    """``TSTZRANGE(start, end)``: the half-open time range ``[start, end)`` of a row."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class PostgresExclusionConstraint(ExclusionConstraint):
    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if _postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if _postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if _postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)
