"""The full-text index of the knowledge bank: a GIN index on the search vector, on PostgreSQL only
(SQLite, used by ``make run``, searches with a simple fallback and has no tsvector)."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin ON knowledge_searchdocument USING GIN (vector)"
DROP = "DROP INDEX IF EXISTS searchdoc_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
