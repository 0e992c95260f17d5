"""A partner receipt links a realised pledge to its posted voucher: never edited or removed."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("finance", "0012_partner_receipts")]

    operations = [AppendOnly("partnerreceipt")]
