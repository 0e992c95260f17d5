"""Survey exports that arrive as a ZIP with their photos.

Two layouts are read (as the tools write them; see ODK Central's export API and KoBoToolbox's
`generate_attachment_filename` / "Media Attachments (ZIP)" export):

- ODK Central, "All data and media files": `<Form name>.csv` at the top, one more CSV per repeat
  group (`<Form name>-<group>.csv`), and every attachment in `media/<file>`, named exactly as in
  the CSV's photo column.
- KoBoToolbox: the CSV or XLSX export, zipped together with the "Media Attachments (ZIP)"
  export, whose files sit in `<user>/attachments/<form uuid>/<submission uuid>/<file>` while the
  export's photo column holds only `<file>`.

Hence: the export table is the CSV/XLSX nearest the top of the archive (then the shortest name:
a repeat group's CSV has a longer one), and a photo is any other member with the file name its
row gives, wherever its folder; when several folders hold that name, the one named after the
row's submission id is taken. A ZIP in another folder layout (say, both inside one folder)
reads the same way.

Nothing is extracted to disk by name: the table is read as a stream and each photo is read from
the archive when its row is stored. An archive with an absolute or `..` member name is refused
outright. zipfile never inflates a member beyond the size the archive declares for it (and
checks its CRC at the end), so capping that declared size before reading is enough against a
zip bomb: `PhotoFile.size` is the declared size, which the photo service checks first."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
import zlib
from typing import IO

from django.core.files.base import File
from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.core.uploads.zips import check_entries
from tridaya.mapping.errors import MappingError

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")  # a first member, or an empty archive
TABLE_SUFFIXES = (".csv", ".xlsx")
IGNORED_PREFIXES = ("__MACOSX/",)  # the resource forks macOS's archiver adds
# A workbook inside the archive is copied to an anonymous temporary file (openpyxl needs to
# seek); this caps that copy, the same size as the largest upload.
MAX_WORKBOOK_MB = 200
# What zipfile raises for a damaged, encrypted or unsupported member.
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError)
DRIVE = re.compile(r"^[A-Za-z]:")


class UnreadablePhoto(OSError):
    """A photo member that cannot be inflated (damaged, encrypted)."""


def is_zip(start: bytes) -> bool:
    return start[:4] in ZIP_MAGICS


def broken(exc: BaseException) -> DomainError:
    return DomainError(
        _("Berkas ZIP rusak atau tidak terbaca: %(error)s") % {"error": str(exc)[:200]},
        code=MappingError.ZIP_BAD,
    )


def _parts(name: str) -> list[str]:
    # Archivers on Windows sometimes write `\` between folders.
    return name.replace("\\", "/").split("/")


def _is_unsafe(name: str) -> bool:
    return (
        name.startswith(("/", "\\"))
        or bool(DRIVE.match(name))
        or "\x00" in name
        or ".." in _parts(name)
    )


def _folder(info: zipfile.ZipInfo) -> str:
    parts = _parts(info.filename)
    return parts[-2] if len(parts) > 1 else ""


def _is_table(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith(TABLE_SUFFIXES)


class Archive:
    """An open export ZIP (the caller's file handle stays open; `close` releases the rest)."""

    def __init__(self, handle: IO[bytes]):
        self.zip = zipfile.ZipFile(handle)  # reads only the central directory
        self.members = [
            info
            for info in self.zip.infolist()
            if not info.is_dir() and not info.filename.startswith(IGNORED_PREFIXES)
        ]
        unsafe = [info.filename for info in self.members if _is_unsafe(info.filename)]
        if unsafe:
            self.close()
            raise DomainError(
                _(
                    "Berkas ZIP berisi nama berkas yang tidak aman (%(name)s); ekspor ulang dari "
                    "KoBoToolbox atau ODK Central."
                )
                % {"name": unsafe[0][:200]},
                code=MappingError.ZIP_UNSAFE_NAME,
            )
        try:  # the upload caps (entries, total size, ratio) hold for the command line too
            check_entries(self.zip.infolist(), label=_("Berkas ZIP"))
        except DomainError:
            self.close()
            raise

    @property
    def is_workbook(self) -> bool:
        """An XLSX file is a ZIP too: told apart by its parts."""
        names = {info.filename for info in self.members}
        return "[Content_Types].xml" in names and "xl/workbook.xml" in names

    def table(self) -> zipfile.ZipInfo:
        tables = [info for info in self.members if _is_table(info)]
        if not tables:
            raise DomainError(
                _("Berkas ZIP tidak berisi ekspor CSV atau XLSX."), code=MappingError.ZIP_NO_TABLE
            )
        return min(tables, key=lambda i: (len(_parts(i.filename)), len(i.filename), i.filename))

    def open_stream(self, info: zipfile.ZipInfo) -> IO[bytes]:
        try:
            return self.zip.open(info)
        except READ_ERRORS as exc:
            raise broken(exc) from exc

    def workbook_copy(self, info: zipfile.ZipInfo) -> IO[bytes]:
        """The workbook member in an anonymous temporary file (deleted when closed)."""
        if info.file_size > MAX_WORKBOOK_MB * 1024 * 1024:
            raise DomainError(
                _("Buku kerja %(name)s di berkas ZIP terlalu besar; paling besar %(mb)s MB.")
                % {"name": info.filename, "mb": MAX_WORKBOOK_MB},
                code=MappingError.ZIP_TABLE_TOO_LARGE,
            )
        copy = tempfile.TemporaryFile()  # noqa: SIM115 (the Source closes it when done)
        try:
            with self.open_stream(info) as member:
                shutil.copyfileobj(member, copy)
        except READ_ERRORS as exc:
            copy.close()
            raise broken(exc) from exc
        copy.seek(0)
        return copy

    def photos(self, table: zipfile.ZipInfo) -> Photos | None:
        """The archive's other files by name; None when it holds no other file (an ODK Central
        export without media reads like its CSV alone)."""
        others = [info for info in self.members if info is not table and not _is_table(info)]
        return Photos(self.zip, others) if others else None

    def close(self) -> None:
        self.zip.close()


class Photos:
    """The files of an export archive that rows name in their photo column."""

    def __init__(self, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]):
        self.archive = archive
        self.by_name: dict[str, list[zipfile.ZipInfo]] = {}
        for info in members:
            self.by_name.setdefault(_parts(info.filename)[-1], []).append(info)

    def find(self, name: str, submission_ids: tuple[str, ...]) -> zipfile.ZipInfo | str:
        """The member holding the photo `name` of the submission; a reason (str) when there
        is none, or no telling which. Only reads the archive's directory (thread-safe)."""
        name = name.strip()
        if _parts(name)[-1] != name or name in (".", ".."):
            return _("nama foto %(name)s tidak sah; isi hanya nama berkasnya, tanpa folder") % {
                "name": name
            }
        found = self.by_name.get(name, [])
        if len(found) > 1:  # KoBo keeps each submission's files in a folder named by its id
            ids = {submission for submission in submission_ids if submission}
            found = [info for info in found if _folder(info) in ids] or found
        if not found:
            return _("foto %(name)s tidak ada di berkas ZIP") % {"name": name}
        if len(found) > 1:
            return _(
                "ada beberapa foto %(name)s di berkas ZIP; tidak jelas mana milik kiriman ini"
            ) % {"name": name}
        return found[0]

    def open(self, info: zipfile.ZipInfo) -> PhotoFile:
        return PhotoFile(self.archive, info)


class PhotoFile(File):
    """One photo of the archive as a Django file, inflated into memory on its first read.

    Its size is the one the archive declares, known without inflating anything, so the photo
    service's size limit refuses an oversized member (a zip bomb) before a byte is read. A
    member that cannot be inflated raises `UnreadablePhoto`."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
        self._archive = archive
        self._info = info
        self._content: io.BytesIO | None = None
        self.name = _parts(info.filename)[-1]
        self.mode = "rb"
        self.size = info.file_size

    @property
    def file(self) -> io.BytesIO:
        if self._content is None:
            self._content = io.BytesIO(self._inflate())
        return self._content

    @file.setter
    def file(self, content: io.BytesIO) -> None:
        self._content = content

    def _inflate(self) -> bytes:
        try:
            with self._archive.open(self._info) as member:
                return member.read()
        except READ_ERRORS as exc:
            raise UnreadablePhoto(f"{self._info.filename}: {exc}") from exc

    @property
    def closed(self) -> bool:
        # Not yet read is not closed: it can still be read.
        return self._content is not None and self._content.closed

    def close(self) -> None:
        if self._content is not None:
            self._content.close()
