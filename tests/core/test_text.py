"""Vietnamese folding: the search key ignores case, diacritics, đ/d and tone-mark placement."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from investdesk.core.text import fold, nfc, search_terms

VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vietnamese_text = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " ", max_size=40)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khánh Hòa", "khanh hoa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("THỦY", "thuỷ"),
        ("Đầu tư", "dau tu"),
        ("đ", "D"),
        ("Quy hoạch  ", " quy   hoach"),
    ],
)
def test_equivalent_spellings_fold_alike(a, b):
    assert fold(a) == fold(b)


def test_fold_of_empty_values():
    assert fold(None) == "" and fold("") == "" and nfc(None) == ""


def test_search_terms_split_folded_words():
    assert search_terms("  Khánh   HÒA ") == ["khanh", "hoa"]


@given(vietnamese_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese_text)
def test_fold_is_blind_to_normal_form_and_case(text):
    nfd = unicodedata.normalize("NFD", text)
    assert fold(nfd) == fold(text) == fold(text.upper()) == fold(text.lower())


@given(vietnamese_text)
def test_fold_leaves_only_ascii_letters_and_spaces(text):
    folded = fold(text)
    assert all(ch == " " or ("a" <= ch <= "z") for ch in folded)


@given(vietnamese_text)
def test_nfc_is_composed_and_stable(text):
    stored = nfc(text)
    assert unicodedata.is_normalized("NFC", stored)
    assert nfc(stored) == stored


@given(st.text(max_size=60))
def test_fold_never_fails_on_any_text(text):
    assert isinstance(fold(text), str)
