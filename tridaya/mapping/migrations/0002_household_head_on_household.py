"""A household stores its head's name, sex and NIK itself; the link to the village's register of
people (`head`) becomes optional. Existing households copy their head's details first."""

import django.db.models.deletion
from django.db import migrations, models

import tridaya.institutions.models.people


def copy_heads(apps, schema_editor):
    Household = apps.get_model("mapping", "Household")
    batch = []
    for household in Household.objects.select_related("head").iterator(chunk_size=2000):
        household.head_name = household.head.name
        household.head_sex = household.head.sex
        household.head_nik = household.head.nik
        batch.append(household)
        if len(batch) == 2000:
            Household.objects.bulk_update(batch, ["head_name", "head_sex", "head_nik"])
            batch = []
    Household.objects.bulk_update(batch, ["head_name", "head_sex", "head_nik"])


class Migration(migrations.Migration):
    dependencies = [
        ("institutions", "0001_people_and_institutions"),
        ("mapping", "0001_mapping"),
    ]

    operations = [
        migrations.AddField(
            model_name="household",
            name="head_name",
            field=models.CharField(default="", max_length=120, verbose_name="nama kepala keluarga"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="household",
            name="head_sex",
            field=models.CharField(
                choices=[("L", "Laki-laki"), ("P", "Perempuan")],
                default="L",
                max_length=1,
                verbose_name="jenis kelamin kepala keluarga",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="household",
            name="head_nik",
            field=models.CharField(
                blank=True,
                max_length=16,
                validators=[tridaya.institutions.models.people.nik_validator],
                verbose_name="NIK kepala keluarga",
            ),
        ),
        migrations.RunPython(copy_heads, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="household",
            name="head",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="household_headed",
                to="institutions.person",
                verbose_name="kepala keluarga di daftar warga",
            ),
        ),
        migrations.AddConstraint(
            model_name="household",
            constraint=models.UniqueConstraint(
                condition=models.Q(("head_nik", ""), _negated=True),
                fields=("village", "head_nik"),
                name="household_head_nik_unique",
                violation_error_code="head_nik_taken",
                violation_error_message="NIK ini sudah menjadi kepala KK lain di desa ini.",
            ),
        ),
    ]
