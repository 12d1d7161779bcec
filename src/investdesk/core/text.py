"""Vietnamese text: stored in NFC, searched through a folded key.

A person types "khanh hoa", "Khánh Hoà" or "KHÁNH HÒA" and expects the same rows. The folded key
ignores case, every diacritic (so also the two tone-mark placements "hòa"/"hoà", "thủy"/"thuỷ") and
đ/d, and it is identical on SQLite and PostgreSQL because it is computed here, not by the database.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Letters that carry their mark in the base code point, so NFD does not split them.
_BASE_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ı": "i"})


def nfc(text: str | None) -> str:
    """The canonical stored form: NFC, single spaces, no surrounding space."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def nfc_text(text: str | None) -> str:
    """NFC for multi-line text: keeps the line breaks, trims the ends."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()


def fold(text: str | None) -> str:
    """The search key of ``text``: lower case, no diacritics, đ → d, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_BASE_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold().translate(_BASE_LETTERS)).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search box's text; every word must match."""
    # A NUL cannot be stored in a key nor quoted in an FTS5 phrase: it matches nothing, so it goes.
    return [word for word in fold(query).replace("\x00", "").split(" ") if word]
