"""The handling log cannot be edited or deleted: the database refuses it (a complaint cannot be
buried by rewriting its history)."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_complaints")]

    operations = [AppendOnly("complaintstep")]
