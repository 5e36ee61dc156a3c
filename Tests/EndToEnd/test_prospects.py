"""`prospect import`, `prospect list`, `prospect add` against a `wps sandbox` process: 50,000 rows
exported the way spreadsheets write them, invalid rows located, exactly once through kill -9 and
through 429s and lost answers, non-ACTIVE prospects, and every v1 code shown with its meaning —
each checked against the sandbox's own state."""
import csv
import glob
import json
import signal
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from conftest import running_sandbox, run_wps_json, Sandbox, profile_environment, wait_for_file_text, wait_until

KEY = "prospects-e2e-key"
ROWS = 50_000
BAD_LINES = [101, 5001, 12346, 20001, 30002, 33334, 40001, 45001, 49001, 50000]


def write_export(path: Path, rows: int = ROWS, bad_lines=BAD_LINES, prefix: str = "lead") -> list[str]:
    """A CSV as a spreadsheet exports it: a BOM, CRLF line ends, `Email,First Name,Company`; the
    rows at `bad_lines` (file lines, the header is line 1) have no valid email. Returns the valid
    emails."""
    bad = set(bad_lines)
    lines = ["Email,First Name,Company"]
    emails = []
    for index in range(rows):
        line = index + 2
        if line in bad:
            lines.append(f"{prefix}{index}@,Broken {index},Acme")
        else:
            email = f"{prefix}{index}@acme{index % 97}.com"
            emails.append(email)
            lines.append(f"{email},Lead {index},\"Acme, {index % 97}\"")
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode())
    return emails


run_wps = run_wps_json
sandbox = running_sandbox


def get(box, path: str):
    """GET a sandbox path as KEY (retrying through injected faults): (status, headers, body)."""
    def answer():
        request = urllib.request.Request(f"{box.url}{path}", headers={"x-api-key": KEY})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read()
                return [(response.status, dict(response.headers), json.loads(body) if body else None)]
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
            return None
    return wait_until(answer, f"the sandbox to answer GET {path}")[0]


def sandbox_emails(box, campaign: int | None = None) -> list[str]:
    """Every prospect email the sandbox holds for KEY (in a campaign, if given), paged at 1000."""
    emails, page = [], 1
    while True:
        query = f"page={page}&per_page=1000" + (f"&campaigns_id={campaign}" if campaign else "")
        status, _, body = get(box, f"/rest/v1/prospects?{query}")
        if status == 204:
            return emails
        emails += [record["email"] for record in body]
        page += 1


def new_campaign(wps, env) -> int:
    """A mailbox connected (waited for), and a DRAFT campaign sending from it at any hour."""
    script = (
        "mailbox add --email sender@acme.com --password pw --smtp-server smtp.acme.com --smtp-port 465 "
        "--imap-server imap.acme.com --imap-port 993 --daily-limit 5500 --wait-from 10 --wait-to 20 | batch watch --interval 50ms | count\n"
        'let box = mailbox list | where type == "SMTP" | first\n'
        'campaign new "Leads" --accounts $box.id --timezone UTC --daily-enroll 5000 '
        '--subject "Hi {{FIRST_NAME}}" --message "Hello from {{COMPANY}}" --window "MON-SUN all-day" | get id\n')
    path = Path(env["XDG_STATE_HOME"]).parent / "campaign.wps"
    path.write_text(script)
    out = run_wps(wps, env, str(path))
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def read_report(path: Path) -> list[dict]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def outcomes(stdout: str) -> dict:
    return {(r["outcome"], r["code"]): r["size"] for r in json.loads(stdout)}


def test_prospect_import_of_a_spreadsheet_export_lands_exactly_once(wps, tmp_path):
    source = tmp_path / "leads.csv"
    emails = write_export(source)
    with sandbox(wps, "--log") as box:
        env = profile_environment(tmp_path, box, KEY)
        campaign = new_campaign(wps, env)
        # Without --skip-invalid: every bad row located, nothing sent.
        refused = run_wps(wps, env, "-c", f"prospect import {source} --campaign {campaign}")
        assert refused.returncode == 2, refused.stderr[-2000:]
        assert "10 problems in 10 of 50000 rows" in refused.stderr and "nothing was sent" in refused.stderr
        for line in BAD_LINES:
            assert f"{source}:{line}: email: must be a valid email address" in refused.stderr
        assert "add_prospects" not in "".join(box.new_log_lines())

        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"prospect import {source} --campaign {campaign} --skip-invalid --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert outcomes(out.stdout) == {("added", None): 49_990, ("invalid", None): 10}
        # The sandbox agrees: exactly the 49,990 valid rows, once each, in the campaign.
        held = sandbox_emails(box, campaign)
        assert len(held) == 49_990 and sorted(held) == sorted(emails)
        requests = [line for line in box.new_log_lines() if "POST /rest/v1/add_prospects_campaign" in line]
        assert len(requests) == 3, requests
        rows = read_report(report)
        assert len(rows) == ROWS
        assert [int(r["line"]) for r in rows] == list(range(2, ROWS + 2))
        assert {r["outcome"] for r in rows if int(r["line"]) in BAD_LINES} == {"invalid"}
        assert sum(r["outcome"] == "added" for r in rows) == 49_990
        assert oct(report.stat().st_mode & 0o777) == "0o600"

        # A second run sends nothing: the journal knows every row.
        again = run_wps(wps, env, "-c", f"prospect import {source} --campaign {campaign} --skip-invalid")
        assert again.returncode == 0, again.stderr[-2000:]
        assert "49990 of 49990 rows were accepted by an earlier run" in again.stderr
        assert not [line for line in box.new_log_lines() if "add_prospects" in line]

        # The same file into the database alone is another import (its own journal): all duplicates.
        database = run_wps(wps, env, "-c", f"prospect import {source} --skip-invalid | where outcome != \"invalid\"")
        assert database.returncode == 0, database.stderr[-2000:]
        assert outcomes(database.stdout) == {("duplicate", "E_DUPLICATE"): 49_990}
        assert len(glob.glob(str(tmp_path / "state" / "wps" / "imports" / "*.journal"))) == 2


def test_prospect_list_all_pages_through_every_prospect(wps, tmp_path):
    source = tmp_path / "leads.csv"
    write_export(source)
    with sandbox(wps, "--log") as box:
        env = profile_environment(tmp_path, box, KEY)
        assert run_wps(wps, env, "-c", f"prospect import {source} --skip-invalid | count").returncode == 0
        box.new_log_lines()
        out = run_wps(wps, env, "-c", 'prospect list --all | where status == "ACTIVE" | count')
        assert out.returncode == 0, out.stderr[-2000:]
        assert json.loads(out.stdout) == 49_990
        pages = [line for line in box.new_log_lines() if "GET /rest/v1/prospects" in line]
        assert len(pages) == 50, pages[:3]
        # Pages are streamed: `first` stops the fetching (two pages needed, at most one more asked for).
        out = run_wps(wps, env, "-c", "prospect list --all | first 1500 | count")
        assert (out.returncode, out.stdout.strip()) == (0, "1500"), out.stderr[-2000:]
        pages = [line for line in box.new_log_lines() if "GET /rest/v1/prospects" in line]
        assert 2 <= len(pages) <= 3, pages
        # With NDJSON output each page prints as it arrives: one line per prospect, none lost.
        out = run_wps(wps, env, "--output", "ndjson", "-c", "prospect list --all | select email")
        lines = out.stdout.splitlines()
        assert out.returncode == 0 and len(lines) == 49_990, out.stderr[-2000:]
        assert len({json.loads(line)["email"] for line in lines}) == 49_990
        page = run_wps(wps, env, "-c", "prospect list --per-page 3 --page 2 --search 'first_name=lead 3'")
        records = json.loads(page.stdout)
        assert len(records) == 3 and all(r["first_name"].startswith("Lead 3") for r in records), page.stderr
        one = json.loads(run_wps(wps, env, "-c", "prospect list --search 'email=lead3@acme3.com'").stdout)
        assert [(r["email"], r["first_name"], r["company"]) for r in one] == [("lead3@acme3.com", "Lead 3", "Acme, 3")]


def test_killed_with_sigkill_mid_import_and_run_again_lands_exactly_once(wps, tmp_path):
    source = tmp_path / "leads.csv"
    emails = write_export(source)
    with sandbox(wps, "--latency", "200") as box:
        env = profile_environment(tmp_path, box, KEY)
        first = subprocess.Popen([str(wps), "-c", f"prospect import {source} --skip-invalid --batch-size 1000 --parallel 2"],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journals = str(tmp_path / "state" / "wps" / "imports" / "*.journal")
        journal = Path(wait_until(lambda: glob.glob(journals), "the import to start its journal")[0])
        wait_for_file_text(journal, lambda text: text.count("\noutcome ") >= 5, "the import to journal five requests")
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert "finished" not in journal.read_text()
        assert 0 < len(sandbox_emails(box)) < 49_990

        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"prospect import {source} --skip-invalid --batch-size 1000 --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert "resuming:" in out.stderr
        held = sandbox_emails(box)
        assert len(held) == len(set(held)) == 49_990 and sorted(held) == sorted(emails)
        rows = [r for r in read_report(report) if r["outcome"] != "invalid"]
        assert len(rows) == 49_990
        # Rows the killed run added without learning the answer come back E_DUPLICATE to the
        # resend: they are this import's own, so they are added, said so — never duplicates.
        for row in rows:
            assert row["outcome"] == "added", row
            assert row["message"] in ("", "added by an earlier run of this import, which sent it but never learnt "
                                          "the answer (the API now finds it there)"), row
        assert "49990 of 49990 rows accepted" in out.stderr, out.stderr[-3000:]
        assert outcomes(out.stdout) == {("added", None): 49_990, ("invalid", None): 10}
        assert journal.read_text().rstrip().endswith("finished")
        # Run again: the journal says the same.
        again = run_wps(wps, env, "-c", f"prospect import {source} --skip-invalid --batch-size 1000")
        assert again.returncode == 0 and outcomes(again.stdout) == outcomes(out.stdout), again.stderr[-3000:]


def test_through_rate_limit_refusals_and_lost_answers_every_prospect_lands_exactly_once(wps, tmp_path):
    # On /rest/v1 the injected refusal is v1's: 400 E_TOO_MANY_REQUESTS, retried as a rate limit.
    source = tmp_path / "leads.csv"
    emails = write_export(source)
    with sandbox(wps, "--log", "--faults", "429:0.1,drop-after:0.01,seed=5") as box:
        env = profile_environment(tmp_path, box, KEY)
        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"prospect import {source} --skip-invalid --batch-size 500 --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        held = sandbox_emails(box)
        assert len(held) == len(set(held)) == 49_990 and sorted(held) == sorted(emails)
        rows = [r for r in read_report(report) if r["outcome"] != "invalid"]
        assert len(rows) == 49_990 and {r["outcome"] for r in rows} <= {"added", "duplicate"}
        duplicates = [r for r in rows if r["outcome"] == "duplicate"]
        assert all("answer was lost" in r["message"] for r in duplicates)
        assert len(duplicates) == 500 * out.stderr.count("the answer was lost")
    assert box.log.count(" 400\n") >= 1 and box.log.count(" 429\n") == 0


def test_one_v1_rate_limit_refusal_aborts_neither_prospect_list_nor_prospect_import(wps, tmp_path):
    # The v1 pages answer E_TOO_MANY_REQUESTS with 400: the client retries it as it does a 429.
    source = tmp_path / "two.csv"
    source.write_text("email\na@acme.com\nb@acme.com\n")
    with sandbox(wps, "--log", "--faults", "first:1:429,path=/rest/v1/add_prospects_list") as box:
        env = profile_environment(tmp_path, box, KEY)
        out = run_wps(wps, env, "-c", f"prospect import {source}")
        assert out.returncode == 0, out.stderr
        assert outcomes(out.stdout) == {("added", None): 2}
    assert box.log.count(" 400\n") == 1
    with sandbox(wps, "--faults", "first:1:429,path=/rest/v1/prospects") as box:
        env = profile_environment(tmp_path, box, KEY)
        assert run_wps(wps, env, "-c", "prospect add c@acme.com").returncode == 0
        out = run_wps(wps, env, "-c", "prospect list")
        assert out.returncode == 0, out.stderr
        assert [r["email"] for r in json.loads(out.stdout)] == ["c@acme.com"]


def test_prospect_import_keeps_within_the_v1_connection_limit(wps, tmp_path):
    source = tmp_path / "two.csv"
    source.write_text("email\na@acme.com\n")
    with sandbox(wps) as box:
        env = profile_environment(tmp_path, box, KEY)
        out = run_wps(wps, env, "-c", f"prospect import {source} --parallel 3")
        assert out.returncode == 2 and "--parallel must be in 1…2" in out.stderr, out.stderr


def test_a_lost_answer_is_resent_and_answers_duplicate_not_a_second_prospect(wps, tmp_path):
    source = tmp_path / "leads.csv"
    emails = write_export(source, rows=3_000, bad_lines=[])
    # The first two POSTs are processed, then their connections closed unanswered.
    with sandbox(wps, "--log", "--faults", "first:2:drop-after,method=POST") as box:
        env = profile_environment(tmp_path, box, KEY)
        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"prospect import {source} --batch-size 1000 --parallel 1 --report {report}")
        assert out.returncode == 0, out.stderr[-3000:]
        assert out.stderr.count("the answer was lost") == 2
        held = sandbox_emails(box)
        assert len(held) == len(set(held)) == 3_000 and sorted(held) == sorted(emails)
        rows = read_report(report)
        # The first request's answer and its resend's were both lost: the third attempt finds its
        # 1,000 rows there (E_DUPLICATE); the other two requests add theirs.
        assert sum(r["outcome"] == "duplicate" for r in rows) == 1_000
        assert sum(r["outcome"] == "added" for r in rows) == 2_000
        assert all("answer was lost" in r["message"] for r in rows if r["outcome"] == "duplicate")
    assert box.log.count("POST /rest/v1/add_prospects_list") == 5


def test_prospect_add_whose_answer_was_lost_is_sent_again_and_found_there(wps, tmp_path):
    with sandbox(wps, "--faults", "first:1:drop-after,method=POST") as box:
        env = profile_environment(tmp_path, box, KEY)
        out = run_wps(wps, env, "-c", "prospect add ann@acme.com --first-name Ann")
        assert out.returncode == 0, out.stderr
        assert "the answer was lost" in out.stderr
        record = json.loads(out.stdout)
        assert record["outcome"] == "added" and "E_DUPLICATE" in record["note"]
        assert sandbox_emails(box) == ["ann@acme.com"]


def test_prospects_not_active_are_rejected_without_force_and_listed(wps, tmp_path):
    with sandbox(wps) as box:
        env = profile_environment(tmp_path, box, KEY)
        campaign = new_campaign(wps, env)
        database = tmp_path / "known.csv"
        database.write_text("email,status\nok@acme.com,ACTIVE\nbounced@acme.com,bounced\nreplied@acme.com,REPLIED\n"
                            "black@acme.com,BLACKLIST\n")
        assert run_wps(wps, env, "-c", f"prospect import {database}").returncode == 0
        into = tmp_path / "into.csv"
        into.write_text("email\nok@acme.com\nbounced@acme.com\nreplied@acme.com\nblack@acme.com\nnew@acme.com\n")
        report = tmp_path / "outcome.csv"
        out = run_wps(wps, env, "-c", f"prospect import {into} --campaign {campaign} --report {report}")
        assert out.returncode == 1, out.stderr[-2000:]
        assert "the API rejected 3 rows" in out.stderr and "E_INV_STATUS (the prospect's status is not ACTIVE" in out.stderr
        assert outcomes(out.stdout) == {("added", None): 2, ("rejected", "E_INV_STATUS"): 3}
        assert f"{into}: 2 of 5 rows accepted, 3 rejected (E_INV_STATUS), 1 request sent" in out.stderr, out.stderr
        assert "5 of 5 rows accepted" not in out.stderr
        rejected = {r["email"]: r for r in read_report(report) if r["outcome"] == "rejected"}
        assert sorted(rejected) == ["black@acme.com", "bounced@acme.com", "replied@acme.com"]
        assert all(r["code"] == "E_INV_STATUS" and "not ACTIVE" in r["message"] for r in rejected.values())
        assert sorted(sandbox_emails(box, campaign)) == ["new@acme.com", "ok@acme.com"]
        # --force admits them (a new import of the file: its journal holds the first run's rows, so
        # give another journal), and --allow-rejected is not needed. The account has a BLACKLIST
        # prospect, so --force asks first: with no terminal it refuses naming --yes, sending nothing.
        refused = run_wps(wps, env, "-c", f"prospect import {into} --campaign {campaign} --force --journal {tmp_path}/f.journal")
        assert refused.returncode == 2, refused.stderr[-2000:]
        assert "(1 prospect is on it)" in refused.stderr and "add --yes to do it (nothing was sent)" in refused.stderr
        assert len(sandbox_emails(box, campaign)) == 2
        forced = run_wps(wps, env, "-c", f"prospect import {into} --campaign {campaign} --force --yes --journal {tmp_path}/f.journal")
        assert forced.returncode == 0, forced.stderr[-2000:]
        assert outcomes(forced.stdout) == {("duplicate", "E_DUPLICATE"): 2, ("added", None): 3}
        assert len(sandbox_emails(box, campaign)) == 5


def test_force_onto_a_blacklist_prospect_asks_first(wps, tmp_path):
    # The API's force admits BLACKLIST too; wps asks first (docs/contract gap 9): with no terminal
    # it refuses naming --yes, as the other confirmations do, and adds nothing.
    with sandbox(wps, "--log") as box:
        env = profile_environment(tmp_path, box, KEY)
        campaign = new_campaign(wps, env)
        assert run_wps(wps, env, "-c", "prospect add black@acme.com --status BLACKLIST").returncode == 0
        assert run_wps(wps, env, "-c", "prospect add bounced@acme.com --status BOUNCED").returncode == 0
        out = run_wps(wps, env, "-c", f"prospect add black@acme.com --campaign {campaign} --force")
        assert out.returncode == 2, out.stderr
        assert "black@acme.com, which is on the BLACKLIST" in out.stderr, out.stderr
        assert "there is no terminal to ask on: add --yes to do it (nothing was added)" in out.stderr, out.stderr
        assert sandbox_emails(box, campaign) == []
        # A prospect not on the blacklist needs no yes; --yes admits the blacklisted one.
        assert run_wps(wps, env, "-c", f"prospect add bounced@acme.com --campaign {campaign} --force").returncode == 0
        out = run_wps(wps, env, "-c", f"prospect add black@acme.com --campaign {campaign} --force --yes")
        assert out.returncode == 0, out.stderr
        assert sorted(sandbox_emails(box, campaign)) == ["black@acme.com", "bounced@acme.com"]
    # The refused command sent no write: two campaign writes in all.
    assert box.log.count("POST /rest/v1/add_prospects_campaign") == 2, box.log


def test_interested_without_a_campaign_is_refused_like_force(wps, tmp_path):
    with sandbox(wps) as box:
        env = profile_environment(tmp_path, box, KEY)
        for flag in ("--interested INTERESTED", "--force"):
            out = run_wps(wps, env, "-c", f"prospect add new@acme.com {flag}")
            assert out.returncode == 2, (flag, out.stderr)
            assert f"{flag.split()[0]} applies only with --campaign ID" in out.stderr, out.stderr
        assert sandbox_emails(box) == []


def test_every_v1_code_wps_can_meet_is_shown_with_its_meaning(wps, tmp_path):
    with sandbox(wps) as box:
        env = profile_environment(tmp_path, box, KEY)
        campaign = new_campaign(wps, env)
        assert run_wps(wps, env, "-c", "prospect add ann@acme.com --first-name Ann").returncode == 0
        cases = {
            "prospect add ann@acme.com": "E_DUPLICATE (the prospect is already there)",
            "prospect add gone@nowhere.invalid": "E_EMAIL_NOT_EXISTS (the email address seems not to exist)",
            "prospect add ann@acme.com --campaign 999999": "E_RECORD_NOT_FOUND (the campaign cannot be found)",
            "prospect add b@acme.com --status BOUNCED": None,
        }
        for command, shown in cases.items():
            out = run_wps(wps, env, "-c", command)
            if shown is None:
                assert out.returncode == 0, out.stderr
                continue
            assert out.returncode == 1, (command, out.stderr)
            assert shown in out.stderr, (command, out.stderr)
        out = run_wps(wps, env, "-c", f"prospect add b@acme.com --campaign {campaign}")
        assert out.returncode == 1 and "E_INV_STATUS (the prospect's status is not ACTIVE" in out.stderr
        assert "--force adds it anyway" in out.stderr
        assert run_wps(wps, env, "-c", f"prospect add b@acme.com --campaign {campaign} --force").returncode == 0
        # Broken rules are caught before sending, named at the flag (exit 2, nothing sent).
        out = run_wps(wps, env, "-c", "prospect add b@acme.com --campaign 5 --send-after tomorrow")
        assert out.returncode == 2 and "--send-after" in out.stderr
        out = run_wps(wps, env, "-c", "prospect list --per-page 5000")
        assert out.returncode == 2 and "--per-page: must be between 1 and 1000, got 5000 (per_page)" in out.stderr
        # --update changes the stored fields and says so.
        out = run_wps(wps, env, "-c", "prospect add ann@acme.com --update --company Acme")
        assert out.returncode == 0 and json.loads(out.stdout)["outcome"] == "updated", out.stderr
        records = json.loads(run_wps(wps, env, "-c", "prospect list --search 'email=ann@acme.com'").stdout)
        assert records[0]["company"] == "Acme" and records[0]["first_name"] == "Ann"
        # campaign preview fills the snippets from the stored prospect.
        preview = run_wps(wps, env, "-c", f"campaign preview {campaign} --prospect ann@acme.com")
        assert preview.returncode == 0, preview.stderr
        rendered = json.loads(preview.stdout)[0]
        assert rendered["subject"] == "Hi Ann" and rendered["message"].startswith("Hello from Acme")
        missing = run_wps(wps, env, "-c", f"campaign preview {campaign} --prospect nobody@acme.com")
        assert missing.returncode == 1 and "no prospect nobody@acme.com" in missing.stderr


def test_stats_of_a_run_campaign_are_ready_and_follow_from_the_enrolments(wps, tmp_path):
    source = tmp_path / "leads.csv"
    write_export(source, rows=2_000, bad_lines=[])
    with sandbox(wps) as box:
        env = profile_environment(tmp_path, box, KEY)
        campaign = new_campaign(wps, env)
        known = tmp_path / "known.csv"
        known.write_text("email,status\nbounced@acme.com,BOUNCED\n")
        assert run_wps(wps, env, "-c", f"prospect import {known}").returncode == 0
        out = run_wps(wps, env, "-c", f"prospect import {source} --campaign {campaign}")
        assert out.returncode == 0, out.stderr[-2000:]
        # Admitted with --force, but the sandbox never writes to a prospect that is not ACTIVE.
        assert run_wps(wps, env, "-c", f"prospect add bounced@acme.com --campaign {campaign} --force").returncode == 0
        assert run_wps(wps, env, "-c", f"campaign run {campaign}").returncode == 0
        # One mailbox, 10 to 20 s between sends: in 12 hours step 1 has gone to all 2,000.
        assert run_wps(wps, env, "-c", "sandbox advance 12h").returncode == 0
        stats = run_wps(wps, env, "-c", f"campaign stats {campaign} --interval 50ms")
        assert stats.returncode == 0, stats.stderr[-2000:]
        record = json.loads(stats.stdout)
        totals = record["totals"]
        # Step 1 went to every ACTIVE enrolment (window all day).
        assert totals["contacted_prospects"] == 2_000
        assert totals["delivered"] == 2_000 - totals["bounced"] and 0 < totals["bounced"] < 200
        assert totals["bounced_rate"] == f"{totals['bounced'] * 100 / 2_000:.1f}%"
        assert record["status"] == "RUNNING" and len(record["mailboxes"]) == 1
        assert record["steps"][0]["step"] == 1 and record["steps"][0]["contacted_prospects"] == 2_000
        report = json.loads(run_wps(wps, env, "-c", "report campaigns --interval 50ms").stdout)
        assert [(r["id"], r["contacted_prospects"]) for r in report] == [(campaign, 2_000)]
        sent = json.loads(run_wps(wps, env, "-c", "report messages --interval 50ms").stdout)
        assert sum(r["sent"] for r in sent) == 2_000
        # The same numbers on a second ask: the rule is deterministic.
        again = json.loads(run_wps(wps, env, "-c", f"campaign stats {campaign} --interval 50ms").stdout)
        assert again["totals"] == totals
        # The prospects show what was sent: contacted, and BOUNCED where step 1 bounced (at once);
        # the prospect stored BOUNCED was never written to.
        def listed(flags):
            out = run_wps(wps, env, "-c", f"prospect list --all {flags} | count")
            assert out.returncode == 0, out.stderr[-2000:]
            return json.loads(out.stdout)
        assert listed("--contacted") == 2_000
        assert listed("--status BOUNCED") == totals["bounced"] + 1
        # Still ACTIVE there: neither bounced, nor replied, nor opted out (one may have done both).
        active = listed(f"--campaign {campaign} --status ACTIVE")
        left = 2_000 - totals["bounced"] - totals["responded"]
        assert left - totals["opt_out"] <= active <= left, (active, totals)
        details = json.loads(run_wps(wps, env, "-c", f"prospect list --all --campaign {campaign} --status BOUNCED").stdout)
        mine = [p for p in details if p["email"] != "bounced@acme.com"]
        assert len(mine) == totals["bounced"] and all("last_contacted" in p for p in mine)
        assert all(p["campaigns"][0]["status"] == "BOUNCED" for p in mine)
        refused = run_wps(wps, env, "-c", "report campaigns --from 2020-01-01")
        assert refused.returncode == 2 and "within the last 30 days" in refused.stderr
