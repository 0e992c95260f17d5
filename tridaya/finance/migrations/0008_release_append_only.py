"""A release to a KSM is a fact about a posted voucher: never edited or removed."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("finance", "0007_proposals_and_cash_plans")]

    operations = [AppendOnly("ksmrelease")]
