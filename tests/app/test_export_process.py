"""The export child process, driven through its standard input and output."""

import json
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app import i18n
from app.domain_text import message_text
from app.export_protocol import (
    EXIT_CANCELLED,
    EXIT_FAILED,
    job_message,
    job_store_settings,
)
from app.message_data import message_from_data, message_to_data
from designer.atomic import staging_folder
from designer.session import DesignSession
from designer.store import StoreSettings
from rules.text import QT_TRANSLATE_NOOP as rules_noop
from rules.text import Labelled, RuleText, rule_text
from storage.messages import QT_TRANSLATE_NOOP, Message, message
from storage.order_schema import OrderState

ROOT = Path(__file__).resolve().parents[2]


def start_process():
    return subprocess.Popen(
        [sys.executable, "-m", "app.export_process"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def read_until_ready(process) -> list[dict]:
    messages = []
    for line in process.stdout:
        messages.append(json.loads(line))
        if messages[-1].get("ready"):
            break
    return messages


def test_closed_input_cancels_before_commit(catalog, tmp_path):
    out = tmp_path / "package"
    staging = staging_folder(out)
    process = start_process()
    process.stdin.write(
        job_message(
            DesignSession(catalog.get("ring-band")), out, staging, "en"
        ).decode()
    )
    process.stdin.flush()

    messages = read_until_ready(process)
    assert sorted(path.name for path in staging.iterdir()) == [
        "package",
        "package.zip",
    ]
    process.stdin.close()

    assert process.wait(timeout=60) == EXIT_CANCELLED
    assert messages[-1] == {"ready": True}
    assert list(tmp_path.iterdir()) == []


def test_changed_catalog_file_is_reported(catalog, tmp_path):
    out = tmp_path / "package"
    staging = staging_folder(out)
    job = json.loads(
        job_message(DesignSession(catalog.get("ring-band")), out, staging, "en")
    )
    job["catalog_sha256"] = "0" * 64
    process = start_process()

    output, _ = process.communicate(json.dumps(job) + "\n", timeout=120)

    assert process.returncode == EXIT_FAILED
    error = json.loads(output.splitlines()[-1])["error"]
    assert "ring-band.toml" in error
    assert "open the design again" in error
    assert list(tmp_path.iterdir()) == []


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def test_failure_comes_back_as_message_data(qapp, catalog, tmp_path):
    out = tmp_path / "package"
    staging = staging_folder(out)
    session = DesignSession(catalog.get("ring-band"))
    job = json.loads(job_message(session, out, staging, "zh_CN"))
    # No material has a price in this currency, so pricing the draft fails.
    job["currency"] = "JPY"
    process = start_process()

    output, _ = process.communicate(json.dumps(job) + "\n", timeout=120)

    assert process.returncode == EXIT_FAILED
    report = json.loads(output.splitlines()[-1])
    assert "JPY" in report["error"]
    assert not has_chinese(report["error"])
    failure = message_from_data(report["message"])
    assert str(failure) == report["error"]
    i18n.set_language("zh_CN")
    try:
        chinese = message_text(failure)
    finally:
        i18n.set_language("en")
    assert "JPY" in chinese
    assert has_chinese(chinese)
    assert message_text(failure) == report["error"]
    assert list(tmp_path.iterdir()) == []


def test_message_data_keeps_value_types():
    reason = rule_text(
        rules_noop("Rules", "one of {values}"), values=("'flat'", "'court'")
    )
    original = message(
        QT_TRANSLATE_NOOP(
            "Orders", "{order} {state} {amount:.2f} {at:%Y-%m-%d} {size} {reason}"
        ),
        order="A-1",
        state=OrderState.PAID,
        amount=Decimal("12.3"),
        at=datetime(2025, 6, 1, 10, 30),
        size=Labelled("size", {"en": "Ring size", "zh_CN": "戒指尺码"}),
        reason=reason,
    )

    restored = message_from_data(json.loads(json.dumps(message_to_data(original))))

    assert isinstance(restored, Message)
    assert restored.context == "Orders"
    assert str(restored) == str(original)
    assert restored.values["state"] is OrderState.PAID
    assert restored.values["amount"] == Decimal("12.3")
    assert restored.values["at"] == datetime(2025, 6, 1, 10, 30)
    assert restored.values["size"].label("zh_CN") == "戒指尺码"
    assert isinstance(restored.values["reason"], RuleText)
    assert restored.values["reason"].context == "Rules"
    assert str(restored.values["reason"]) == "one of 'flat', 'court'"


@pytest.mark.parametrize(
    "data",
    [
        {"list": ["text"]},
        {"message": {"template": "no context or values"}},
        {"message": {"context": "", "template": "{x}", "values": {"x": {"enum": 1}}}},
    ],
)
def test_invalid_message_data_rejected(data):
    with pytest.raises(ValueError, match="message data"):
        message_from_data(data)


def test_invalid_job_line_is_reported(tmp_path):
    process = start_process()

    output, _ = process.communicate("not json\n", timeout=120)

    assert process.returncode == EXIT_FAILED
    assert "invalid export job 'not json" in json.loads(output)["error"]


def test_job_carries_store_tax(catalog, tmp_path):
    store = StoreSettings(tax_rate=Decimal("0.07"), tax_names={"en": "GST"})
    session = DesignSession(catalog.get("cabinet"))
    line = job_message(session, tmp_path / "p", tmp_path / "s", "en", store)

    read = job_store_settings(json.loads(line))

    assert read.tax_rate == Decimal("0.07")
    assert read.tax_names == {"en": "GST"}
    assert read.currency == session.currency


def test_job_without_store_takes_defaults(catalog, tmp_path):
    session = DesignSession(catalog.get("cabinet"))
    line = job_message(session, tmp_path / "p", tmp_path / "s", "en")

    read = job_store_settings(json.loads(line))

    assert read == StoreSettings()


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("1.5", "tax rate 1.5 is invalid"),
        ("twenty", "tax rate 'twenty' in the export job is not a number"),
    ],
)
def test_job_rejects_invalid_tax_rate(catalog, tmp_path, rate, message):
    job = json.loads(
        job_message(
            DesignSession(catalog.get("cabinet")), tmp_path / "p", tmp_path / "s", "en"
        )
    )
    job["tax"] = {"rate": rate, "names": {"en": "VAT"}}

    with pytest.raises(ValueError, match=message):
        job_store_settings(job)


def test_write_failure_names_the_package_folder(catalog, tmp_path):
    import io

    from app.export_process import run_job

    out = tmp_path / "package"
    # A staging "folder" that is a file makes every write inside it fail
    # with the system's text about that hidden path.
    staging = tmp_path / ".package.x1y2z3.tmp"
    staging.write_text("in the way", encoding="utf-8")
    job = json.loads(
        job_message(DesignSession(catalog.get("ring-band")), out, staging, "en")
    )
    stdout = io.StringIO()

    code = run_job(job, io.StringIO(""), stdout)

    assert code == EXIT_FAILED
    report = json.loads(stdout.getvalue().splitlines()[-1])
    assert report["error"].startswith(f"{out} cannot be written")
    assert ".package.x1y2z3.tmp" not in report["error"]
    assert "Errno" not in report["error"]
    assert "message" in report
