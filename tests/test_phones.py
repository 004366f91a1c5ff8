"""Phone numbers: every form SPEC §6 allows is recognised and written one way."""

from __future__ import annotations

import pytest

from skillmap.phones import normalise_phone


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("0471-1234567", "0471-1234567"),
        ("(0471)1234567", "0471-1234567"),
        ("（0471）1234567", "0471-1234567"),
        ("0471 1234567", "0471-1234567"),
        ("04711234567", "0471-1234567"),
        ("010-12345678", "010-12345678"),
        ("+86 471 1234567", "0471-1234567"),
        ("0471-1234567转801", "0471-1234567转801"),
        ("0471-1234567-801", "0471-1234567转801"),
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("12333", "12333"),
        ("95588", "95588"),
        ("400-123-4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
        ("800 123 4567", "800-123-4567"),
    ],
)
def test_valid_numbers_are_normalised(written: str, canonical: str) -> None:
    assert normalise_phone(written) == canonical


@pytest.mark.parametrize(
    "written",
    ["0471-123", "1381234567", "23812345678", "abc", "0471-1234567、13812345678", "12", "0000-1234567", ""],
)
def test_invalid_numbers_are_refused(written: str) -> None:
    assert normalise_phone(written) is None
