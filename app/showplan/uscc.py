"""Check digits for the 统一社会信用代码 (GB 32100-2015) and the 居民身份证号码 (GB 11643-1999).

001 第二十四条 makes the room check the merchant's 统一社会信用代码 (or, for an individual seller,
the 身份证件号码) before the product goes live. A one-character typo is the common failure, and
both codes carry a check digit that catches it, so the importer verifies it instead of trusting
the spreadsheet.
"""

from __future__ import annotations

# GB 32100-2015 code alphabet: digits and capitals without I, O, S, V, Z (value = index).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def normalize(code: str) -> str:
    """Upper-case and drop spaces and hyphens, which people add when copying from a licence."""
    return "".join(ch for ch in code.upper() if ch not in " \t-\u3000")


def uscc_check_digit(first17: str) -> str:
    """The 18th character GB 32100-2015 prescribes for these 17 characters."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def id_check_digit(first17: str) -> str:
    """The 18th character GB 11643-1999 prescribes for these 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def is_valid_id_number(code: str) -> bool:
    """True for an 18-character 居民身份证号码 with a correct check digit."""
    code = normalize(code)
    return (
        len(code) == 18
        and code[:17].isdigit()
        and code[:17].isascii()
        and id_check_digit(code[:17]) == code[17]
    )


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in words for the operator; None if valid.

    An individual seller's 身份证号码 is accepted too (001 第二十四条 allows it in place of the
    code). The expected check digit is deliberately not revealed: the fix for a mismatch is to
    re-read the licence, not to overwrite the last character.
    """
    code = normalize(code)
    if is_valid_id_number(code):
        return None
    if len(code) != 18:
        return f"应为18位，实际为{len(code)}位，请对照营业执照逐位核对"
    bad = sorted({ch for ch in code if ch not in USCC_ALPHABET})
    if bad:
        return (
            f"含有不允许的字符 {''.join(bad)}（代码中不使用 I、O、S、V、Z），"
            "请对照营业执照逐位核对"
        )
    if uscc_check_digit(code[:17]) != code[17]:
        return "校验位（第18位）不符，代码中有字符抄错，请对照营业执照逐位核对"
    return None
