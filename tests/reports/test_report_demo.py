"""The report on a store filled by a REAL demo-source session (real scene, OCR, monitor, store).

What must hold for an inspector: every violation recorded appears; coverage adds up to the
session's length; a tampered record or snapshot turns the integrity line red and says where;
the PDF carries embedded CJK fonts, the chart and the thumbnails.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.reports import build_report, drive, load_report
from app.reports.render import render_html
from app.store import Store
from tests.reports.conftest import copy_store
from tests.reports.demo_session import EXPECTED_FAULTS

pytestmark = pytest.mark.slow


def violation_records(db: Path, sid: str) -> list:
    with Store.open(db, readonly=True) as store:
        return list(store.records(sid, ["violation_start"]))


def test_every_violation_of_the_session_is_in_the_report(demo_store: tuple[Path, str],
                                                         tmp_path: Path) -> None:
    db, sid = demo_store
    recorded = violation_records(db, sid)
    data = drive(build_report(db, sid, tmp_path / "r.html"))
    assert [v.seq for v in data.violations] == [r.seq for r in recorded]
    assert {(v.element, v.requirement) for v in data.violations} >= EXPECTED_FAULTS
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for r in recorded:
        assert r.t.astimezone().strftime("%H:%M:%S") in html
        assert r.snapshot is not None and r.snapshot[:16] in html  # its evidence thumbnail
    assert "全网最低价" in html and "今晚全网最低价" in html  # the term and its line
    assert "u.wechat.com/demo-private-account" in html  # the QR payload
    assert "000《网络直播营销合规指引（兵团市场监管局）》第十条5" in html  # file + article
    assert html.count('src="data:image/jpeg;base64,') == len(recorded)
    assert "data:image/svg+xml;base64," in html  # the timeline chart


def test_coverage_adds_up_to_the_session_length(demo_store: tuple[Path, str]) -> None:
    db, sid = demo_store
    data = drive(load_report(db, sid))
    with Store.open(db, readonly=True) as store:
        start = next(store.records(sid, ["session_start"])).t
        end = next(store.records(sid, ["session_end"])).t
    length = (end - start).total_seconds()
    cov = data.coverage
    assert cov.length == pytest.approx(length)
    assert len(data.gaps) == 1 and cov.gap_seconds > 1.0  # the test's disconnection
    assert cov.watched + cov.gap_seconds == pytest.approx(length)
    for element, ec in cov.elements.items():
        assert sum(ec.seconds.values()) == pytest.approx(cov.watched), element
    ad = cov.elements["ad_label"].seconds
    assert ad["m"] + ad["c"] + ad["i"] > 0  # the demo's removed/covered label was seen
    assert cov.elements["ai_disclosure"].seconds["-"] > 0.9 * cov.watched  # human host


def test_products_reminders_and_room_records(demo_store: tuple[Path, str]) -> None:
    db, sid = demo_store
    data = drive(load_report(db, sid))
    assert [p.name for p in data.products] == [
        "云南高山土蜂蜜", "韩国进口积雪草修护面霜", "儿童316不锈钢保温杯（可刻名字）"]
    honey = {r.reminder_id: r.state for r in data.products[0].reminders}
    assert honey["S4"] == "said" and honey["S1"] == "said"
    assert honey["S2"] == "unsaid" and honey["S8"] == "unsaid"
    assert len(data.ad_segments) == 1 and not data.ad_segments[0].open_at_end
    assert data.corrections[0]["wrong"] == "保质期5年"
    assert len(data.selection_reviews) == 3 and len(data.preshow_checklists) == 1
    assert data.header.room == "演示直播间" and data.header.host == "小林"
    assert data.integrity.ok


def test_tampered_record_turns_the_integrity_line_red(demo_store: tuple[Path, str],
                                                      tmp_path: Path) -> None:
    db = copy_store(demo_store[0], tmp_path)
    sid = demo_store[1]
    target = violation_records(db, sid)[0]
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER records_no_update")
    conn.execute("UPDATE records SET payload = json_set(payload, '$.status', 'ok') WHERE seq = ?",
                 (target.seq,))
    conn.commit()
    conn.close()
    data = drive(build_report(db, sid, tmp_path / "r.html"))
    assert not data.integrity.ok and data.integrity.bad_in_session
    assert data.integrity.first_bad_seq == target.seq
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "哈希链校验失败" in html and f"seq {target.seq} (violation_start)" in html
    assert "问题记录属于本场次" in html and "校验 失败" in html  # body and every page's footer


def test_altered_snapshot_is_named(demo_store: tuple[Path, str], tmp_path: Path) -> None:
    db = copy_store(demo_store[0], tmp_path)
    sid = demo_store[1]
    target = violation_records(db, sid)[-1]
    path = target.snapshot_path(db)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"\x00")
    data = drive(load_report(db, sid))
    assert not data.integrity.ok and "snapshot file altered" in data.integrity.first_bad
    text = drive(render_html(data, "en"))
    assert "Hash chain verification FAILED" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_embeds_cjk_fonts_and_renders(demo_store: tuple[Path, str], tmp_path: Path) -> None:
    db, sid = demo_store
    out = tmp_path / "report.pdf"
    drive(build_report(db, sid, out, "pdf"))
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk)  # embedded and subset
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    for needle in ("直播合规报告", "在屏覆盖率", "违规记录", "全网最低价", "哈希链校验通过",
                   "云南高山土蜂蜜", "口误更正记录"):
        assert needle in text.replace(" ", ""), needle
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout
    shas = {r.snapshot for r in violation_records(db, sid)}
    assert images.count(" jpeg ") >= len(shas)  # the thumbnails
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(out),
                    str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 10_000


def test_english_report(demo_store: tuple[Path, str], tmp_path: Path) -> None:
    db, sid = demo_store
    drive(build_report(db, sid, tmp_path / "en.html", "html", "en"))
    html = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert "Live-stream compliance report" in html and "On-screen coverage" in html
    assert "直播合规报告" not in html
