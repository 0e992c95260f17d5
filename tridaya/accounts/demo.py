"""Demo users: one per role for Desa Bajur, the same for its neighbour Terong Tawah, and the
officers above them, so that scopes can be seen to work. All share DEMO_PASSWORD."""

from tridaya.accounts import services
from tridaya.accounts.models import Role, User
from tridaya.core.demo import DEMO_PASSWORD
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region

VILLAGE_ROLES = [
    (Role.FACILITATOR, "fasilitator", "Fasilitator"),
    (Role.BKM, "bkm", "Koordinator BKM"),
    (Role.UPK, "upk", "UPK"),
    (Role.UPL, "upl", "UPL"),
    (Role.UPS, "ups", "UPS"),
    (Role.TIPP, "tipp", "TIPP"),
    (Role.VILLAGE_APPARATUS, "aparat", "Aparat desa"),
    (Role.KSM, "ksm", "KSM"),
    (Role.RESIDENT, "warga", "Warga"),
]
VILLAGE_SLUGS = {BAJUR: ("bajur", "Bajur"), TERONG_TAWAH: ("terongtawah", "Terong Tawah")}

# (username, role, region code or None, first name, last name, is_staff)
UPPER_USERS = [
    ("admin", Role.NATIONAL_ADMIN, None, "Admin", "Nasional", True),
    ("provinsi.ntb", Role.PROVINCE_OFFICER, "52", "Petugas", "Provinsi NTB", False),
    ("korkot.lobar", Role.CITY_COORDINATOR, "52.01", "Korkot", "Lombok Barat", False),
]


def demo_users() -> list[tuple[str, Role, str | None, str, str, bool]]:
    users = list(UPPER_USERS)
    for code, (slug, label) in VILLAGE_SLUGS.items():
        for role, prefix, title in VILLAGE_ROLES:
            users.append((f"{prefix}.{slug}", role, code, title, label, False))
    return users


def _user(username: str, first: str, last: str, is_staff: bool) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = services.user_create(
            actor=None, username=username, password=DEMO_PASSWORD, first_name=first, last_name=last
        )
    if is_staff and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def seed(log) -> None:
    regions = Region.objects.in_bulk({code for _u, _r, code, *_ in demo_users() if code})
    for username, role, code, first, last, is_staff in demo_users():
        user = _user(username, first, last, is_staff)
        services.role_assign(
            actor=None, user=user, role=role, region=regions[code] if code else None
        )
    log(f"{len(demo_users())} pengguna demo, kata sandi: {DEMO_PASSWORD}")
    for username, role, code, *_ in demo_users():
        log(f"  {username:<24} {Role(role).label} {code or ''}")
