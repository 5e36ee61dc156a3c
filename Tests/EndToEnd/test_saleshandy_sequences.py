"""Saleshandy sequences end to end against a `wps sandbox` process (its `--log` shows what reached
it): `sequence list|get`, `sequence step add` (channels, days, variants, Markdown content), the
documented rules checked before sending, a dry run that sends nothing, the same commands as MCP
tools, and a Woodpecker profile refused at the command."""
import asyncio
import json
import os
import subprocess

from conftest import Sandbox
from test_mcp import Served, text


def saleshandy_environment(tmp_path, box, key):
    """An environment whose default profile is Saleshandy on `box`, and a Woodpecker one `wp`."""
    config = tmp_path / "config" / "wps" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "default: sh\nprofiles:\n"
        f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: SANDBOX_KEY }}\n"
        f"  wp: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key_env: SANDBOX_KEY }}\n")
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
                "SANDBOX_KEY": key})
    return env


def wps_run(wps, env, cwd, *args):
    return subprocess.run([str(wps), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def step_posts(lines):
    return [line for line in lines if line.startswith("POST /v1/sequences/")]


def test_sequences_are_listed_fetched_and_grow_a_step(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-sequences")
        listed = wps_run(wps, env, tmp_path, "-c", "sequence list")
        assert listed.returncode == 0, listed.stderr
        sequences = json.loads(listed.stdout)
        assert [s["id"] for s in sequences] == ["sq7Kd2mPq1", "sq9Vn4xRt2"]
        assert sequences[0]["steps"] == ["st00000001"]
        named = wps_run(wps, env, tmp_path, "-c", "sequence list --name AGENC --sort-by title | count")
        assert named.returncode == 0 and json.loads(named.stdout) == 1, named.stderr

        (tmp_path / "followup.md").write_text("Hi {{firstName}},\n\nJust **following up**.\n")
        added = wps_run(wps, env, tmp_path, "-c",
                        "sequence step add sq7Kd2mPq1 --day 3 --subject 'Following up' --content @followup.md "
                        "--subject 'Any thoughts?' --content '<p>B</p>'")
        assert added.returncode == 0, added.stderr
        step = json.loads(added.stdout)
        assert step["absoluteDays"] == 3 and step["channel"] == "email" and step["number"] == 2
        assert len(step["variants"]) == 2
        assert "<strong>following up</strong>" in step["variants"][0]["payload"]["content"]
        task = wps_run(wps, env, tmp_path, "-c",
                       "sequence step add sq7Kd2mPq1 --day 2 --channel task --note 'Call them' --priority high")
        assert task.returncode == 0, task.stderr
        assert json.loads(task.stdout)["number"] == 2  # ordered by day: the task now comes second

        fetched = wps_run(wps, env, tmp_path, "-c", "sequence get sq7Kd2mPq1")
        assert fetched.returncode == 0, fetched.stderr
        shown = json.loads(fetched.stdout)
        assert shown["title"] == "Demo: SaaS founders" and shown["active"] is True
        assert [(s["absoluteDays"], s["channel"], s["number"]) for s in shown["steps"]] == [
            (1, "email", 1), (2, "task", 2), (3, "email", 3)]
        box.new_log_lines()

        # The documented rules, checked before sending: nothing reaches the sandbox.
        broken = wps_run(wps, env, tmp_path, "-c", "sequence step add sq7Kd2mPq1 --day 1000 --channel linkedin-message")
        assert broken.returncode == 2
        assert "--day: must be in 1…999, got 1000" in broken.stderr
        assert "is required on a linkedin-message step" in broken.stderr
        unpaired = wps_run(wps, env, tmp_path, "-c", "sequence step add sq7Kd2mPq1 --day 4 --subject only")
        assert unpaired.returncode == 2 and "--subject/--content pairs" in unpaired.stderr
        noted = wps_run(wps, env, tmp_path, "-c", "sequence step add sq7Kd2mPq1 --day 4 --subject s --content c --note n")
        assert noted.returncode == 2 and "taskNote" in noted.stderr and "not allowed on an email step" in noted.stderr
        assert step_posts(box.new_log_lines()) == []

        # What only the account knows is the sandbox's answer: a day's second email, an unknown sequence.
        twice = wps_run(wps, env, tmp_path, "-c", "sequence step add sq7Kd2mPq1 --day 3 --subject s --content c")
        assert twice.returncode == 1 and "day 3 already has an email step" in twice.stderr
        unknown = wps_run(wps, env, tmp_path, "-c", "sequence get nosuchseq0")
        assert unknown.returncode == 1 and "Sequence is not found" in unknown.stderr

        # A Woodpecker profile is refused at the command, before anything is sent.
        box.new_log_lines()
        refused = wps_run(wps, env, tmp_path, "--profile", "wp", "-c", "sequence list")
        assert refused.returncode == 2
        assert "sequence list" in refused.stderr and "saleshandy" in refused.stderr.lower()
        assert not any(line.startswith("GET /v1/sequences") for line in box.new_log_lines())
    finally:
        box.stop()


def test_a_dry_run_adds_no_step(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-dry")
        planned = wps_run(wps, env, tmp_path, "--dry-run", "-c",
                          "sequence step add sq9Vn4xRt2 --day 5 --channel linkedin-message --message 'Saw your post'")
        assert planned.returncode == 0, planned.stderr
        assert f"POST {box.url}/v1/sequences/sq9Vn4xRt2/steps" in planned.stderr + planned.stdout
        assert step_posts(box.new_log_lines()) == []
        after = wps_run(wps, env, tmp_path, "-c", "sequence get sq9Vn4xRt2 | get steps | count")
        assert after.returncode == 0 and json.loads(after.stdout) == 1, after.stderr
    finally:
        box.stop()


def test_sequence_tools_over_mcp(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-mcp")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                tools = {tool.name: tool for tool in (await served.session.list_tools()).tools}
                assert {"sequence_list", "sequence_get", "sequence_step_add"} <= set(tools)
                assert "day" in tools["sequence_step_add"].input_schema.get("required", [])
                listed = await served.call("sequence_list", {})
                assert not listed.is_error, text(listed)
                added = await served.call("sequence_step_add", {
                    "id": "sq7Kd2mPq1", "day": 6, "channel": "call-demo", "note": "Demo call"})
                assert not added.is_error, text(added)
                assert added.structured_content["channel"] == "call-demo"
                broken = await served.call("sequence_step_add", {"id": "sq7Kd2mPq1", "day": 0})
                assert broken.is_error and "absoluteDays" in json.dumps(broken.structured_content)
                dry = await served.call("sequence_step_add", {
                    "id": "sq7Kd2mPq1", "day": 7, "channel": "task", "dry_run": True})
                assert not dry.is_error, text(dry)
                return box.new_log_lines()

        lines = asyncio.run(scenario())
    finally:
        box.stop()
    assert len(step_posts(lines)) == 1, lines  # only the valid, real one


def test_the_sandbox_serves_sequences_as_the_contract_says(wps):
    import requests
    box = Sandbox(wps, "--no-rate-limit")
    try:
        headers = {"x-api-key": "sh-raw"}
        listed = requests.get(f"{box.url}/v1/sequences?pageSize=1&sort=DESC", headers=headers, timeout=30)
        assert listed.status_code == 200
        body = listed.json()
        assert body["message"] and [s["id"] for s in body["payload"]] == ["sq9Vn4xRt2"]
        assert set(body["payload"][0]) >= {"id", "title", "active", "steps", "user"}
        far = requests.get(f"{box.url}/v1/sequences?page=9223372036854775807&pageSize=1000", headers=headers, timeout=30)
        assert far.status_code == 200 and far.json()["payload"] == []  # past the end, not a crash
        for query in ("pageSize=0", "pageSize=x", "sort=UP", "sortBy=name"):
            bad = requests.get(f"{box.url}/v1/sequences?{query}", headers=headers, timeout=30)
            assert bad.status_code == 400 and "message" in bad.json(), query
        created = requests.post(f"{box.url}/v1/sequences/sq7Kd2mPq1/steps", headers=headers, timeout=30, json={
            "type": 3, "absoluteDays": 4, "variants": [{"payload": {"message": "hello"}}]})
        assert created.status_code == 201, created.text
        assert created.json()["payload"]["type"] == 3 and created.json()["payload"]["number"] == 2
        for body in ({"type": 1, "absoluteDays": 4, "variants": []},
                     {"type": 99, "absoluteDays": 4, "variants": [{"payload": {}}]},
                     {"type": 5, "absoluteDays": 4, "variants": [{"payload": {}}, {"payload": {}}]}):
            refused = requests.post(f"{box.url}/v1/sequences/sq7Kd2mPq1/steps", headers=headers, timeout=30, json=body)
            assert refused.status_code == 400 and refused.json()["message"], body
        missing = requests.get(f"{box.url}/v1/sequences/nosuchseq0/steps", headers=headers, timeout=30)
        assert missing.status_code == 400 and missing.json() == {"message": "Sequence is not found"}
        assert requests.get(f"{box.url}/v1/sequences", timeout=30).status_code == 401
        # Each key is its own account: another key sees the demo sequence with its one step.
        other = requests.get(f"{box.url}/v1/sequences/sq7Kd2mPq1/steps", headers={"x-api-key": "sh-other"}, timeout=30)
        assert len(other.json()["payload"]) == 1
    finally:
        box.stop()


def test_sequence_stats_count_its_prospects(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-stats")
        leads = tmp_path / "leads.csv"
        leads.write_text("Email\nann@acme.com\nbob@acme.com\ncy@acme.com\n")
        assert wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 | count").returncode == 0
        assert wps_run(wps, env, tmp_path, "-c", "prospect set bob@acme.com --sequence sq7Kd2mPq1 --status replied"
                       ).returncode == 0
        stats = wps_run(wps, env, tmp_path, "-c", "sequence stats sq7Kd2mPq1")
        assert stats.returncode == 0, stats.stderr
        shown = json.loads(stats.stdout)
        assert shown["sequence_name"] == "Demo: SaaS founders"
        assert (shown["total"], shown["replied"], shown["not_contacted"]) == (3, 1, 3)  # numbers, not the API's strings
        assert shown["emails_total"] == 0 and "emails_delivered" in shown
        unknown = wps_run(wps, env, tmp_path, "-c", "sequence stats nosuchseq0")
        assert unknown.returncode == 1 and "Sequence is not found" in unknown.stderr
        assert any(line.startswith("POST /v1/analytics/stats") for line in box.new_log_lines())
    finally:
        box.stop()


def test_do_not_contact_lists_are_listed_searched_and_kept(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-dnc")
        lists = json.loads(wps_run(wps, env, tmp_path, "-c", "dnc list").stdout)
        assert [(l["id"], l["name"], l["items"]) for l in lists] == [("dnGl0ba1Ls", "Global Do Not Contact List", 0)]
        added = wps_run(wps, env, tmp_path, "-c", "dnc add dnGl0ba1Ls bob@acme.com competitor.com BOB@acme.com")
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout) == {"list_id": "dnGl0ba1Ls", "added": 2, "skipped": 1}
        found = json.loads(wps_run(wps, env, tmp_path, "-c", "dnc search acme").stdout)
        assert [(f["value"], f["type"], f["list"]) for f in found] == [("bob@acme.com", "email", "Global Do Not Contact List")]
        domains = json.loads(wps_run(wps, env, tmp_path, "-c", "dnc search com --type domain").stdout)
        assert [f["value"] for f in domains] == ["competitor.com"]
        assert json.loads(wps_run(wps, env, tmp_path, "-c", "dnc list | first").stdout)["items"] == 2
        box.new_log_lines()
        bad = wps_run(wps, env, tmp_path, "-c", "dnc add dnGl0ba1Ls not_a_domain")
        assert bad.returncode == 2 and "must be an email or a domain" in bad.stderr
        assert not any(line.startswith("POST /v1/dnc") for line in box.new_log_lines())
        unknown = wps_run(wps, env, tmp_path, "-c", "dnc add nosuchlist x@y.com")
        assert unknown.returncode == 1 and "Failed to add dnc item" in unknown.stderr

        # An import skips whoever is on a list: the report says so.
        leads = tmp_path / "leads.csv"
        leads.write_text("Email\nann@acme.com\nbob@acme.com\nsam@competitor.com\n")
        report = tmp_path / "out.csv"
        out = wps_run(wps, env, tmp_path, "-c", f"prospect import {leads} --sequence sq7Kd2mPq1 --report {report}")
        assert out.returncode == 1 and "do not contact" in out.stderr
        rows = report.read_text().splitlines()
        assert rows[2].endswith(",failed,7a5001,do not contact") and rows[3].endswith(",failed,7a5001,do not contact")
        # Under a Woodpecker profile the lists are not there to ask.
        refused = wps_run(wps, env, tmp_path, "--profile", "wp", "-c", "dnc list")
        assert refused.returncode == 2 and "is a woodpecker profile; this needs saleshandy" in refused.stderr
    finally:
        box.stop()


def test_email_accounts_are_listed_and_reconnected(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log", "--processing-delay", "0")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-accounts")
        (tmp_path / "pw.txt").write_text("Planted-Sh-Pw-31\n")
        added = wps_run(wps, env, tmp_path, "-c",
                        "mailbox add --email ann@example.com --password @pw.txt --smtp-server smtp.example.com "
                        "--smtp-port 465 --imap-server imap.example.com --imap-port 993 | batch watch | count")
        assert added.returncode == 0, added.stderr
        listed = wps_run(wps, env, tmp_path, "-c", "mailbox list")
        assert listed.returncode == 0, listed.stderr
        accounts = json.loads(listed.stdout)
        assert [(a["email"], a["status"]) for a in accounts] == [("ann@example.com", "active")]
        assert any(line.startswith("POST /v1/email-accounts ") for line in box.new_log_lines())
        again = wps_run(wps, env, tmp_path, "-c", "mailbox list | mailbox reconnect - | batch watch")
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)[0]["connected"] == 1
        unknown = wps_run(wps, env, tmp_path, "-c", f"mailbox reconnect {accounts[0]['id']} nosuchacct | batch watch")
        assert unknown.returncode == 1 and "nosuchacct: no email account nosuchacct" in unknown.stderr
        # Woodpecker's listing flags are Woodpecker's; Saleshandy's --search is Saleshandy's.
        raw = wps_run(wps, env, tmp_path, "-c", "mailbox list --raw")
        assert raw.returncode == 2 and "--raw is Woodpecker's" in raw.stderr
        searched = wps_run(wps, env, tmp_path, "-c", "mailbox list --search nobody")
        assert searched.returncode == 0 and json.loads(searched.stdout) == []
        assert "Planted-Sh-Pw-31" not in added.stderr + listed.stdout + again.stderr
    finally:
        box.stop()


def test_webhooks_are_created_and_listed(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = saleshandy_environment(tmp_path, box, "sh-hooks")
        made = wps_run(wps, env, tmp_path, "-c", "webhook subscribe reply-received email-bounced reply-received "
                       "--url https://hooks.example.com/wps --header X-Token=Planted-Hook-Secret-7")
        assert made.returncode == 0, made.stderr
        hook = json.loads(made.stdout)
        assert hook["events"] == ["reply-received", "email-bounced"] and hook["status"] == "active"
        assert hook["name"] == "wps hooks.example.com" and hook["headers"] == ["X-Token"]
        assert len(hook["id"]) == 24
        listed = json.loads(wps_run(wps, env, tmp_path, "-c", "webhook list").stdout)
        assert [h["id"] for h in listed] == [hook["id"]]
        assert "Planted-Hook-Secret-7" not in made.stdout + json.dumps(listed)
        # A header's value may be a token: a dry run shows the request with the headers masked.
        dry = wps_run(wps, env, tmp_path, "--dry-run", "-c", "webhook subscribe email-sent "
                      "--url https://hooks.example.com/d --header X-Token=Planted-Hook-Secret-7")
        assert dry.returncode == 0, dry.stderr
        assert "POST" in dry.stderr + dry.stdout and "Planted-Hook-Secret-7" not in dry.stderr + dry.stdout
        box.new_log_lines()
        for line, expected in [
            ("webhook subscribe prospect_replied --url https://hooks.example.com/x", "prospect_replied is not Saleshandy's"),
            ("webhook subscribe reply-received --url ftp://hooks.example.com/x", "--url"),
            ("webhook subscribe reply-received --url https://h.example.com --header nocolon", "--header takes NAME=VALUE"),
            ("webhook unsubscribe prospect_replied --url https://hooks.example.com/wps", "this needs woodpecker"),
        ]:
            refused = wps_run(wps, env, tmp_path, "-c", line)
            assert refused.returncode == 2 and expected in refused.stderr, (line, refused.stderr)
        assert not any(line.startswith("POST /v1/webhook") for line in box.new_log_lines())
        # Woodpecker's events stay Woodpecker's.
        other = wps_run(wps, env, tmp_path, "--profile", "wp", "-c", "webhook subscribe reply-received --url https://h.example.com")
        assert other.returncode == 2 and "reply-received is not Woodpecker's" in other.stderr
    finally:
        box.stop()
