"""The database itself refuses UPDATE and DELETE on vouchers, entries and closed periods, on
SQLite and PostgreSQL alike. A correction is a reversing voucher; nothing is edited or removed."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_ledger")]

    operations = [AppendOnly("voucher"), AppendOnly("entry"), AppendOnly("periodclose")]
