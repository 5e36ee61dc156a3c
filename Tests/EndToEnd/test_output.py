"""Output a person reads, at 60 and 120 columns: `campaign stats` as a record and tables (not a
tree), lists in table cells by their items, and `batch watch`'s summary without two headers that
read the same. JSON output is unchanged."""
import json
import os
import subprocess

import pytest

from conftest import ROOT

STATS = """let accounts = mailbox list | where type == "SMTP" | get id
let c = campaign new "Q4" --accounts $accounts --timezone Europe/Berlin --daily-enroll 50 \\
    --subject "Hi" --message "<p>Hello</p>" --window "MON-SUN all-day"
for i in [1 2 3 4 5 6 7 8 9 10] { let p = prospect add "p$i@acme.com" --campaign $c.id }
let r = campaign run $c.id
let a = sandbox advance 12h
"""


def run_wps(wps, script, output, columns=None):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([str(wps), "--sandbox", "--output", output, "-c", script], capture_output=True, text=True,
                          env=env, timeout=300, cwd=ROOT)


def header_cells(lines):
    """The headers of the table whose rule line is the first line starting with '─', each joined
    across the lines it is broken onto."""
    rule = next(i for i, line in enumerate(lines) if line.startswith("─"))
    spans, start = [], None
    for index, char in enumerate(lines[rule] + " "):
        if char == "─" and start is None:
            start = index
        elif char != "─" and start is not None:
            spans.append((start, index))
            start = None
    top = rule
    while top > 0 and lines[top - 1].strip():
        top -= 1
    return ["".join(line[a:b].strip() for line in lines[top:rule]) for a, b in spans]


@pytest.mark.parametrize("columns", [60, 120])
def test_campaign_stats_prints_a_record_and_tables(wps, columns):
    out = run_wps(wps, STATS + "campaign stats $c.id --interval 50ms", "table", columns)
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout
    assert "├─" not in text and "└─" not in text, text
    sections = text.strip("\n").split("\n\n")
    assert [s.splitlines()[0] for s in sections[1:]] == ["totals", "mailboxes", "steps"], text
    assert sections[0].splitlines()[0].split() == ["field", "value"] and "\nname    Q4" in sections[0]
    assert "\ncontacted_prospects  10" in sections[1]
    mailboxes = sections[2].splitlines()
    # Three mailboxes: one column each, a row per count.
    assert mailboxes[1].startswith("sent_from ") and mailboxes[1].count("@demo.") == 3, sections[2]
    assert any(line.startswith("contacted_prospects ") for line in mailboxes)
    for line in text.splitlines():
        assert len(line) <= columns, line
    assert len(text.splitlines()) < 60
    # JSON is the record as it was.
    record = json.loads(run_wps(wps, STATS + "campaign stats $c.id --interval 50ms", "json").stdout)
    assert list(record) == ["id", "name", "status", "from", "to", "totals", "mailboxes", "steps"]
    assert len(record["mailboxes"]) == 3 and record["totals"]["contacted_prospects"] == 10


@pytest.mark.parametrize("columns", [60, 120])
def test_batch_watch_summary_shows_lists_and_distinct_headers(wps, columns):
    out = run_wps(wps, "mailbox import examples/boxes.csv | batch watch --interval 50ms --allow-failures", "table",
                  columns)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert "items]" not in out.stdout
    # The failed and conditionally connected mailboxes by their addresses.
    assert "gail@example.com" in out.stdout and "hugo@example.com" in out.stdout, out.stdout
    for line in lines:
        assert len(line) <= columns, line
    headers = header_cells(lines)
    assert len(set(headers)) == len(headers), headers
    assert not any("…" in header for header in headers), headers
    if columns == 120:
        assert "conditionally_connected_mailboxes_count" in headers and "failed_mailboxes" in headers, headers
    else:
        # Turned round: a row per field, whole.
        assert any(line.startswith("conditionally_connected_mailboxes_count ") for line in lines), out.stdout


@pytest.mark.parametrize("columns", [60, 120])
def test_mailbox_list_is_a_row_per_mailbox_with_what_a_person_checks(wps, columns):
    """As a table, `mailbox list` shows id, email, status, daily limit, sent today and error —
    one row per mailbox (its IMAP twin folded in), not the API's two entries and their details."""
    out = run_wps(wps, "mailbox list", "table", columns=columns)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    heads = header_cells(lines)
    assert [h.replace(" ", "") for h in heads][:3] == ["id", "email", "status"], heads
    assert not any("details" in h or h == "type" for h in heads), heads
    rows = [line for line in lines if "@demo.example.com" in line]
    assert len(rows) == 3 and all(len(line) <= columns for line in lines), lines
