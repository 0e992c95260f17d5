import tridaya.core.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0001_people_and_institutions"),
    ]

    # The limit is checked by model validation and forms; the column stays `text` (no SQL, and
    # no table rebuild on SQLite, where the append-only triggers name the tables).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="election",
                    name="notes",
                    field=tridaya.core.fields.BoundedTextField(
                        blank=True, max_length=2000, verbose_name="catatan"
                    ),
                ),
                migrations.AlterField(
                    model_name="kpp",
                    name="assets",
                    field=tridaya.core.fields.BoundedTextField(
                        blank=True, max_length=2000, verbose_name="aset yang dikelola"
                    ),
                ),
                migrations.AlterField(
                    model_name="ksm",
                    name="activity",
                    field=tridaya.core.fields.BoundedTextField(
                        blank=True, max_length=1000, verbose_name="kegiatan"
                    ),
                ),
            ],
        ),
    ]
