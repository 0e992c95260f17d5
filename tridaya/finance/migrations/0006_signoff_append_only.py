"""Sign-offs of the verification ladder are never edited or removed (a refusal is a new row)."""

from django.db import migrations

from tridaya.finance.triggers import append_only


class Migration(migrations.Migration):
    dependencies = [("finance", "0005_tranches_and_lpj")]

    operations = [append_only("finance_signoff", "finance_swadayacontribution")]
