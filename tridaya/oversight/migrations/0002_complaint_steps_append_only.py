"""The handling log cannot be edited or deleted: the database refuses it (a complaint cannot be
buried by rewriting its history)."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_complaints")]

    # UPDATE is refused; DELETE stays possible for a retention job (and a test database flush),
    # while a complaint itself cannot be deleted with its steps (PROTECT).
    operations = [AppendOnly("complaintstep", refuse=("UPDATE",))]
