"""Shared helpers for the Python end-to-end tests: where the repository and the binary are."""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
POCLINT = os.environ.get("POCLINT", str(ROOT / ".build" / "debug" / "poclint"))
FIXTURES = ROOT / "fixtures"
