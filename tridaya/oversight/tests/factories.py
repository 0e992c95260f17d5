import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg_with_exif(name: str = "foto.jpg") -> SimpleUploadedFile:
    """A JPEG carrying EXIF (a camera model and a GPS-ish tag) to prove it is stripped."""
    image = Image.new("RGB", (2400, 1200), (120, 80, 40))
    exif = Image.Exif()
    exif[0x0110] = "PhoneModel-XYZ"  # Model
    exif[0x9003] = "2026:12:01 10:00:00"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
