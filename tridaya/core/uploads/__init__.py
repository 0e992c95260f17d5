"""Uploads, in one place: content checks (`checks`), safe ZIP reading (`zips`), image
re-encoding (`images`), random stored names (`names`), the upload fields (`fields`) and the
permission-checked file view (`serving`)."""
