"""`mailbox import` and `batch watch` at scale against a `wps sandbox` process: faults, kill -9
and resume, invalid rows, reports — exactly once, checked against the sandbox's own state."""
import csv
import glob
import json
import os
import signal
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from conftest import running_sandbox, run_wps_json, ROOT, Sandbox, profile_environment, wait_for_file_text, wait_until

KEY = "import-e2e-key"
PASSWORD = "Planted-Import-Pw-6620"


def write_rows(path: Path, count: int, prefix: str = "box") -> list[str]:
    emails = [f"{prefix}{i}@example.com" for i in range(count)]
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["email", "password", "host", "port", "imap_host", "imap_port", "from_name"])
        for i, email in enumerate(emails):
            w.writerow([email, PASSWORD, "smtp.example.com", 465, "imap.example.com", 993, f"Box {i}"])
    return emails


def environment(tmp_path: Path, box: Sandbox) -> dict:
    return profile_environment(tmp_path, box, KEY)


run_wps = run_wps_json
sandbox = running_sandbox


def sandbox_mailboxes(box: Sandbox) -> list[str]:
    """Every SMTP mailbox the sandbox holds for KEY (retrying through injected faults)."""
    def answer():
        request = urllib.request.Request(f"{box.url}/rest/v2/mailboxes", headers={"x-api-key": KEY})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return [[m["details"]["email"] for m in json.loads(response.read()) if m["type"] == "SMTP"]]
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            return None
    return wait_until(answer, "the sandbox to answer GET mailboxes (through its injected faults)")[0]


def read_report(path: Path) -> list[dict]:
    with path.open() as f:
        return list(csv.DictReader(f))


def assert_exactly_once(box, emails, report_path, source):
    held = sandbox_mailboxes(box)
    mine = [e for e in held if e.startswith(emails[0].split("0@")[0])]
    assert len(mine) == len(set(mine)), "a mailbox was connected twice"
    assert sorted(mine) == sorted(emails)
    rows = read_report(report_path)
    assert PASSWORD not in report_path.read_text()
    assert len(rows) == len(emails)
    assert sorted(int(r["line"]) for r in rows) == list(range(2, len(emails) + 2))
    assert {r["email"] for r in rows} == set(emails)
    assert all(r["source"] == str(source) for r in rows)
    assert {r["outcome"] for r in rows} == {"connected"}


def test_ten_thousand_rows_through_429_503_and_dropped_connections_land_exactly_once(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_rows(source, 10_000)
    with sandbox(wps, "--processing-delay", "1500", "--log",
                  "--faults", "429:0.1,503:0.05,drop-after:0.01,seed=11") as box:
        env = environment(tmp_path, box)
        report = tmp_path / "report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch --interval 200ms --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert_exactly_once(box, emails, report, source)
        summaries = json.loads(out.stdout)
        assert sum(s["connected_mailboxes_count"] for s in summaries) == 10_000
        assert PASSWORD not in out.stdout + out.stderr
    log = box.log
    assert log.count("POST /rest/v2/mailboxes/manual_connection/bulk") >= 50
    assert PASSWORD not in log


def test_a_lost_answer_is_reconciled_not_resent(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_rows(source, 600, prefix="lost")
    # The first three POSTs are processed, then their connections are closed unanswered.
    with sandbox(wps, "--processing-delay", "2000", "--faults", "first:3:drop-after,method=POST") as box:
        env = environment(tmp_path, box)
        report = tmp_path / "report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {source} --parallel 1 | batch watch --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert out.stderr.count("the answer was lost") == 3
        assert_exactly_once(box, emails, report, source)
        assert len(json.loads(out.stdout)) == 3


def test_killed_with_sigkill_and_run_again_lands_exactly_once(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_rows(source, 4_000, prefix="kill")
    with sandbox(wps, "--processing-delay", "500", "--latency", "150") as box:
        env = environment(tmp_path, box)
        first = subprocess.Popen([str(wps), "-c", f"mailbox import {source} --parallel 2"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journals = str(tmp_path / "state" / "wps" / "imports" / "*.journal")
        journal = Path(wait_until(lambda: glob.glob(journals), "the import to start its journal")[0])
        wait_for_file_text(journal, lambda text: text.count("\naccepted ") >= 4, "the import to journal four batches")
        assert journal is not None, "the import never journaled four batches"
        first.send_signal(signal.SIGKILL)
        first.wait()
        text = journal.read_text()
        assert "finished" not in text and PASSWORD not in text
        assert oct(journal.stat().st_mode & 0o777) == "0o600"

        report = tmp_path / "report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert "resuming:" in out.stderr
        assert_exactly_once(box, emails, report, source)
        assert journal.read_text().rstrip().endswith("finished")

        # A third run sends nothing at all.
        again = run_wps(wps, env, "-c", f"mailbox import {source} | count")
        assert again.returncode == 0, again.stderr
        assert "4000 of 4000 rows were accepted by an earlier run" in again.stderr
        assert sorted(sandbox_mailboxes(box)) == sorted(emails)


def test_another_api_key_is_another_account_with_its_own_journal(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_rows(source, 250, prefix="acct")
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "0") as box:
        env = environment(tmp_path, box)
        assert run_wps(wps, env, "-c", f"mailbox import {source} | count").returncode == 0
        journals = glob.glob(str(tmp_path / "state" / "wps" / "imports" / "*.journal"))
        assert len(journals) == 1 and KEY not in journals[0]
        # Same file, same profile, another key: nothing of the first account's journal applies.
        other = dict(env, SANDBOX_KEY="import-e2e-other-account")
        out = run_wps(wps, other, "-c", f"mailbox import {source} | count")
        assert out.returncode == 0, out.stderr[-3000:]
        assert "resuming" not in out.stderr and json.loads(out.stdout) == 2
        assert len(glob.glob(str(tmp_path / "state" / "wps" / "imports" / "*.journal"))) == 2
        # The first key's import is finished: its run sends nothing.
        again = run_wps(wps, env, "-c", f"mailbox import {source} | count")
        assert again.returncode == 0 and "resuming" in again.stderr


def test_invalid_rows_are_all_reported_and_nothing_is_sent(wps, tmp_path):
    with sandbox(wps, "--log") as box:
        env = environment(tmp_path, box)
        fixture = ROOT / "Tests" / "EndToEnd" / "fixtures" / "invalid-mailboxes.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {fixture}")
        assert out.returncode == 2
        expected = [
            ":3: smtp_email: must be a valid email address", ":4: smtp_password: must be provided",
            ":5: smtp_server: must be provided", ":6: smtp_port: must be in 1…65535, got 0",
            ":7: smtp_port: must be a whole number, got 'smtp'", ":8: imap_email: must be a valid email address",
            ":9: imap_port: must be in 1…65535, got 70000", ":10: imap_server: must be provided",
            ":11: bcc: must be a valid email address", ":12: open_tracking_domain: must be a valid domain",
            ":12: click_tracking_domain: must be a valid domain", ":12: unsubscribe_tracking_domain: must be a valid domain",
            ":13: sending_wait_time_from: must be in 10…9999, got 5", ":14: sending_wait_time_to: must be in 20…9999, got 10000",
            ":15: sending_wait_time_from: requires sending_wait_time_to", ":16: sending_wait_time_to: requires sending_wait_time_from",
            ":17: sending_wait_time_from: must be smaller than sending_wait_time_to", ":18: daily_sending_limit: must be in 1…5500, got 0",
            ":19: daily_sending_limit: must be in 1…5500, got 5501", ":20: duplicate mailbox GOOD@example.com: already on line 2",
        ]
        for line in expected:
            assert f"{fixture}{line}" in out.stderr, line
        assert "nothing was sent" in out.stderr
        blank = ROOT / "Tests" / "EndToEnd" / "fixtures" / "invalid-mailboxes.json"
        out = run_wps(wps, env, "-c", f"mailbox import {blank}")
        assert out.returncode == 2
        # JSON rows are named by the line their object starts on.
        for line in [":2: smtp_login: must not be blank", ":2: smtp_from_name: must not be blank", ":2: footer: must not be blank",
                     ":4: smtp_port: must be a whole number, got '465.5'"]:
            assert f"{blank}{line}" in out.stderr, line

        # --skip-invalid sends the one good row (line 2) and lists the rest.
        out = run_wps(wps, env, "-c", f"mailbox import {fixture} --skip-invalid")
        assert out.returncode == 0, out.stderr
        assert "skipping 18 invalid rows" in out.stderr
        records = json.loads(out.stdout)
        # The batch, then (since the skipped rows are reported too) one record of the skipped rows.
        assert [r["lines"] for r in records if r.get("status") != "skipped"] == ["2"]
        assert [r["size"] for r in records if r.get("status") == "skipped"] == [18]
    log = box.log
    assert log.count("POST /rest/v2/mailboxes/manual_connection/bulk") == 1  # only the --skip-invalid run


def test_failures_exit_1_with_a_report_unless_allowed(wps, tmp_path):
    with sandbox(wps, "--processing-delay", "100") as box:
        env = environment(tmp_path, box)
        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {ROOT}/examples/boxes.csv | batch watch --report {report}")
        assert out.returncode == 1
        assert "failed to connect" in out.stderr and "--allow-failures" in out.stderr
        rows = read_report(report)
        outcomes = {r["email"]: (r["outcome"], r["error"]) for r in rows}
        assert len(rows) == sum(1 for _ in open(ROOT / "examples" / "boxes.csv")) - 1
        assert any(o == "failed" and e for o, e in outcomes.values())
        assert any(o == "conditionally_connected" for o, _ in outcomes.values())
        assert oct(report.stat().st_mode & 0o777) == "0o600"
        again = tmp_path / "again.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {ROOT}/examples/boxes.csv | batch watch --allow-failures --report {again}")
        assert out.returncode == 0, out.stderr
        assert "rows were accepted by an earlier run" in out.stderr
        assert read_report(again) == rows


def test_the_journal_cannot_be_written_so_nothing_is_sent(wps, tmp_path):
    with sandbox(wps, "--log") as box:
        env = environment(tmp_path, box)
        source = tmp_path / "boxes.csv"
        write_rows(source, 10, prefix="full")
        out = run_wps(wps, env, "-c", f"mailbox import {source} --journal /dev/full")
        assert out.returncode != 0
        assert "cannot write the import journal /dev/full" in out.stderr
    log = box.log
    assert "POST /rest/v2/mailboxes/manual_connection/bulk" not in log


def test_stdin_and_ndjson_sources_and_saleshandy(wps, tmp_path):
    with sandbox(wps, "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        env["SALESHANDY_API_KEY"] = KEY
        config = tmp_path / "config" / "wps" / "config.yaml"
        config.write_text(config.read_text() + f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: SANDBOX_KEY }}\n")
        lines = "\n".join(json.dumps({"email": f"nd{i}@example.com", "password": PASSWORD, "host": "smtp.example.com", "port": 465,
                                      "imap_host": "imap.example.com", "imap_port": 993}) for i in range(5))
        nd = tmp_path / "boxes.ndjson"
        nd.write_text(lines + "\n")
        report = tmp_path / "nd.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {nd} --batch-size 2 | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert [int(r["line"]) for r in read_report(report)] == [1, 2, 3, 4, 5]
        out = subprocess.run([str(wps), "--output", "json", "-c", "mailbox import - --batch-size 3 | batch watch --report " + str(tmp_path / "in.csv")],
                             input=lines.replace("nd", "in"), capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        assert {r["email"] for r in read_report(tmp_path / "in.csv")} == {f"in{i}@example.com" for i in range(5)}
        sh = tmp_path / "sh.csv"
        write_rows(sh, 7, prefix="sh")
        out = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {sh} --batch-size 3 | batch watch --report {tmp_path / 'shr.csv'}")
        assert out.returncode == 0, out.stderr
        rows = read_report(tmp_path / "shr.csv")
        assert sorted(int(r["line"]) for r in rows) == list(range(2, 9))
        assert PASSWORD not in out.stdout + out.stderr


def test_piped_records_and_microsoft_rows_are_checked_with_their_positions(wps, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["XDG_STATE_HOME"] = str(tmp_path)
    rows = tmp_path / "boxes.yaml"
    rows.write_text("- {email: y1@example.com, password: pw, host: smtp.example.com, port: 465, imap_host: imap.example.com, imap_port: 993}\n"
                    "- {email: y2@example.com, password: pw, host: smtp.example.com, port: 465, imap_host: imap.example.com, imap_port: 993}\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"open {rows} | mailbox import | batch watch --report {tmp_path / 'r.csv'}")
    assert out.returncode == 0, out.stderr
    report = read_report(tmp_path / "r.csv")
    assert [(r["source"], r["line"], r["email"]) for r in report] == [("<pipeline>", "1", "y1@example.com"), ("<pipeline>", "2", "y2@example.com")]
    ms = tmp_path / "ms.csv"
    ms.write_text("mailbox_email,display_name\nok@example.com,Ok\nnot-an-email,Bad\nok@example.com,Twice\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {ms}")
    assert out.returncode == 2
    assert f"{ms}:3: mailbox_email: must be a valid email address" in out.stderr
    assert f"{ms}:4: duplicate mailbox ok@example.com: already on line 2" in out.stderr


def test_batch_size_parallel_and_notify_flags(wps, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update({"XDG_STATE_HOME": str(tmp_path), "WOODPECKER_API_KEY": "k"})
    source = tmp_path / "boxes.csv"
    write_rows(source, 3, prefix="flag")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --batch-size 201")
    assert out.returncode == 2 and "--batch-size must be in 1…200, got 201" in out.stderr
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --parallel 8")
    assert out.returncode == 2 and "--parallel must be in 1…7" in out.stderr
    out = run_wps(wps, env, "--sandbox", "--provider", "saleshandy", "-c", f"mailbox import {source} --parallel 7")
    assert out.returncode == 2 and "--parallel must be in 1…6" in out.stderr
    out = run_wps(wps, env, "--dry-run", "-c", f"mailbox import {source} --batch-size 2 --notify mail")
    assert out.returncode == 0, out.stderr
    assert '"completion_notification_types" : [\n    "MAIL"\n  ]' in out.stderr
    assert "would send batch 2: 1 mailbox (lines 4)" in out.stderr
    assert PASSWORD not in out.stdout + out.stderr
    records = json.loads(out.stdout)  # the requests went to stderr; stdout is the records alone
    assert [r["dry_run"] for r in records] == [True, True]


def test_saleshandy_rows_sent_without_an_answer_are_resent_only_when_asked(wps, tmp_path):
    source = tmp_path / "sh.csv"
    write_rows(source, 5, prefix="unsettled")
    # Saleshandy gives no 409 to reconcile with: a lost answer stops the import.
    with sandbox(wps, "--processing-delay", "50", "--faults", "first:1:drop-after,method=POST") as box:
        env = environment(tmp_path, box)
        config = tmp_path / "config" / "wps" / "config.yaml"
        config.write_text(config.read_text() + f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: SANDBOX_KEY }}\n")
        out = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {source}")
        assert out.returncode == 1
        assert "may or may not have acted" in out.stderr and "0 of 5 rows were accepted" in out.stderr
        out = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {source}")
        assert out.returncode == 2
        assert "lines 2-6 of" in out.stderr and "--resend-unsettled" in out.stderr
        out = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {source} --resend-unsettled | get size")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == [5]


def mailbox_objects(count: int, prefix: str) -> list[dict]:
    return [{"email": f"{prefix}{i}@example.com", "password": PASSWORD, "host": "smtp.example.com", "port": 465,
             "imap_host": "imap.example.com", "imap_port": 993} for i in range(count)]


def test_a_json_array_on_one_line_is_counted_journaled_and_reported_by_rows(wps, tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps(mailbox_objects(3, "oneline")) + "\n")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(mailbox_objects(3, "pretty"), indent=2) + "\n")
    starts = [str(n) for n, text in enumerate(pretty.read_text().splitlines(), 1) if text == "  {"]
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        report = tmp_path / "one-report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {one} --batch-size 2 | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "3 of 3 rows accepted, 2 batches sent" in out.stderr
        rows = read_report(report)
        assert [(r["line"], r["email"], r["outcome"]) for r in rows] == [
            (f"1[{i}]", f"oneline{i}@example.com", "connected") for i in range(3)]
        assert sorted(e for e in sandbox_mailboxes(box) if e.startswith("oneline")) == [f"oneline{i}@example.com" for i in range(3)]
        # The journal holds rows: run again, nothing is sent and the records still count three.
        again = run_wps(wps, env, "-c", f"mailbox import {one} --batch-size 2")
        assert again.returncode == 0, again.stderr
        assert "3 of 3 rows were accepted by an earlier run" in again.stderr
        records = json.loads(again.stdout)
        assert [(r["size"], r["lines"]) for r in records] == [(2, "1[0-1]"), (1, "1[2]")]

        report = tmp_path / "pretty-report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {pretty} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "3 of 3 rows accepted" in out.stderr
        assert [r["line"] for r in read_report(report)] == starts
        assert PASSWORD not in out.stdout + out.stderr + report.read_text()


def test_microsoft_rows_of_a_one_line_array_are_rows(wps, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["XDG_STATE_HOME"] = str(tmp_path)
    ms = tmp_path / "ms.json"
    ms.write_text(json.dumps([{"mailbox_email": "ms0@example.com"}, {"mailbox_email": "not-an-email"},
                              {"mailbox_email": "ms2@example.com"}]) + "\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {ms}")
    assert out.returncode == 2
    assert f"{ms}:1[1]: mailbox_email: must be a valid email address" in out.stderr
    # Skipping the invalid row skips that row only, not every row on its line.
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {ms} --skip-invalid | select email success line")
    assert out.returncode == 0, out.stderr
    assert "skipping 1 invalid row of" in out.stderr and "(lines 1[1])" in out.stderr
    assert "2 of 2 rows accepted" in out.stderr
    # The skipped row is returned after the results, at its row's place.
    assert json.loads(out.stdout) == [{"email": "ms0@example.com", "success": True, "line": None},
                                      {"email": "ms2@example.com", "success": True, "line": None},
                                      {"email": "not-an-email", "success": False, "line": "1[1]"}]


def test_a_one_line_array_killed_with_sigkill_and_run_again_lands_exactly_once(wps, tmp_path):
    source = tmp_path / "boxes.json"
    objects = mailbox_objects(2_000, "killone")
    source.write_text(json.dumps(objects) + "\n")
    emails = [o["email"] for o in objects]
    with sandbox(wps, "--processing-delay", "500", "--latency", "150") as box:
        env = environment(tmp_path, box)
        first = subprocess.Popen([str(wps), "-c", f"mailbox import {source} --batch-size 50 --parallel 2"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        def journaled_four():
            found = glob.glob(str(tmp_path / "state" / "wps" / "imports" / "*.journal"))
            return Path(found[0]) if found and Path(found[0]).read_text().count("\naccepted ") >= 4 else None
        journal = wait_until(journaled_four, "the import to journal four batches")
        first.send_signal(signal.SIGKILL)
        first.wait()
        text = journal.read_text()
        assert "finished" not in text and PASSWORD not in text
        assert text.startswith("# wps import journal v2 ") and "\naccepted " in text

        report = tmp_path / "report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {source} --batch-size 50 | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "resuming:" in out.stderr
        held = [e for e in sandbox_mailboxes(box) if e.startswith("killone")]
        assert len(held) == len(set(held)) == 2_000, "a mailbox was connected twice or not at all"
        assert sorted(held) == sorted(emails)
        rows = read_report(report)
        assert [r["line"] for r in rows] == [f"1[{i}]" for i in range(2_000)]
        assert [r["email"] for r in rows] == emails
        assert {r["outcome"] for r in rows} == {"connected"}
        assert journal.read_text().rstrip().endswith("finished")


def test_a_reimport_with_another_batch_size_reports_every_row(wps, tmp_path):
    r1 = tmp_path / "r1.csv"
    write_rows(r1, 6, prefix="again")
    r2 = tmp_path / "r2.csv"
    emails = write_rows(r2, 7, prefix="again")  # r1 and one more row
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        out = run_wps(wps, env, "-c", f"mailbox import {r1} --batch-size 3 | batch watch")
        assert out.returncode == 0, out.stderr
        report = tmp_path / "rep.csv"
        # r2 is another file (another journal): its first six rows are found in r1's two batches.
        out = run_wps(wps, env, "-c", f"mailbox import {r2} --batch-size 2 | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        rows = read_report(report)
        assert [int(r["line"]) for r in rows] == list(range(2, 9))
        assert [r["email"] for r in rows] == emails
        assert {r["outcome"] for r in rows} == {"connected"}
        assert len({r["batch_id"] for r in rows}) == 3
        assert "report: 7 mailboxes" in out.stderr
        assert sorted(e for e in sandbox_mailboxes(box) if e.startswith("again")) == sorted(emails)


def test_an_unquoted_password_with_spaces_is_sent_as_written_with_a_warning(wps, tmp_path):
    source = tmp_path / "spaces.csv"
    source.write_text("email,password,host,port,imap_host,imap_port\n"
                      f"sp0@example.com,\" {PASSWORD} \",smtp.example.com,465,imap.example.com,993\n"
                      f"sp1@example.com, {PASSWORD}  ,smtp.example.com,465,imap.example.com,993\n"
                      f"sp2@example.com,{PASSWORD},smtp.example.com,465,imap.example.com,993\n")
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "0") as box:
        env = environment(tmp_path, box)
        out = run_wps(wps, env, "-c", f"mailbox import {source} | get size")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == [3]
        warnings = [line for line in out.stderr.splitlines() if line.startswith("warning:")]
        assert warnings == [f"warning: {source}:3: smtp_password: spaces before or after the password are sent as written"
                            " (quote the field to keep them without this warning)"]
        assert PASSWORD not in out.stdout + out.stderr


def sandbox_environment(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["XDG_STATE_HOME"] = str(tmp_path)
    return env


def test_semicolon_and_tab_files_are_read_by_their_header_and_delimiter_forces_one(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    header = ["email", "password", "host", "port", "imap_host", "imap_port", "from_name"]
    row = ["smtp.example.com", "465", "imap.example.com", "993"]
    semi = tmp_path / "semi.csv"
    semi.write_text(";".join(header) + "\n"
                    + ";".join(["ann@example.com", "pw,1"] + row + ['"Ann; Sales"']) + "\n"
                    + ";".join(["bob@example.com", "pw"] + row + ["Bob"]) + "\n")
    tabbed = tmp_path / "tabbed.csv"
    tabbed.write_text("\t".join(header) + "\n" + "\t".join(["cy@example.com", "pw"] + row + ["Cy, Jr"]) + "\n")
    for source, emails in [(semi, ["ann@example.com", "bob@example.com"]), (tabbed, ["cy@example.com"])]:
        report = tmp_path / f"{source.stem}-report.csv"
        out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert [r["email"] for r in read_report(report)] == emails
        assert [r["outcome"] for r in read_report(report)] == ["connected"] * len(emails)
    # A quoted header field holding a comma does not make a semicolon file a comma file.
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('"email";"password";"host";"port";"imap_host";"imap_port";"notes, misc"\n'
                      + ";".join(["dee@example.com", "pw"] + row + ["Dee"]) + "\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {quoted}")
    assert out.returncode == 2 and "notes, misc: unknown column" in out.stderr, out.stderr
    assert "smtp_email" not in out.stderr
    # --delimiter forces one: ';' read as ',' is one column; tab and \t name a tab.
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --delimiter ','")
    assert out.returncode == 2 and "header" in out.stderr
    for name in ["tab", "'\\t'", '"\\t"']:
        out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {tabbed} --delimiter {name} | count")
        assert out.returncode == 0 and "1 of 1 rows accepted" in out.stderr, (name, out.stderr)
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --delimiter ';' | count")
    assert out.returncode == 0 and "2 of 2 rows accepted" in out.stderr, out.stderr
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --delimiter '|'")
    assert out.returncode == 2 and "--delimiter" in out.stderr
    ms = tmp_path / "ms.csv"
    ms.write_text("mailbox_email;display_name\nok@example.com;Ok, Fine\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {ms} | count")
    assert out.returncode == 0 and json.loads(out.stdout) == 1, out.stderr
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {ms} --delimiter ';' | count")
    assert out.returncode == 0 and json.loads(out.stdout) == 1, out.stderr
    helped = run_wps(wps, env, "-c", "help mailbox import")
    assert "--delimiter" in helped.stdout + helped.stderr


def test_rows_of_empty_fields_are_skipped_and_a_too_wide_row_is_one_problem(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    source = tmp_path / "export.csv"
    write_rows(source, 3, prefix="wide")
    text = source.read_text().replace("\r\n", "\n").splitlines()
    header = text[0]
    fields = header.count(",") + 1
    text.insert(3, text[3] + ",stray")  # line 4: one field too many
    text += ["," * (fields - 1)] * 3 + [" ;".replace(";", "," * (fields - 1))]
    source.write_text("\n".join(text) + "\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source}")
    assert out.returncode == 2
    assert f"{source}:4: has {fields + 1} fields, the header has {fields}" in out.stderr, out.stderr
    assert "1 problem in 1 of 4 rows" in out.stderr, out.stderr
    assert f"{source}:6" not in out.stderr and PASSWORD not in out.stderr
    report = tmp_path / "r.csv"
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --skip-invalid | batch watch --report {report}")
    assert out.returncode == 0, out.stderr
    assert "skipping 1 invalid row" in out.stderr
    assert [(r["line"], r["outcome"]) for r in read_report(report)] == [
        ("2", "connected"), ("3", "connected"), ("4", "skipped"), ("5", "connected")]
    assert read_report(report)[2]["error"] == f"has {fields + 1} fields, the header has {fields}"


def test_problems_show_emails_name_header_columns_at_line_1_and_a_terminal_sees_20(wps, tmp_path):
    import pty
    env = sandbox_environment(tmp_path)
    source = tmp_path / "problems.csv"
    lines = ["Emial,password,host,port,imap_host,imap_port,email"]
    lines += [f"x,{PASSWORD},smtp.example.com,465,imap.example.com,993,ann{i}@" for i in range(30)]
    source.write_text("\n".join(lines) + "\n")
    report = tmp_path / "problems-report.csv"
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --report {report}")
    assert out.returncode == 2
    assert f"{source}:1: Emial: unknown column — did you mean 'email'?" in out.stderr, out.stderr
    assert f"{source}:2: smtp_email: must be a valid email address, got 'ann0@'" in out.stderr
    assert "emial" not in out.stderr and PASSWORD not in out.stderr
    # 1 header problem + 2 a row (smtp_email and imap_email) in 30 rows.
    assert "61 problems in 30 of 30 rows" in out.stderr, out.stderr
    assert "more" not in out.stderr
    rows = read_report(report)
    assert len(rows) == 61 and PASSWORD not in report.read_text()
    assert rows[0] == {"source": str(source), "line": "1", "field": "Emial", "message": "unknown column — did you mean 'email'?"}
    assert rows[-1] == {"source": str(source), "line": "31", "field": "imap_email",
                        "message": "must be a valid email address, got 'ann29@'"}
    assert oct(report.stat().st_mode & 0o777) == "0o600"
    # On a terminal the list stops at 20.
    leader, follower = pty.openpty()
    process = subprocess.run([str(wps), "--sandbox", "-c", f"mailbox import {source}"], stdout=subprocess.PIPE,
                             stderr=follower, env=env, timeout=120)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert process.returncode == 2
    listed = [line for line in text.splitlines() if f"{source}:" in line]
    assert len(listed) == 20, text
    assert "… and 41 more; --report FILE lists all" in text, text


def test_skipped_rows_are_in_the_watch_report_and_failures_still_print_the_summaries(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    source = tmp_path / "boxes.csv"
    text = (ROOT / "examples" / "boxes.csv").read_text().rstrip("\n").split("\n")
    text.insert(2, f"bad@,{PASSWORD},smtp.example.com,465,bad@,{PASSWORD},imap.example.com,993,Bad,50")
    source.write_text("\n".join(text) + "\n")
    report = tmp_path / "outcome.csv"
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --skip-invalid | batch watch --report {report}")
    assert out.returncode == 1
    assert "failed to connect" in out.stderr
    summaries = json.loads(out.stdout)  # printed before the exit
    assert [s["failed_mailboxes_count"] > 0 for s in summaries] == [True]
    rows = read_report(report)
    skipped = [r for r in rows if r["outcome"] == "skipped"]
    assert skipped == [{"source": str(source), "line": "3", "email": "bad@", "batch_id": "", "outcome": "skipped",
                        "error": "smtp_email: must be a valid email address, got 'bad@'; "
                                 "imap_email: must be a valid email address, got 'bad@'"}]
    assert len(rows) == len(text) - 1
    assert PASSWORD not in report.read_text() + out.stdout + out.stderr
    # Inside a pipeline the summaries are not printed: the error ends it.
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} --skip-invalid | batch watch | count")
    assert out.returncode == 1 and out.stdout == ""


def test_a_forced_delimiter_is_journaled_and_a_resumed_import_reads_with_it(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    header = ["email", "password", "host", "port", "imap_host", "imap_port", "from_name"]
    semi = tmp_path / "semi.csv"
    semi.write_text(";".join(header) + "\n" + "".join(
        ";".join([f"j{i}@example.com", "pw", "smtp.example.com", "465", "imap.example.com", "993", f"J{i}"]) + "\n"
        for i in range(3)))
    journal = tmp_path / "semi.journal"
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --delimiter ';' --journal {journal} | count")
    assert out.returncode == 0 and "3 of 3 rows accepted" in out.stderr, out.stderr
    assert journal.read_text().splitlines()[0].endswith(" delimiter:;")
    # Run again without --delimiter: read as the journal recorded, nothing is sent again.
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --journal {journal} | count")
    assert out.returncode == 0, out.stderr
    assert "read with ';' as the delimiter, as its journal recorded" in out.stderr
    assert "resuming: 3 of 3 rows were accepted by an earlier run" in out.stderr
    # Another delimiter would number the rows otherwise: refused, at the flag.
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {semi} --journal {journal} --delimiter ','")
    assert out.returncode == 2
    assert f"the journal {journal} was written reading {semi} with ; as the delimiter; give --delimiter ';'" in out.stderr
    # Help names the three choices, never a raw TAB or \t.
    helped = run_wps(wps, env, "-c", "help mailbox import").stdout
    line = next(l for l in helped.splitlines() if l.strip().startswith("--delimiter"))
    assert "<, ; or tab>" in line and "\t" not in line and "\\t" not in line, line


FIXTURES = ROOT / "Tests" / "EndToEnd" / "fixtures"


def test_spreadsheet_exports_with_a_bom_crlf_and_semicolons_import_whole(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    source = FIXTURES / "excel-bom-crlf-semicolon.csv"
    raw = source.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b";" in raw  # the fixture is what it says
    report = tmp_path / "report.csv"
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {source} | batch watch --report {report} | count")
    assert out.returncode == 0, out.stderr
    rows = read_report(report)
    # The BOM is not part of the first column's name (else "Email" would be an unknown column).
    assert [(r["line"], r["email"], r["outcome"]) for r in rows] == [
        ("2", "b1@example.com", "connected"), ("3", "b2@example.com", "connected")]
    microsoft = FIXTURES / "excel-bom-crlf-semicolon-microsoft.csv"
    assert microsoft.read_bytes().startswith(b"\xef\xbb\xbf")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {microsoft} | select email name")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"email": "m1@contoso.com", "name": "M One"}, {"email": "m2@contoso.com", "name": "M; Two"}]


def test_microsoft_import_returns_the_rows_it_skipped(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    source = tmp_path / "ms.csv"
    source.write_text("mailbox_email,display_name\nok@contoso.com,Ok\nnot-an-email,Bad\n,Empty\nfine@contoso.com,Fine\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox microsoft import {source} --skip-invalid")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert [(r["email"], r["success"]) for r in results] == [
        ("ok@contoso.com", True), ("fine@contoso.com", True), ("not-an-email", False), ("", False)]
    assert results[2]["line"] == "3" and results[2]["error"].startswith("skipped (--skip-invalid): mailbox_email: must be a valid")
    assert results[3]["line"] == "4" and results[3]["error"] == "skipped (--skip-invalid): mailbox_email: must be provided"


def test_batch_watch_errors_point_at_the_scripts_line(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    script = tmp_path / "watch.wps"
    script.write_text("echo a\n\nbatch watch 999999\n")
    out = run_wps(wps, env, "--sandbox", str(script))
    assert out.returncode == 1
    assert f"--> {script}:3:1" in out.stderr and "GET mailboxes/manual_connection/bulk/999999/summary" in out.stderr
    script.write_text("echo a\nbatch watch 4242 --provider saleshandy\n")
    out = run_wps(wps, env, "--sandbox", str(script))
    assert out.returncode == 1 and f"--> {script}:2:1" in out.stderr, out.stderr


def test_the_progress_bar_on_a_terminal_ends_on_its_final_state(wps, tmp_path):
    import pexpect
    source = tmp_path / "boxes.csv"
    write_rows(source, 2000, prefix="bar")
    env = sandbox_environment(tmp_path)
    env["WPS_SANDBOX_PROCESSING_MS"] = "0"
    child = pexpect.spawn(str(wps), ["--sandbox", "-c", f"mailbox import {source} --batch-size 50 | batch watch | count"],
                          env=env, encoding="utf-8", timeout=300, dimensions=(40, 200))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    frames = [frame.strip() for frame in child.before.replace("\x1b[K", "").replace("\n", "\r").split("\r") if frame.strip()]
    imported = [frame for frame in frames if "rows accepted" in frame]
    watched = [frame for frame in frames if frame.startswith("[") and "batches " in frame]
    # Whatever redraws the 100 ms throttle skipped, the last frame of each bar is the final state.
    assert imported[-1].endswith(f"{source}: 2000 of 2000 rows accepted, 40 batches sent"), imported[-3:]
    assert imported[-1].startswith("[" + "█" * 24 + "]")
    assert watched[-1].endswith("batches 40/40 finished · 2000 connected · 0 conditionally · 0 failed · 0 pending"), watched[-3:]
    assert PASSWORD not in child.before


def write_boxes(path: Path, count: int, prefix: str, wrong=(), settings=None) -> list[str]:
    """`count` mailboxes `PREFIXi@example.com` with a from-name and a daily limit; rows whose index
    is in `wrong` have the password `wrong` (the sandbox fails them); `settings` maps an index to
    another (from_name, daily_limit)."""
    emails = [f"{prefix}{i}@example.com" for i in range(count)]
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["email", "password", "host", "port", "imap_host", "imap_port", "from_name", "daily_limit"])
        for i, email in enumerate(emails):
            name, limit = (settings or {}).get(i, (f"Box {i}", 40))
            w.writerow([email, "wrong" if i in wrong else PASSWORD, "smtp.example.com", 465, "imap.example.com", 993,
                        name, limit])
    return emails


def first_batches_int(run) -> set[int]:
    return {r["batch_id"] for r in json.loads(run.stdout)}


def test_a_reimport_that_fixes_passwords_counts_each_mailbox_by_its_latest_outcome(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_boxes(source, 300, "fix", wrong={10, 150, 290})
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        first = run_wps(wps, env, "-c", f"mailbox import {source}")
        assert first.returncode == 0, first.stderr
        (tmp_path / "first.json").write_text(first.stdout)
        out = run_wps(wps, env, "-c", f"open {tmp_path / 'first.json'} | batch watch")
        assert out.returncode == 1
        assert "3 of 300 mailboxes failed to connect" in out.stderr, out.stderr
        # The three passwords fixed, the file is imported again: only they are sent.
        write_boxes(source, 300, "fix")
        second = run_wps(wps, env, "-c", f"mailbox import {source}")
        assert second.returncode == 0, second.stderr
        (tmp_path / "second.json").write_text(second.stdout)
        assert sum(r["size"] for r in json.loads(second.stdout)) == 300
        # 297 rows are of mailboxes connected by the first run: refused (409), not accepted; each
        # batch is sent again without them, and only that second request creates a batch.
        assert ("3 of 300 rows accepted, 297 already connected, 4 requests sent, 2 batches created"
                in second.stderr), second.stderr
        report = tmp_path / "second.csv"
        out = run_wps(wps, env, "-c", f"open {tmp_path / 'second.json'} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "300 of 300 mailboxes connected" in out.stderr, out.stderr
        rows = read_report(report)
        assert sorted(r["email"] for r in rows) == sorted(emails)
        assert {r["outcome"] for r in rows} == {"connected"}
        # Both runs' records: each mailbox counts once, by its latest outcome.
        both = tmp_path / "both.json"
        both.write_text(json.dumps(json.loads(first.stdout) + json.loads(second.stdout)))
        report = tmp_path / "both.csv"
        out = run_wps(wps, env, "-c", f"open {both} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "300 of 300 mailboxes connected" in out.stderr, out.stderr
        rows = read_report(report)
        assert len(rows) == 300 and {r["outcome"] for r in rows} == {"connected"}
        fixed = {r["email"]: r["batch_id"] for r in rows if r["email"] in (emails[10], emails[150], emails[290])}
        first_batches = {str(r["batch_id"]) for r in json.loads(first.stdout)}
        assert len(fixed) == 3 and not set(fixed.values()) & first_batches
        assert sorted(e for e in sandbox_mailboxes(box) if e.startswith("fix")) == sorted(emails)
        assert PASSWORD not in out.stdout + out.stderr + report.read_text()
        # Both runs' batches given by id: a failure connected since is not the mailbox's latest.
        ids = sorted({r["batch_id"] for r in json.loads(first.stdout) + json.loads(second.stdout)})
        assert len(ids) == 4
        out = run_wps(wps, env, "-c", "batch watch " + " ".join(str(i) for i in ids))
        assert out.returncode == 0, out.stderr
        assert "300 of 300 mailboxes connected" in out.stderr, out.stderr
        assert "3 earlier failures connected since" in out.stderr, out.stderr
        # The first run's records with the second run's batches given by id: the three failures
        # were connected by those batches, which count them; counted once, not also as failures.
        mixed = tmp_path / "mixed.json"
        second_ids = sorted({r["batch_id"] for r in json.loads(second.stdout)} - first_batches_int(first))
        mixed.write_text(json.dumps(json.loads(first.stdout) + second_ids))
        out = run_wps(wps, env, "-c", f"open {mixed} | batch watch")
        assert out.returncode == 0, out.stderr
        assert "300 of 300 mailboxes connected (3 earlier failures connected since)" in out.stderr, out.stderr
        # The first run's batches alone: their failures were fixed by batches not watched, which
        # count them.
        out = run_wps(wps, env, "-c", "batch watch " + " ".join(str(i) for i in sorted(first_batches, key=int)))
        assert out.returncode == 0, out.stderr
        assert "297 of 297 mailboxes connected (3 earlier failures connected since)" in out.stderr, out.stderr


def test_a_connected_mailbox_imported_again_with_new_settings_is_already_connected_with_a_warning(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    emails = write_boxes(source, 4, "set")
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch")
        assert out.returncode == 0, out.stderr
        # Row 3 (the second mailbox) gets another from-name and daily limit; the rest are as before.
        write_boxes(source, 4, "set", settings={1: ("New Name", 75)})
        again = run_wps(wps, env, "-c", f"mailbox import {source}")
        assert again.returncode == 0, again.stderr
        warning = (f"warning: {source}:3: {emails[1]} is already connected; the file's smtp_from_name, "
                   "daily_sending_limit were not applied")
        assert warning in again.stderr, again.stderr
        records = json.loads(again.stdout)
        existing = [r for r in records if r.get("status") == "already connected"]
        assert len(existing) == 1 and existing[0]["lines"] == "3"
        assert existing[0]["not_applied"] == [{
            "line": "3", "email": emails[1], "fields": ["smtp_from_name", "daily_sending_limit"],
            "warning": warning.split(": ", 2)[2] + " (a connected mailbox keeps its settings)"}]
        assert sum(r["size"] for r in records) == 4
        (tmp_path / "again.json").write_text(again.stdout)
        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"open {tmp_path / 'again.json'} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "4 of 4 mailboxes connected (1 already connected)" in out.stderr, out.stderr
        rows = {r["email"]: r for r in read_report(report)}
        assert rows[emails[1]]["outcome"] == "already_connected"
        assert rows[emails[1]]["error"] == "settings not applied: smtp_from_name, daily_sending_limit"
        assert {rows[e]["outcome"] for e in emails if e != emails[1]} == {"connected"}
        assert PASSWORD not in again.stdout + again.stderr + out.stdout + out.stderr + report.read_text()
        # The API kept the settings the mailbox was connected with.
        request = urllib.request.Request(f"{box.url}/rest/v2/mailboxes", headers={"x-api-key": KEY})
        with urllib.request.urlopen(request, timeout=30) as response:
            held = {m["details"]["email"]: m["details"] for m in json.loads(response.read()) if m["type"] == "SMTP"}
        assert (held[emails[1]]["from_name"], held[emails[1]]["daily_limit"]) == ("Box 1", 40)


def test_a_reimport_of_connected_mailboxes_accepts_no_row_and_reads_the_mailboxes_once(wps, tmp_path):
    source = tmp_path / "b.csv"
    emails = write_boxes(source, 40, "again")
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50", "--log") as box:
        env = environment(tmp_path, box)
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch")
        assert out.returncode == 0, out.stderr
        # A new daily limit for all 40, in 8 batches of 5 sent 7 at a time: every one answered 409.
        write_boxes(source, 40, "again", settings={i: (f"Box {i}", 75) for i in range(40)})
        box.new_log_lines()
        again = run_wps(wps, env, "-c", f"mailbox import {source} --batch-size 5 --parallel 7")
        assert again.returncode == 0, again.stderr
        assert (f"{source.name}: 0 of 40 rows accepted, 40 already connected (40 with settings not applied), "
                "8 requests sent, 0 batches created") in again.stderr, again.stderr
        assert "40 of 40 rows accepted" not in again.stderr
        # A request after the import's, to know its lines are all in the log once this one's is.
        marker = urllib.request.Request(f"{box.url}/rest/v2/campaigns", headers={"x-api-key": KEY})
        with urllib.request.urlopen(marker, timeout=30) as response:
            response.read()
        log = box.wait_for_log(lambda lines: lines if any(line.startswith("GET /rest/v2/campaigns") for line in lines)
                               else None, "the marker request in the sandbox's log", box.log_position)
        assert sum("POST /rest/v2/mailboxes/manual_connection/bulk" in line for line in log) == 8, log
        assert sum(line.startswith("GET /rest/v2/mailboxes ") for line in log) == 1, log
        records = json.loads(again.stdout)
        assert [r.get("status") for r in records] == ["already connected"]
        assert len(records[0]["not_applied"]) == 40
        # Run again: the journal says what the first run found, settings not applied included.
        resumed = run_wps(wps, env, "-c", f"mailbox import {source} --batch-size 5")
        assert resumed.returncode == 0, resumed.stderr
        assert ("resuming: 40 of 40 rows were answered by an earlier run: 0 accepted, 40 already connected "
                "(40 with settings not applied)") in resumed.stderr, resumed.stderr
        assert json.loads(resumed.stdout) == records
        journals = [path.read_text() for path in (tmp_path / "state").rglob("*.journal")]
        assert any("not_applied:daily_sending_limit" in text for text in journals)
        assert not any(PASSWORD in text for text in journals)
        assert PASSWORD not in again.stdout + again.stderr + resumed.stdout + resumed.stderr
        assert sorted(e for e in sandbox_mailboxes(box) if e.startswith("again")) == sorted(emails)


def test_a_reimport_that_changes_only_settings_the_api_does_not_show_warns_they_may_not_apply(wps, tmp_path):
    source = tmp_path / "boxes.csv"
    write_boxes(source, 3, "unseen")
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch")
        assert out.returncode == 0, out.stderr
        # Another password for all: the API shows no password, so nothing tells whether it differs.
        text = source.read_text().replace(PASSWORD, PASSWORD + "-new")
        source.write_text(text)
        again = run_wps(wps, env, "-c", f"mailbox import {source}")
        assert again.returncode == 0, again.stderr
        assert "0 of 3 rows accepted, 3 already connected, 1 request sent, 0 batches created" in again.stderr, again.stderr
        assert (f"warning: lines 2-4 of {source}: 3 mailboxes are already connected; the file's smtp_password"
                in again.stderr), again.stderr
        assert "may not have been applied (the API does not show them; a connected mailbox keeps its settings)" in again.stderr
        assert PASSWORD not in again.stdout + again.stderr


def test_a_saleshandy_reimport_that_fixes_passwords_counts_each_mailbox_by_its_latest_outcome(wps, tmp_path):
    source = tmp_path / "both.csv"

    def write(wrong):
        with source.open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["email", "password", "host", "port", "imap_host", "imap_port", "from_name"])
            for i in range(10):
                w.writerow([f"shfix{i}@example.com", "wrong" if i in wrong else PASSWORD, "smtp.example.com", 465,
                            "imap.example.com", 993, f"Box {i}"])

    write({2, 7})
    with sandbox(wps, "--no-rate-limit", "--processing-delay", "50") as box:
        env = environment(tmp_path, box)
        config = tmp_path / "config" / "wps" / "config.yaml"
        config.write_text(config.read_text() + f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: SANDBOX_KEY }}\n")
        first = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {source}")
        assert first.returncode == 0, first.stderr
        (tmp_path / "first.json").write_text(first.stdout)
        out = run_wps(wps, env, "--profile", "sh", "-c", f"open {tmp_path / 'first.json'} | batch watch")
        assert out.returncode == 1
        assert "2 of 10 mailboxes failed to connect" in out.stderr, out.stderr
        assert "8 of 10 mailboxes connected (2 failed)" in out.stderr, out.stderr
        write(set())
        second = run_wps(wps, env, "--profile", "sh", "-c", f"mailbox import {source}")
        assert second.returncode == 0, second.stderr
        both = tmp_path / "both.json"
        both.write_text(json.dumps(json.loads(first.stdout) + json.loads(second.stdout)))
        report = tmp_path / "both-report.csv"
        out = run_wps(wps, env, "--profile", "sh", "-c", f"open {both} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr
        assert "10 of 10 mailboxes connected" in out.stderr, out.stderr
        rows = read_report(report)
        assert len(rows) == 10 and {r["outcome"] for r in rows} == {"connected"}
        second_ids = {r["request_id"] for r in json.loads(second.stdout)}
        assert {r["batch_id"] for r in rows if r["email"] in ("shfix2@example.com", "shfix7@example.com")} <= second_ids
        assert PASSWORD not in out.stdout + out.stderr + report.read_text()


def test_spreadsheet_headers_as_people_write_them_and_map_for_the_rest(wps, tmp_path):
    """A Google Sheets export (`E-mail`, `SMTP Host`, `IMAP Port`, `From Name`, `Daily Limit`) and
    the other spellings of one column (`Email Address`, `smtp-host`, `SMTP Server`) import as the
    API's fields; `--map` takes a header no one could guess; a --map to a column the import does
    not know stops before anything is read, with a did-you-mean."""
    env = sandbox_environment(tmp_path)
    sheet = FIXTURES / "google-sheets-mailboxes.csv"
    script = (f"let watched = mailbox import {sheet} | batch watch; "
              'mailbox list | where type == "SMTP" | where details.email =~ "sheet" '
              '| select details.email details.from_name details.daily_limit')
    out = run_wps_json(wps, env, "--sandbox", "-c", script)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [
        {"details": {"email": "s1@sheet.example.com", "from_name": "Sam One", "daily_limit": 40}},
        {"details": {"email": "s2@sheet.example.com", "from_name": "Sam Two", "daily_limit": 35}}]

    other = tmp_path / "other.csv"
    other.write_text("Email Address,Passwort,smtp-host,SMTP Server, imap_HOST ,IMAP-Port,Outgoing Mail Port,Mailbox Owner\n"
                     "o1@sheet.example.com,pw,smtp.o.example.com,smtp.o.example.com,imap.o.example.com,993,465,Olga\n")
    out = run_wps_json(wps, env, "--sandbox", "--dry-run", "-c", f"mailbox import {other}")
    assert out.returncode == 2, out.stderr
    # Two columns no name rule knows: each said once, at the header, as the file spells it.
    assert "other.csv:1: Passwort: unknown column — did you mean 'password'?" in out.stderr, out.stderr
    assert "Outgoing Mail Port: unknown column" in out.stderr and "smtp-host" not in out.stderr
    mapped = run_wps_json(wps, env, "--sandbox", "-c",
                     f'let watched = mailbox import {other} --map "Passwort=password,Outgoing Mail Port=smtp_port" '
                     '--map "mailbox owner = from_name" | batch watch; '
                     'mailbox list | where details.email == "o1@sheet.example.com" | first | get details')
    assert mapped.returncode == 0, mapped.stderr
    details = json.loads(mapped.stdout)
    assert (details["server"], details["port"], details["from_name"]) == ("smtp.o.example.com", 465, "Olga")

    for flag, said in (('--map "Passwort=pasword"', "--map: 'pasword' is not a column this import knows — did you mean 'password'?"),
                       ('--map "Passwort"', "--map takes FILE COLUMN=COLUMN pairs")):
        out = run_wps_json(wps, env, "--sandbox", "-c", f"mailbox import {other} {flag}")
        assert out.returncode == 2 and said in out.stderr, out.stderr


def test_excel_csv_windows_and_unicode_text_exports_are_read(wps, tmp_path):
    """Excel's "CSV (Windows)" (cp1252) is refused as not UTF-8 with the flag that reads it, and
    read whole with `--encoding cp1252`; its "Unicode Text" (UTF-16 with a byte-order mark,
    tab-separated) is read without being asked."""
    env = sandbox_environment(tmp_path)
    windows = FIXTURES / "excel-csv-windows-cp1252.csv"
    raw = windows.read_bytes()
    assert b"Jos\xe9" in raw  # the fixture is what it says: é as one cp1252 byte
    out = run_wps_json(wps, env, "--sandbox", "-c", f"prospect import {windows}")
    assert out.returncode == 2, out.stderr
    assert "not UTF-8 text" in out.stderr and "--encoding cp1252" in out.stderr, out.stderr
    out = run_wps_json(wps, env, "--sandbox", "-c",
                       f"let done = prospect import {windows} --encoding cp1252; "
                       'prospect list | where email =~ "acme.com" | select email first_name last_name company | sort-by email')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [
        {"email": "jose@acme.com", "first_name": "José", "last_name": "Müller", "company": "Société Générale"},
        {"email": "zoe@acme.com", "first_name": "Zoë", "last_name": "Ødegård", "company": "Café “Crème”"}]

    unicode_text = FIXTURES / "excel-unicode-text-utf16.txt"
    assert unicode_text.read_bytes().startswith(b"\xff\xfe")
    out = run_wps_json(wps, env, "--sandbox", "-c",
                       f"let done = mailbox import {unicode_text} | batch watch; "
                       'mailbox list | where details.email == "u1@sheet.example.com" | first | get details.from_name')
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Ülla Ünal"
    out = run_wps_json(wps, env, "--sandbox", "-c", f"prospect import {windows} --encoding ebcdic")
    assert out.returncode == 2 and "utf-16" in out.stderr and "cp1252" in out.stderr, out.stderr


def test_ctrl_c_says_what_was_done_and_the_same_command_resumes(wps, tmp_path):
    """Ctrl-C (SIGINT) in the middle of sending: the import says how many rows were accepted and
    that the same command resumes (exit 130); run again, every mailbox lands exactly once."""
    source = tmp_path / "boxes.csv"
    emails = write_rows(source, 3_000, prefix="intr")
    with sandbox(wps, "--processing-delay", "500", "--latency", "150") as box:
        env = environment(tmp_path, box)
        first = subprocess.Popen([str(wps), "-c", f"mailbox import {source} --parallel 1"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        journals = str(tmp_path / "state" / "wps" / "imports" / "*.journal")
        journal = Path(wait_until(lambda: glob.glob(journals), "the import to start its journal")[0])
        wait_for_file_text(journal, lambda text: text.count("\naccepted ") >= 2, "the import to journal two batches")
        first.send_signal(signal.SIGINT)
        _, err = first.communicate(timeout=120)
        assert first.returncode == 130, err
        said = [line for line in err.splitlines() if line.startswith("interrupted: ")]
        assert said and "of 3000 rows were accepted before this" in said[0], err
        assert "run the same command to resume" in said[0], err

        report = tmp_path / "report.csv"
        out = run_wps(wps, env, "-c", f"mailbox import {source} | batch watch --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert "resuming:" in out.stderr
        assert_exactly_once(box, emails, report, source)


def test_batch_watch_alone_says_how_it_is_used(wps, tmp_path):
    env = sandbox_environment(tmp_path)
    out = run_wps(wps, env, "--sandbox", "-c", "batch watch")
    assert out.returncode == 2 and "batch watch has nothing to watch" in out.stderr, out.stderr
    assert out.stdout.strip() == ""


def test_ports_and_hosts_of_the_other_protocol_are_warned_about_and_still_sent(wps, tmp_path):
    """`smtp.gmail.com` on 993, IMAP on 465, an SMTP port no server uses: warnings at the row (or
    the flag), not refusals — the API takes them, and the rows are sent."""
    env = sandbox_environment(tmp_path)
    rows = tmp_path / "boxes.csv"
    rows.write_text("email,password,smtp host,smtp port,imap host,imap port\n"
                    "w1@sheet.example.com,pw,smtp.sheet.example.com,993,imap.sheet.example.com,993\n"
                    "w2@sheet.example.com,pw,smtp.sheet.example.com,465,imap.sheet.example.com,465\n"
                    "w3@sheet.example.com,pw,imap.sheet.example.com,2526,smtp.sheet.example.com,993\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {rows} | batch watch | count")
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("warning: ")]
    assert f"warning: {rows}:2: smtp_port: 993 is an IMAP port; SMTP listens on 465 or 587" in warnings, warnings
    assert f"warning: {rows}:3: imap_port: 465 is an SMTP port; IMAP listens on 993 (or 143)" in warnings, warnings
    assert f"warning: {rows}:4: smtp_port: 2526 is not a port SMTP uses (25, 465, 587, 2525)" in warnings, warnings
    assert any("imap.sheet.example.com is named for IMAP" in w for w in warnings), warnings
    single = run_wps(wps, env, "--sandbox", "-c",
                     "mailbox add --email w4@sheet.example.com --password pw --smtp-server smtp.gmail.com "
                     "--smtp-port 993 --imap-server imap.gmail.com --imap-port 993 | count")
    assert single.returncode == 0, single.stderr
    assert "warning: --smtp-port: 993 is an IMAP port; SMTP listens on 465 or 587" in single.stderr


def test_a_problem_most_rows_share_is_said_once_naming_its_field(wps, tmp_path):
    """A header with a misspelt column and a column left empty in almost every row: three lines
    that say so, not a thousand (one per row and field)."""
    env = sandbox_environment(tmp_path)
    sheet = tmp_path / "sheet.csv"
    lines = ["Email,Pass,SMTP Hots,Port,IMAP Host,IMAP Port"]
    for i in range(300):
        lines.append(f"b{i}@x.example.com,pw,smtp.x.example.com,465,{'imap.x.example.com' if i % 100 == 0 else ''},993")
    sheet.write_text("\n".join(lines) + "\n")
    out = run_wps(wps, env, "--sandbox", "-c", f"mailbox import {sheet}")
    assert out.returncode == 2
    listed = [line.strip() for line in out.stderr.splitlines() if line.startswith("  ") and str(sheet) in line]
    assert listed == [
        f"{sheet}:1: SMTP Hots: unknown column — did you mean 'smtp_host'?",
        f"{sheet}: smtp_server: must be provided, in all 300 rows: the header has no column for it, or its column is empty",
        f"{sheet}: imap_server: must be provided, in 297 of 300 rows (the first on line 3)",
    ], out.stderr
    assert out.stderr.startswith("error: 3 problems in 300 of 300 rows"), out.stderr


def test_mailbox_list_folds_each_imap_twin_into_its_mailbox(wps, tmp_path):
    """`mailbox list`: one row per mailbox with status, daily limit, sent today and the error of
    either entry (a table of those on a terminal; `type` and `details` kept for scripts); `--raw`
    the API's SMTP and IMAP entries. `batch watch --report` gives a conditionally connected
    mailbox's reason."""
    env = sandbox_environment(tmp_path)
    rows = tmp_path / "boxes.csv"
    rows.write_text("email,password,host,port,imap_host,imap_port,daily_limit\n"
                    "f1@sheet.example.com,pw,smtp.sheet.example.com,465,imap.sheet.example.com,993,40\n"
                    "f2@sheet.example.com,pw,smtp.sheet.example.com,465,imap.broken.invalid,993,30\n")
    report = tmp_path / "report.csv"
    script = (f"let watched = mailbox import {rows} | batch watch --report {report}; "
              'mailbox list | where email =~ "sheet"')
    out = run_wps(wps, env, "--sandbox", "-c", script)
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [(m["email"], m["status"], m["daily_limit"], m["sent_today"], m["type"]) for m in listed] == [
        ("f1@sheet.example.com", "connected", 40, 0, "SMTP"),
        ("f2@sheet.example.com", "connected conditionally", 30, 0, "SMTP")]
    assert listed[0]["error"] is None and listed[0]["details"]["email"] == "f1@sheet.example.com"
    assert listed[1]["error"] == ("Connected conditionally: IMAP connection failed: cannot resolve host "
                                  "imap.broken.invalid")
    reasons = {r["email"]: (r["outcome"], r["error"]) for r in read_report(report)}
    assert reasons["f2@sheet.example.com"] == ("conditionally_connected", listed[1]["error"]), reasons
    raw = run_wps(wps, env, "--sandbox", "-c", f"let watched = mailbox import {rows} | batch watch; "
                  'mailbox list --raw | where details.email =~ "sheet" | get type')
    assert raw.returncode == 0, raw.stderr
    assert json.loads(raw.stdout) == ["SMTP", "IMAP", "SMTP", "IMAP"]
