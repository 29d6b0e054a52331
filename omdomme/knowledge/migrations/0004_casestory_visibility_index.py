from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_searchdocument_vector_in_row")]

    operations = [
        migrations.AddIndex(
            model_name="casestory",
            index=models.Index(fields=["status", "audience", "cohort", "id"], name="case_visibility"),
        ),
    ]
