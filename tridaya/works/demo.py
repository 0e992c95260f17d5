"""Demo seed for the works (filled below)."""


def seed(log) -> None:
    return None
