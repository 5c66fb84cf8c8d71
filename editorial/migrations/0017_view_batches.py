from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0016_operations"),
    ]

    operations = [
        migrations.CreateModel(
            name="FlushedViewBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("batch", models.CharField(max_length=32, unique=True)),
                ("flushed_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                "verbose_name": "flushed batch of views",
                "verbose_name_plural": "flushed batches of views",
            },
        ),
    ]
