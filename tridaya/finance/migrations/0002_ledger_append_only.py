"""The database itself refuses UPDATE and DELETE on vouchers, entries and closed periods, on
SQLite and PostgreSQL alike. A correction is a reversing voucher; nothing is edited or removed."""

from django.db import migrations

from tridaya.finance.triggers import append_only


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_ledger")]

    operations = [append_only("finance_voucher", "finance_entry", "finance_periodclose")]
