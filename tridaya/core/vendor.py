"""Static paths of vendored front-end libs; must match PACKAGES in scripts/fetch_vendor.py."""

VENDOR: dict[str, str] = {
    "bootstrap_css": "vendor/bootstrap-5.3.9/bootstrap.min.css",
    "bootstrap_js": "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
    "icons_css": "vendor/bootstrap-icons-1.13.2/bootstrap-icons.min.css",
    "htmx_js": "vendor/htmx.org-2.0.11/htmx.min.js",
    "leaflet_css": "vendor/leaflet-1.9.4/leaflet.css",
    "leaflet_js": "vendor/leaflet-1.9.4/leaflet.js",
    "chart_js": "vendor/chart.js-4.6.1/chart.umd.js",
    "axe_js": "vendor/axe-core-4.14.1/axe.min.js",
}
