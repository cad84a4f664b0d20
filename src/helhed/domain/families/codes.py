"""Pseudonymous family codes: "F-" and four characters from an alphabet without look-alikes
(no 0/O, 1/I), about a million codes. A code says nothing about the family."""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PATTERN = r"F-[2-9A-HJ-NP-Z]{4}"
_CODE = re.compile(rf"^{PATTERN}$")


def new_code(choice=secrets.choice) -> str:
    return "F-" + "".join(choice(ALPHABET) for _ in range(4))


def normalise_code(text: str) -> str | None:
    """What a user typed → a well-formed code, or None. Accepts "f-7k3q", "7K3Q", " F-7K3Q "."""
    cleaned = text.strip().upper().replace(" ", "")
    if not cleaned.startswith("F-"):
        cleaned = "F-" + cleaned.removeprefix("F")
    return cleaned if _CODE.match(cleaned) else None
