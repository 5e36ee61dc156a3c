"""Saleshandy prospect import end to end against a `wps sandbox` process: a spreadsheet export into
a sequence's step (the same reader, checks, journal and report as Woodpecker's import), each
import watched through its status to its report, a dry run that sends nothing, the same command
over MCP, another provider's flags refused, and 20,000 prospects landing exactly once across a
kill -9."""
import asyncio
import glob
import json
import signal
import subprocess
from pathlib import Path

import requests

from conftest import Sandbox, wait_for_file_text, wait_until
from test_mcp import Served, text
from test_saleshandy_sequences import saleshandy_environment, wps_run

KEY = "sh-prospects"


def account_prospects(box, key=KEY):
    """Every prospect of the account, read a page of 100 at a time."""
    found, page = [], 1
    while True:
        answer = requests.get(f"{box.url}/v1/prospects?pageSize=100&page={page}", headers={"x-api-key": key},
                              timeout=30)
        assert answer.status_code == 200, answer.text
        rows = answer.json()["payload"]
        found += rows
        if len(rows) < 100:
            return found
        page += 1


def import_posts(lines):
    return [line for line in lines if line.startswith("POST /v1/sequences/prospects/import-with-field-name")]


def test_a_spreadsheet_lands_in_a_sequence_with_its_report(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, KEY)
        leads = tmp_path / "leads.csv"
        leads.write_bytes(b"\xef\xbb\xbfEmail,First Name,Company Name,Job Title\r\n"
                          b"ann@acme.com,Ann,Acme,CEO\r\nbob@acme.com,Bob,Acme,\r\nzed@nowhere.invalid,Zed,,\r\n")
        report = tmp_path / "outcome.csv"
        out = wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 --tag q4 "
                      f"--conflict addMissingFields --report {report}")
        assert out.returncode == 1, out.stderr
        assert "Saleshandy did not import 1 row of" in out.stderr and "zed@nowhere.invalid" in out.stderr
        records = json.loads(out.stdout)
        assert records[0]["size"] == 3 and records[0]["failed"] == 1 and records[0]["lines"] == "2-4"
        assert records[0]["report_url"].endswith("/report.csv")
        rows = report.read_text().splitlines()
        assert rows[0] == "line,email,outcome,request,message"
        assert rows[1].startswith("2,ann@acme.com,added,") and rows[3].startswith("4,zed@nowhere.invalid,failed,")
        assert oct(report.stat().st_mode & 0o777) == "0o600"
        posted = import_posts(box.new_log_lines())
        assert len(posted) == 1
        prospects = {p["email"]: p for p in account_prospects(box)}
        assert set(prospects) == {"ann@acme.com", "bob@acme.com"}
        attributes = {a["key"]: a["value"] for a in prospects["ann@acme.com"]["attributes"]}
        assert attributes == {"Email": "ann@acme.com", "First Name": "Ann", "Company": "Acme", "Job Title": "CEO"}
        assert prospects["ann@acme.com"]["sequences"] == [{"sequenceId": "sq7Kd2mPq1", "status": "active"}]

        # Into a later step, checked against the sequence's steps first.
        wrong = wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 --step st00000003")
        assert wrong.returncode == 2 and "is not a step of sequence sq7Kd2mPq1" in wrong.stderr
        # Another provider's flags, and a missing --sequence, are refused before anything is sent.
        foreign = wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 --campaign 1")
        assert foreign.returncode == 2 and "--campaign is Woodpecker's" in foreign.stderr
        missing = wps_run(wps, env, tmp_path, "-c", f"prospect import {leads}")
        assert missing.returncode == 2 and "needs --sequence" in missing.stderr
        woodpecker = wps_run(wps, env, tmp_path, "--profile", "wp", "-c",
                             f"prospect import {leads} --sequence sq7Kd2mPq1")
        assert woodpecker.returncode == 2 and "--sequence is Saleshandy's" in woodpecker.stderr

        # A dry run shows the request and sends nothing.
        box.new_log_lines()
        dry = wps_run(wps, env, tmp_path, "--dry-run", "-c", f"prospect import {leads} --sequence sq9Vn4xRt2")
        assert dry.returncode == 0, dry.stderr
        assert f"POST {box.url}/v1/sequences/prospects/import-with-field-name" in dry.stderr + dry.stdout
        assert import_posts(box.new_log_lines()) == []

        # The same command over MCP, with the session's Saleshandy profile.
        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                tools = {tool.name: tool for tool in (await served.session.list_tools()).tools}
                properties = tools["prospect_import"].input_schema["properties"]
                assert {"sequence", "campaign", "conflict"} <= set(properties)
                done = await served.call("prospect_import", {
                    "file": str(leads), "sequence": "sq9Vn4xRt2", "allow_rejected": True})
                assert not done.is_error, text(done)
                return done.structured_content
        content = asyncio.run(scenario())
        assert "sq9Vn4xRt2" in json.dumps(account_prospects(box)), content
    finally:
        box.stop()


def test_twenty_thousand_prospects_land_exactly_once_across_a_kill(wps, tmp_path):
    source = tmp_path / "big.csv"
    emails = [f"lead{i:05d}@example.com" for i in range(20_000)]
    source.write_text("Email,First Name,Company\n" + "".join(f"{e},Lead {i},Co {i % 97}\n" for i, e in enumerate(emails)))
    box = Sandbox(wps, "--log", "--latency", "150")
    try:
        env = saleshandy_environment(tmp_path, box, KEY)
        first = subprocess.Popen([str(wps), "-c", f"prospect import {source} --sequence sq7Kd2mPq1 "
                                  "--batch-size 1000 --parallel 2"],
                                 env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        journals = str(tmp_path / "state" / "wps" / "imports" / "*.journal")
        journal = Path(wait_until(lambda: glob.glob(journals), "the import to start its journal")[0])
        wait_for_file_text(journal, lambda t: t.count("\naccepted ") >= 4, "the import to journal four requests")
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert "finished" not in journal.read_text()
        sent_before = len(import_posts(box.new_log_lines()))
        assert 4 <= sent_before < 20

        again = wps_run(wps, env, tmp_path, "-c", f"prospect import {source} --sequence sq7Kd2mPq1 "
                        "--batch-size 1000 --parallel 2")
        assert again.returncode == 0, again.stderr[-3000:]
        assert "resuming:" in again.stderr
        sent_after = len(import_posts(box.new_log_lines()))
        # Only what was never answered went again: at most the two in flight when it was killed.
        assert sent_before + sent_after <= 20 + 2, (sent_before, sent_after)
        found = [p["email"] for p in account_prospects(box)]
        assert len(found) == 20_000 and sorted(found) == emails
        assert journal.read_text().rstrip().endswith("finished")

        third = wps_run(wps, env, tmp_path, "-c", f"prospect import {source} --sequence sq7Kd2mPq1 "
                        "--batch-size 1000 | count")
        assert third.returncode == 0, third.stderr
        assert "20000 of 20000 rows were accepted by an earlier run" in third.stderr
        assert import_posts(box.new_log_lines()) == []
    finally:
        box.stop()


def test_prospects_are_listed_and_set_in_a_sequence(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-set")
        leads = tmp_path / "leads.csv"
        leads.write_text("email,first_name,last_name\n" + "".join(f"p{i}@acme.com,P{i},Q\n" for i in range(150)))
        assert wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 | count").returncode == 0
        page = wps_run(wps, env, tmp_path, "-c", "prospect list --per-page 20 --page 2")
        assert page.returncode == 0, page.stderr
        rows = json.loads(page.stdout)
        assert [r["email"] for r in rows] == [f"p{i}@acme.com" for i in range(20, 40)]
        assert rows[0]["first_name"] == "P20" and rows[0]["sequences"] == [{"sequence_id": "sq7Kd2mPq1", "status": "active"}]
        every = wps_run(wps, env, tmp_path, "-c", "prospect list --all | count")
        assert every.returncode == 0 and json.loads(every.stdout) == 150, every.stderr
        found = wps_run(wps, env, tmp_path, "-c", "prospect list --search p7@ | count")
        assert json.loads(found.stdout) == 1
        odd = wps_run(wps, env, tmp_path, "-c", "prospect list --per-page 30")
        assert odd.returncode == 2 and "must be 10, 20, 50 or 100" in odd.stderr

        box.new_log_lines()
        paused = wps_run(wps, env, tmp_path, "-c",
                         "prospect set p3@acme.com --sequence sq7Kd2mPq1 --status paused --pause-days 7")
        assert paused.returncode == 0, paused.stderr
        assert json.loads(paused.stdout)["changed"] is True
        assert any(line.startswith("PATCH /v1/prospects/status") for line in box.new_log_lines())
        shown = wps_run(wps, env, tmp_path, "-c", "prospect list --search p3@ | first")
        assert json.loads(shown.stdout)["sequences"] == [{"sequence_id": "sq7Kd2mPq1", "status": "paused"}]
        # Rules before sending; Woodpecker's statuses and flags are not Saleshandy's.
        for line, expected in [
            ("prospect set p3@acme.com --sequence sq7Kd2mPq1 --status active --pause-days 3", "goes only with status paused"),
            ("prospect set p3@acme.com --sequence sq7Kd2mPq1 --status BOUNCED", "--status BOUNCED is not Saleshandy's"),
            ("prospect set p3@acme.com --status paused", "needs --sequence"),
            ("prospect set p3@acme.com --campaign 1 --sequence sq7Kd2mPq1 --status paused", "--campaign is Woodpecker's"),
        ]:
            refused = wps_run(wps, env, tmp_path, "-c", line)
            assert refused.returncode == 2 and expected in refused.stderr, (line, refused.stderr)
        assert not any(line.startswith("PATCH") for line in box.new_log_lines())
        # Not in that sequence: nothing changes, exit 1; under --dry-run nothing is sent.
        other = wps_run(wps, env, tmp_path, "-c", "prospect set p3@acme.com --sequence sq9Vn4xRt2 --status finished")
        assert other.returncode == 1 and "did not change p3@acme.com" in other.stderr
        box.new_log_lines()
        dry = wps_run(wps, env, tmp_path, "--dry-run", "-c", "prospect set p4@acme.com --sequence sq7Kd2mPq1 --status replied")
        assert dry.returncode == 0 and f"PATCH {box.url}/v1/prospects/status" in dry.stderr + dry.stdout, dry.stderr
        assert not any(line.startswith("PATCH") for line in box.new_log_lines())
    finally:
        box.stop()
