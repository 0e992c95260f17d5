"""Loaded by pytest (`-p tridaya.test_environment`) before Django settings are read."""

import os

os.environ.setdefault("TRIDAYA_TESTING", "1")
os.environ.setdefault("TRIDAYA_HTTPS", "0")
