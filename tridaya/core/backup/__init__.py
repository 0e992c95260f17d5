"""Backups that restore: `manage.py backup` writes one archive (database + uploaded files +
manifest), `manage.py restore` puts it back and proves the result equals what was saved.

The manifest records, at backup time, the row count and a content digest of every table, the
checksum of every file, and the fingerprints apps register (for example the ledger totals), so
a restore verifies itself instead of trusting that the copy worked.
"""
