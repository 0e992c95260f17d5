"""Sign-offs of the verification ladder and swadaya records are never edited or removed."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("finance", "0005_tranches_and_lpj")]

    operations = [AppendOnly("signoff"), AppendOnly("swadayacontribution")]
