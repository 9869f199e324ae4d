"""The application's version, as written into exports and shown in About."""

from __future__ import annotations

import importlib.metadata

FALLBACK = "0.0.0+unknown"  # a frozen build without package metadata


def app_version() -> str:
    try:
        return importlib.metadata.version("suluhu")
    except importlib.metadata.PackageNotFoundError:
        return FALLBACK
