"""The database refuses changes to a legalised version's snapshot and to its stored documents:
written once, at legalisation (or at the first read of a version legalised before), never
updated. DELETE is left alone (a test database must still flush)."""

from django.db import migrations

from tridaya.core.guards import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_plan_snapshots_and_document_files")]

    operations = [
        AppendOnly("plansnapshot", refuse=("UPDATE",)),
        AppendOnly("plandocumentfile", refuse=("UPDATE",)),
    ]
