#!/usr/bin/env python3
"""Fetch the pinned front-end libraries into ``static/vendor/``.

Usage (from anywhere; paths are relative to the repository root)::

    python scripts/fetch_vendor.py            # fetch what is missing
    python scripts/fetch_vendor.py --force    # re-fetch everything
    python scripts/fetch_vendor.py --check    # only verify, fetch nothing

Each package is downloaded from the npm registry with ``npm pack <name>@<version>``
(exact version, never a range), its tarball is checked against the pinned
``integrity`` hash, and only the files listed in ``PACKAGES`` below are copied to
``static/vendor/<name>-<version>/`` together with the package's licence file
(copied byte for byte).  ``static/vendor/README.md`` is regenerated from the same
table.  The short-name -> static-path table the templates use lives in
``tridaya/core/vendor.py``; this script derives the same table from ``PACKAGES``
(see ``vendor_static_paths()``) and reports any difference.

Standard library only (Python 3.11+); needs ``npm`` on PATH.

To bump a library: change ``version`` and ``integrity`` (``npm view <pkg>@<version>
dist.integrity``), run this script, delete the old ``static/vendor/<pkg>-<old>/``
folder, and update ``tridaya/core/vendor.py``.
"""

from __future__ import annotations

import argparse
import ast
import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# --------------------------------------------------------------------------- #
# The pinned packages.  `files` maps a path inside the npm tarball (relative to
# the package root) to a path inside static/vendor/<name>-<version>/.  `static`
# maps the short names used by templates (tridaya/core/vendor.py) to a
# destination path of this package.
#
# The *.map files are copied on purpose: the minified css/js end with a
# `sourceMappingURL=` comment, and Django's ManifestStaticFilesStorage (used in
# production via whitenoise) fails `collectstatic` when a referenced file is
# missing.
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Package:
    name: str  # npm package name
    version: str  # exact version, no ranges
    integrity: str  # npm `dist.integrity` (SRI, sha512) of the tarball
    license: str  # SPDX id, for README.md
    files: dict[str, str]  # tarball path -> destination path
    static: dict[str, str] = field(default_factory=dict)  # short name -> destination path

    @property
    def folder(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


PACKAGES: tuple[Package, ...] = (
    Package(
        name="bootstrap",
        version="5.3.9",
        integrity="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w==",
        license="MIT",
        files={
            "dist/css/bootstrap.min.css": "bootstrap.min.css",
            "dist/css/bootstrap.min.css.map": "bootstrap.min.css.map",
            "dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
            "dist/js/bootstrap.bundle.min.js.map": "bootstrap.bundle.min.js.map",
        },
        static={"bootstrap_css": "bootstrap.min.css", "bootstrap_js": "bootstrap.bundle.min.js"},
    ),
    Package(
        name="bootstrap-icons",
        version="1.13.2",
        integrity="sha512-fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A==",
        license="MIT",
        files={
            "font/bootstrap-icons.min.css": "bootstrap-icons.min.css",
            # the css refers to url("fonts/bootstrap-icons.woff2?...")
            "font/fonts/bootstrap-icons.woff2": "fonts/bootstrap-icons.woff2",
            "font/fonts/bootstrap-icons.woff": "fonts/bootstrap-icons.woff",
        },
        static={"icons_css": "bootstrap-icons.min.css"},
    ),
    Package(
        name="htmx.org",
        version="2.0.11",
        integrity="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==",
        license="0BSD",
        files={"dist/htmx.min.js": "htmx.min.js"},
        static={"htmx_js": "htmx.min.js"},
    ),
    Package(
        name="leaflet",
        version="1.9.4",
        integrity="sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        license="BSD-2-Clause",
        files={
            "dist/leaflet.js": "leaflet.js",
            "dist/leaflet.js.map": "leaflet.js.map",
            "dist/leaflet.css": "leaflet.css",
            # the css refers to url(images/...)
            "dist/images/layers.png": "images/layers.png",
            "dist/images/layers-2x.png": "images/layers-2x.png",
            "dist/images/marker-icon.png": "images/marker-icon.png",
            "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
            "dist/images/marker-shadow.png": "images/marker-shadow.png",
        },
        static={"leaflet_css": "leaflet.css", "leaflet_js": "leaflet.js"},
    ),
    Package(
        name="chart.js",
        version="4.6.1",
        integrity="sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g==",
        license="MIT",
        files={
            # chart.umd.js is already minified in chart.js 4.x
            "dist/chart.umd.js": "chart.umd.js",
            "dist/chart.umd.js.map": "chart.umd.js.map",
        },
        static={"chart_js": "chart.umd.js"},
    ),
    Package(
        # Not used by pages: the browser tests (e2e/test_accessibility.py) inject it to
        # check every main page against WCAG 2.1 AA offline.
        name="axe-core",
        version="4.14.1",
        integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        license="MPL-2.0",
        files={"axe.min.js": "axe.min.js"},
        static={"axe_js": "axe.min.js"},
    ),
)

LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt")

REPO_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
VENDOR_PY = REPO_ROOT / "tridaya" / "core" / "vendor.py"
STATIC_PREFIX = "vendor"  # static/vendor/... is served as {% static "vendor/..." %}


class FetchError(Exception):
    """A failure that ends the script with a message and a non-zero exit."""


# --------------------------------------------------------------------------- #
# Derived data
# --------------------------------------------------------------------------- #


def vendor_static_paths() -> dict[str, str]:
    """The short-name -> static path table; must equal tridaya.core.vendor.VENDOR."""
    paths: dict[str, str] = {}
    for pkg in PACKAGES:
        for key, dest in pkg.static.items():
            if dest not in pkg.files.values():
                raise FetchError(f"{pkg.name}: static[{key!r}] = {dest!r} is not a copied file")
            paths[key] = f"{STATIC_PREFIX}/{pkg.folder}/{dest}"
    return paths


def installed_license(folder: Path) -> Path | None:
    for name in LICENSE_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def is_complete(pkg: Package) -> bool:
    folder = VENDOR_DIR / pkg.folder
    return all((folder / dest).is_file() for dest in pkg.files.values()) and (
        installed_license(folder) is not None
    )


# --------------------------------------------------------------------------- #
# Fetching
# --------------------------------------------------------------------------- #


def npm_pack(pkg: Package, dest: Path) -> Path:
    """Download the exact-version tarball of `pkg` into `dest` and return its path."""
    cmd = [
        "npm",
        "pack",
        pkg.spec,
        "--pack-destination",
        str(dest),
        "--ignore-scripts",
        "--loglevel=error",
    ]
    try:
        proc = subprocess.run(cmd, cwd=dest, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise FetchError("`npm` was not found on PATH; install Node.js/npm and retry") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        raise FetchError(f"`{' '.join(cmd)}` failed with exit code {proc.returncode}:\n{detail}")
    tarballs = sorted(dest.glob("*.tgz"))
    if len(tarballs) != 1:
        raise FetchError(f"`npm pack {pkg.spec}` produced {len(tarballs)} tarballs, expected 1")
    return tarballs[0]


def check_integrity(pkg: Package, tarball: Path) -> None:
    algo, _, expected = pkg.integrity.partition("-")
    if algo != "sha512":
        raise FetchError(f"{pkg.name}: unsupported integrity algorithm {algo!r}")
    actual = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if actual != expected:
        raise FetchError(
            f"{pkg.spec}: tarball integrity mismatch\n  expected sha512-{expected}\n"
            f"  got      sha512-{actual}"
        )


def extract(pkg: Package, tarball: Path, staging: Path) -> str:
    """Copy the listed files and the licence from `tarball` into `staging`.

    Returns the licence file name.
    """
    with tarfile.open(tarball, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        # npm tarballs hold everything under one top folder, normally "package/".
        roots = {PurePosixPath(name).parts[0] for name in members}
        if len(roots) != 1:
            raise FetchError(f"{pkg.spec}: unexpected tarball layout, top folders {sorted(roots)}")
        root = roots.pop()

        def copy(src: str, dest: str) -> None:
            member = members.get(f"{root}/{src}")
            if member is None:
                raise FetchError(f"{pkg.spec}: {src} is not in the package")
            target = staging / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            fileobj = tar.extractfile(member)
            assert fileobj is not None  # regular file
            with fileobj, target.open("wb") as out:
                shutil.copyfileobj(fileobj, out)

        license_name = next((n for n in LICENSE_NAMES if f"{root}/{n}" in members), None)
        if license_name is None:
            raise FetchError(
                f"{pkg.spec}: no licence file ({', '.join(LICENSE_NAMES)}) in the package"
            )
        copy(license_name, license_name)
        for src, dest in pkg.files.items():
            copy(src, dest)
    return license_name


def fetch(pkg: Package) -> None:
    target = VENDOR_DIR / pkg.folder
    with tempfile.TemporaryDirectory(prefix="fetch_vendor-") as tmp:
        tmpdir = Path(tmp)
        download = tmpdir / "download"
        download.mkdir()
        tarball = npm_pack(pkg, download)
        check_integrity(pkg, tarball)
        staging = tmpdir / "staging"
        license_name = extract(pkg, tarball, staging)
        # Swap in the complete folder only once everything was copied.
        VENDOR_DIR.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(staging, target)
    count = len(pkg.files) + 1
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"  fetched {pkg.spec}: {count} files ({license_name} included), {size / 1024:.0f} KiB")


# --------------------------------------------------------------------------- #
# README.md and the vendor.py cross-check
# --------------------------------------------------------------------------- #


def readme_text() -> str:
    lines = [
        "# static/vendor",
        "",
        "Third-party front-end libraries, pinned by exact version and fetched from the",
        "npm registry. **This folder is produced by `python scripts/fetch_vendor.py`; do",
        "not edit it by hand.** To change a version, edit the `PACKAGES` table in that",
        "script (and `tridaya/core/vendor.py`, which the templates use), then re-run it.",
        "",
        "| package | version | licence | folder |",
        "| --- | --- | --- | --- |",
    ]
    for pkg in PACKAGES:
        lic = installed_license(VENDOR_DIR / pkg.folder)
        lic_cell = f"{pkg.license} ([{lic.name}]({pkg.folder}/{lic.name}))" if lic else pkg.license
        lines.append(f"| {pkg.name} | {pkg.version} | {lic_cell} | `{pkg.folder}/` |")
    lines += [
        "",
        "Each folder holds only the files the app uses plus the package's licence file,",
        "copied unchanged. Source maps (`*.map`) are kept because the minified files",
        "reference them and `collectstatic` with the manifest storage requires them.",
        "",
    ]
    return "\n".join(lines)


def write_readme() -> None:
    path = VENDOR_DIR / "README.md"
    text = readme_text()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print("README.md: up to date")
        return
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"README.md: written ({path.relative_to(REPO_ROOT)})")


def declared_vendor_table() -> dict[str, str] | None:
    """Read VENDOR from tridaya/core/vendor.py without importing Django."""
    if not VENDOR_PY.is_file():
        return None
    tree = ast.parse(VENDOR_PY.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "VENDOR" for t in targets):
            value = ast.literal_eval(node.value)  # type: ignore[attr-defined]
            return dict(value)
    return None


def check_vendor_py() -> bool:
    expected = vendor_static_paths()
    declared = declared_vendor_table()
    rel = VENDOR_PY.relative_to(REPO_ROOT)
    if declared is None:
        print(f"WARNING: no VENDOR table found in {rel}", file=sys.stderr)
        return False
    if declared == expected:
        print(f"{rel}: matches the PACKAGES table")
        return True
    print(f"WARNING: {rel} does not match the PACKAGES table:", file=sys.stderr)
    for key in sorted(expected.keys() | declared.keys()):
        if expected.get(key) != declared.get(key):
            print(
                f"  {key}: script {expected.get(key)!r}, vendor.py {declared.get(key)!r}",
                file=sys.stderr,
            )
    return False


# --------------------------------------------------------------------------- #
# Main
# --------------------------------------------------------------------------- #


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--force", action="store_true", help="re-fetch packages that are already present"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="fetch nothing; exit 1 if anything is missing or out of sync",
    )
    args = parser.parse_args(argv)

    print(f"vendor folder: {VENDOR_DIR.relative_to(REPO_ROOT)}/")
    ok = True
    try:
        vendor_static_paths()  # validates the table
        for pkg in PACKAGES:
            if is_complete(pkg) and not args.force:
                print(f"  ok      {pkg.spec}: already present in {pkg.folder}/")
                continue
            if args.check:
                print(f"  MISSING {pkg.spec}: {pkg.folder}/ is incomplete", file=sys.stderr)
                ok = False
                continue
            fetch(pkg)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    known = {pkg.folder for pkg in PACKAGES}
    if VENDOR_DIR.is_dir():
        for stray in sorted(
            p.name for p in VENDOR_DIR.iterdir() if p.is_dir() and p.name not in known
        ):
            print(f"note: static/vendor/{stray}/ is not in PACKAGES (old version?); delete it")

    if args.check:
        path = VENDOR_DIR / "README.md"
        if not (path.is_file() and path.read_text(encoding="utf-8") == readme_text()):
            print("README.md: out of date", file=sys.stderr)
            ok = False
    else:
        write_readme()
    ok = check_vendor_py() and ok
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
