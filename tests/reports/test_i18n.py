"""Report strings: both languages have every key with the same placeholders."""

from __future__ import annotations

import string
import tomllib

import pytest

from app.reports.render import LANGS, Strings, cite, fmt_duration, reports_dir


def flat(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_key_in_both_languages_with_the_same_placeholders() -> None:
    with open(reports_dir() / "strings.toml", "rb") as f:
        data = tomllib.load(f)
    zh, en = flat(data["zh"]), flat(data["en"])
    # English has its own texts for V-rules (the pack's are Chinese); the rest must match.
    assert set(zh) - set(en) == set()
    assert {k for k in set(en) - set(zh) if not k.startswith("rules.V")} == set()
    for key in zh:
        assert fields(zh[key]) == fields(en[key]), key


def test_helpers() -> None:
    assert cite("000 第十条5; 001 第三十条", {"000": "指引"}, "zh") == ["000《指引》第十条5",
                                                                  "001 第三十条"]
    assert fmt_duration(8.04) == "8.0 秒" and fmt_duration(3725, "en") == "1:02:05"
    assert Strings.load("en")("reminded", n=3) == "reminded 3 times"
    assert set(LANGS) == {"zh", "en"}
    with pytest.raises(ValueError, match="unknown report language"):
        Strings.load("fr")
