"""Keep each search vector in its row (PostgreSQL only).

By default PostgreSQL moves a row's largest values out of the row once it passes ~2 kB, and a
document's vector (its words twice, stemmed and as written, with positions) usually is the largest.
A search that matches most documents then reads every vector back from the TOAST table twice, to
match and to rank: most of its time. With ``STORAGE MAIN`` the vector stays in the row (the body is
moved out instead), unless the row alone would not fit a page. Existing vectors are written again
so that they move into their rows.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE knowledge_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
    "UPDATE knowledge_searchdocument SET vector = vector || ''::tsvector WHERE vector IS NOT NULL",
]
BACKWARD = ["ALTER TABLE knowledge_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_searchdocument_gin")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
