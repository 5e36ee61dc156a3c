"""`wps mcp` driven by the official Python MCP SDK's stdio client (PyPI `mcp`): the tools and their
schemas, calls against a `wps sandbox` process whose log shows what reached it, broken rules as
tool errors with nothing sent, dry runs, destructive tools, --read-only, concurrency within the rate
limit, a planted password nowhere, and a 2,000-row import with progress."""
import asyncio
import json
import os
from contextlib import AsyncExitStack

import jsonschema
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import Sandbox, profile_environment

PASSWORD = "Planted-Pw-9f3kQ"


class Served:
    """A `wps mcp` server and an initialised client session; `calls` keeps every result received."""

    def __init__(self, wps, tmp_path, args, env=None, cwd=None):
        self.params = StdioServerParameters(command=str(wps), args=["mcp", *args], env=env or dict(os.environ),
                                            cwd=str(cwd) if cwd else None)
        self.errlog_path = tmp_path / f"mcp-stderr-{len(list(tmp_path.glob('mcp-stderr-*')))}.log"
        self.received = []

    async def __aenter__(self):
        self.errlog = open(self.errlog_path, "w")
        self.stack = AsyncExitStack()
        read, write = await self.stack.enter_async_context(stdio_client(self.params, errlog=self.errlog))
        self.session = await self.stack.enter_async_context(ClientSession(read, write))
        self.init = await self.session.initialize()
        return self

    async def __aexit__(self, *exc):
        # One stack closes the session and the server's pipes in order, also when a check failed.
        try:
            return await self.stack.__aexit__(*exc)
        finally:
            self.errlog.close()

    async def call(self, name, arguments, **options):
        result = await self.session.call_tool(name, arguments, **options)
        self.received.append(result.model_dump_json())
        return result

    def stderr(self):
        return self.errlog_path.read_text()


def run(coroutine):
    return asyncio.run(coroutine)


def text(result):
    return "\n".join(part.text for part in result.content if getattr(part, "text", None))


def campaign_posts(log):
    return [line for line in log.splitlines() if line.startswith("POST /rest/v2/campaigns")]


async def connected_mailbox(served):
    added = await served.call("mailbox_add", {
        "email": "ann@example.com", "password": PASSWORD, "smtp_server": "smtp.example.com", "smtp_port": 465,
        "imap_server": "imap.example.com", "imap_port": 993})
    assert not added.is_error, text(added)
    watched = await served.call("batch_watch", {"id": [added.structured_content["batch_id"]]})
    assert not watched.is_error, text(watched)
    listed = await served.call("mailbox_list", {})
    return [box["id"] for box in listed.structured_content["result"] if box["type"] == "SMTP"][0]


def new_campaign(account, **extra):
    arguments = {"name": "Q4", "accounts": [account], "timezone": "UTC", "daily_enroll": 5,
                 "subject": ["Hi {{FIRST_NAME}}"], "message": ["<p>Hello</p>"]}
    arguments.update(extra)
    return arguments


def test_every_api_command_is_a_tool_with_a_valid_schema(wps, tmp_path):
    catalogue = json.loads(os.popen(f"{wps} help --json").read())
    api = {command["name"].replace(" ", "_").replace("-", "_")
           for command in catalogue["commands"] if command["category"] == "api"}

    async def scenario():
        async with Served(wps, tmp_path, ["--sandbox"]) as served:
            assert served.init.server_info.name == "wps"
            return (await served.session.list_tools()).tools

    tools = {tool.name: tool for tool in run(scenario())}
    assert set(tools) == api | {"wps_run"}
    for tool in tools.values():
        jsonschema.Draft202012Validator.check_schema(tool.input_schema)
        assert tool.input_schema["type"] == "object"
        assert "dry_run" in tool.input_schema["properties"]
    new = tools["campaign_new"].input_schema["properties"]
    assert new["daily_enroll"]["type"] == "integer" and new["subject"]["type"] == "array"
    # NAME may be left out: the API names the campaign then.
    # What the rules require is required; --message, which --steps stands in for, says so.
    assert tools["campaign_new"].input_schema["required"] == ["accounts", "timezone", "daily_enroll"]
    assert new["name"]["type"] == "string" and new["message"]["description"].endswith("required unless steps is given")
    assert tools["mailbox_add"].input_schema["properties"]["password"]["writeOnly"] is True
    assert tools["campaign_get"].input_schema["required"] == ["id"]
    assert tools["campaign_get"].annotations.read_only_hint is True
    assert tools["campaign_delete"].annotations.destructive_hint is True
    assert "confirm" in tools["campaign_delete"].input_schema["properties"]
    assert tools["campaign_new"].annotations.read_only_hint is False


def test_calls_check_every_rule_first_and_nothing_broken_is_sent(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = profile_environment(tmp_path, box, "mcp-calls")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                account = await connected_mailbox(served)
                created = await served.call("campaign_new", new_campaign(account))
                assert not created.is_error, text(created)
                fetched = await served.call("campaign_get", {"id": created.structured_content["id"]})
                assert fetched.structured_content["name"] == "Q4"
                assert fetched.structured_content["status"] == "DRAFT"
                posts = len(campaign_posts("\n".join(box.new_log_lines())))

                zero = await served.call("campaign_new", new_campaign(account, daily_enroll=0))
                assert zero.is_error
                assert zero.structured_content["problems"] == [
                    {"field": "settings.daily_enroll", "argument": "daily_enroll", "message": "must be greater than 0, got 0"}]
                misspelt = await served.call("campaign_new", new_campaign(account, subject=["Hi {{FRIST_NAME}}"]))
                assert misspelt.is_error and "did you mean '{{FIRST_NAME}}'" in text(misspelt)
                assert misspelt.structured_content["problems"][0]["field"] == "subject"
                kinds = await served.call("campaign_new", new_campaign(account, daily_enroll="x", wait="30m", bogus=1))
                assert kinds.is_error
                fields = [problem["field"] for problem in kinds.structured_content["problems"]]
                assert fields == ["bogus", "daily_enroll", "wait"], text(kinds)
                # The API's field names are arguments too; a mistyped secret argument is named, never echoed.
                aliased = await served.call("campaign_new", new_campaign(account, email_account_ids=[account], dry_run=True)
                                            | {"accounts": None})
                assert not aliased.is_error, text(aliased)
                mistyped = await served.call("mailbox_add", {"email": "cy@example.com", "pasword": PASSWORD})
                assert mistyped.is_error and "did you mean 'password'?" in text(mistyped)
                listed = await served.call("wps_run", {"script": 'campaign list | where status == "DRAFT" | count'})
                assert listed.structured_content == {"result": 1}
                # The password given to mailbox_add is in no message received and not in stderr.
                assert all(PASSWORD not in message for message in served.received)
                assert PASSWORD not in served.stderr()
                return posts

        posts = run(scenario())
    finally:
        log = box.stop()
    assert posts == 1
    assert len(campaign_posts(log)) == 1, log  # only the campaign that was valid


def test_dry_run_shows_the_requests_masked_and_sends_nothing(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = profile_environment(tmp_path, box, "mcp-dry")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                planned = await served.call("campaign_new", new_campaign(123001, dry_run=True))
                assert not planned.is_error, text(planned)
                requests = planned.structured_content["dry_run_requests"]
                assert any(f"POST {box.url}/rest/v2/campaigns" in request for request in requests), requests
                masked = await served.call("mailbox_add", {
                    "email": "bob@example.com", "password": PASSWORD, "smtp_server": "smtp.example.com",
                    "smtp_port": 465, "imap_server": "imap.example.com", "imap_port": 993, "dry_run": True})
                assert "••••" in text(masked) and PASSWORD not in text(masked)
                return served.received, served.stderr()

        received, stderr = run(scenario())
    finally:
        log = box.stop()
    assert campaign_posts(log) == [] and "POST /rest/v2/mailboxes" not in log, log
    assert all(PASSWORD not in message for message in received) and PASSWORD not in stderr


def test_destructive_tools_need_the_flag_and_confirm(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = profile_environment(tmp_path, box, "mcp-destroy")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                account = await connected_mailbox(served)
                campaign = (await served.call("campaign_new", new_campaign(account))).structured_content["id"]
                refused = await served.call("campaign_delete", {"id": campaign, "confirm": True})
                assert refused.is_error and "--allow-destructive" in text(refused)
                script = await served.call("wps_run", {"script": f"campaign delete {campaign} --yes", "confirm": True})
                assert script.is_error and "--allow-destructive" in text(script)
            async with Served(wps, tmp_path, ["--allow-destructive"], env) as served:
                unconfirmed = await served.call("campaign_delete", {"id": campaign})
                assert unconfirmed.is_error and "confirm: true" in text(unconfirmed)
                still = await served.call("campaign_get", {"id": campaign})
                assert not still.is_error and still.structured_content["status"] == "DRAFT"
                deleted = await served.call("campaign_delete", {"id": campaign, "confirm": True})
                assert not deleted.is_error, text(deleted)
                assert deleted.structured_content == {"id": campaign, "deleted": True}
            return campaign

        campaign = run(scenario())
    finally:
        log = box.stop()
    deletes = [line for line in log.splitlines() if line.startswith("DELETE ")]
    assert deletes == [next(line for line in deletes if line.startswith(f"DELETE /rest/v2/campaigns/{campaign} "))], log


def test_read_only_serves_only_reading_tools(wps, tmp_path):
    async def scenario():
        async with Served(wps, tmp_path, ["--sandbox", "--read-only"]) as served:
            names = {tool.name for tool in (await served.session.list_tools()).tools}
            assert "campaign_get" in names and "mailbox_list" in names and "wps_run" in names
            assert not names & {"campaign_new", "campaign_delete", "mailbox_add", "mailbox_import", "step_add"}
            refused = await served.call("wps_run", {"script": 'campaign new x --accounts 123001 --timezone UTC --daily-enroll 5 --message m'})
            assert refused.is_error and "--read-only" in text(refused)
            # Read as a sentence: what happened, and why.
            assert "Nothing was run: 'campaign new' changes the account, and this server is read-only" in text(refused)
            # One spelling for every tool name: report open-rate is report_open_rate.
            assert "report_open_rate" in names and not any("-" in name for name in names)
            missing = await served.call("campaign_new", {"name": "x"})
            assert missing.is_error
            counted = await served.call("wps_run", {"script": 'mailbox list | where type == "SMTP" | count'})
            assert counted.structured_content == {"result": 3}

    run(scenario())


def test_concurrent_calls_share_one_throttle_and_never_see_429(wps, tmp_path):
    box = Sandbox(wps, "--log")  # the rate limit on: 1 in flight and 6 queued per account, more is 429
    try:
        env = profile_environment(tmp_path, box, "mcp-concurrent")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                account = await connected_mailbox(served)
                campaign = (await served.call("campaign_new", new_campaign(account))).structured_content["id"]
                results = await asyncio.gather(*[served.call("campaign_get", {"id": campaign}) for _ in range(10)])
                assert all(not result.is_error for result in results), [text(r) for r in results if r.is_error]
                assert {result.structured_content["id"] for result in results} == {campaign}

        run(scenario())
    finally:
        log = box.stop()
    gets = [line for line in log.splitlines() if line.startswith("GET /rest/v2/campaigns/")]
    assert len(gets) == 10 and not [line for line in log.splitlines() if " 429 " in line], log


def test_a_2000_row_import_reports_progress_and_accounts_every_row(wps, tmp_path):
    rows = tmp_path / "boxes.csv"
    lines = ["email,password,smtp_server,smtp_port,imap_server,imap_port"]
    lines += [f"box{n}@example.com,{PASSWORD},smtp.example.com,465,imap.example.com,993" for n in range(2000)]
    rows.write_text("\n".join(lines) + "\n")
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--log")
    try:
        env = profile_environment(tmp_path, box, "mcp-import")

        async def scenario():
            async with Served(wps, tmp_path, [], env) as served:
                progress = []

                async def noted(done, total, message):
                    progress.append(message)

                imported = await served.call("mailbox_import", {"file": str(rows)}, progress_callback=noted)
                assert not imported.is_error, text(imported)
                batches = imported.structured_content["result"]
                assert sum(batch["size"] for batch in batches) == 2000 and len(batches) == 10
                watched = await served.call("batch_watch", {"id": [batch["batch_id"] for batch in batches]})
                assert not watched.is_error, text(watched)
                counted = await served.call("wps_run", {"script": 'mailbox list | where type == "SMTP" | count'})
                assert counted.structured_content == {"result": 2000}
                assert progress, "no progress notification"
                # Journaled as wps journals imports: run again, nothing more is sent.
                again = await served.call("mailbox_import", {"file": str(rows)})
                assert not again.is_error, text(again)
                return served.received, served.stderr()

        received, stderr = run(scenario())
    finally:
        log = box.stop()
    assert all(PASSWORD not in message for message in received) and PASSWORD not in stderr
    posts = [line for line in log.splitlines() if line.startswith("POST /rest/v2/mailboxes/manual_connection/bulk")]
    assert len(posts) == 10, log


def test_campaigns_are_resources_an_agent_can_read_edit_and_apply(wps, tmp_path):
    async def scenario():
        async with Served(wps, tmp_path, ["--sandbox"]) as served:
            campaign = (await served.call("campaign_new", new_campaign(123001))).structured_content["id"]
            templates = await served.session.list_resource_templates()
            assert [t.uri_template for t in templates.resource_templates] == ["wps://campaigns/{id}"]
            listed = await served.session.list_resources()
            assert [str(resource.uri) for resource in listed.resources] == [f"wps://campaigns/{campaign}"]
            read = await served.session.read_resource(f"wps://campaigns/{campaign}")
            spec = read.contents[0].text
            assert "name: Q4" in spec and "daily_enroll: 5" in spec, spec
            edited = tmp_path / "q4.yaml"
            edited.write_text(spec.replace("daily_enroll: 5", "daily_enroll: 9"))
            applied = await served.call("campaign_apply", {"file": str(edited)})
            assert not applied.is_error, text(applied)
            fetched = await served.call("campaign_get", {"id": campaign})
            assert fetched.structured_content["settings"]["daily_enroll"] == 9
            try:
                await served.session.read_resource("wps://campaigns/424242")
                raise AssertionError("expected an error for a campaign that does not exist")
            except Exception as error:  # the SDK raises McpError
                assert "424242" in str(error) or "not found" in str(error).lower(), error

    run(scenario())


def test_an_agent_checks_domains_and_mailboxes_before_it_connects_them(wps, tmp_path):
    """`domain_check` against dnsmasq and `mailbox_verify` against a closed port, as an agent calls
    them over MCP: read-only tools whose records carry the verdicts and hints, the password nowhere."""
    import socket
    from conftest import dnsmasq
    from test_domain_check import RECORDS

    with socket.socket() as probe:  # a port nothing listens on: refused at once
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]

    async def scenario(server):
        async with Served(wps, tmp_path, ["--sandbox", "--read-only"]) as served:
            tools = {tool.name: tool for tool in (await served.session.list_tools()).tools}
            for name in ("domain_check", "mailbox_verify"):
                assert tools[name].annotations.read_only_hint is True, name
            checked = await served.call("domain_check", {"domain": ["good.test", "nomx.test"], "dns_server": server})
            assert checked.is_error, text(checked)  # nomx.test fails: the call fails, its records still given
            body = text(checked)
            assert "nomx.test" in body and "mx" in body, body
            passed = await served.call("domain_check", {"domain": ["good.test"], "dns_server": server})
            assert not passed.is_error, text(passed)
            (good,) = passed.structured_content["result"]
            assert (good["domain"], good["verdict"], good["mx"]) == ("good.test", "ok", "ok"), good

            verified = await served.call("mailbox_verify", {
                "email": "ann@example.com", "password": PASSWORD, "smtp_server": "127.0.0.1", "smtp_port": closed,
                "allow_failures": True})
            assert not verified.is_error, text(verified)
            (record,) = verified.structured_content["result"]
            assert (record["smtp"], record["imap"]) == ("unreachable", "skipped"), record
            assert "check the server name and port" in record["hint"], record
            planned = await served.call("mailbox_verify", {
                "email": "ann@example.com", "password": PASSWORD, "smtp_server": "127.0.0.1", "smtp_port": closed,
                "plan": True})
            assert not planned.is_error, text(planned)
            assert planned.structured_content["result"][0]["connection"].startswith(f"smtp 127.0.0.1:{closed}")
            received = "\n".join(served.received) + served.stderr()
            assert PASSWORD not in received

    with dnsmasq(*RECORDS, zones=("test", "google.com")) as server:
        run(scenario(server))


def test_webhook_listen_streams_each_event_as_a_progress_notification(wps, tmp_path):
    """An agent listens with a bound (max): the URL comes in a progress notification, each event
    too as it arrives, and the result holds them all; without max or for the call is refused."""
    import requests

    async def scenario():
        async with Served(wps, tmp_path, ["--sandbox"]) as served:
            refused = await served.call("webhook_listen", {"event": "prospect_replied"})
            assert refused.is_error and "give max" in text(refused)
            notes = []
            url_known = asyncio.Event()

            async def noted(done, total, message):
                notes.append(message)
                if message.startswith("listening at "):
                    url_known.set()

            call = asyncio.create_task(served.call(
                "webhook_listen", {"event": "prospect_replied", "max": 2}, progress_callback=noted))
            await url_known.wait()
            url = next(n for n in notes if n.startswith("listening at ")).split()[2]
            for n in (1, 2):
                event = {"method": "prospect_replied", "prospect": {"email": f"p{n}@acme.com"}, "timestamp": str(n)}
                status = await asyncio.to_thread(lambda: requests.post(url, json=[event], timeout=60).status_code)
                assert status == 200
            result = await call
            assert not result.is_error, text(result)
            assert [e["prospect"]["email"] for e in result.structured_content["result"]] == ["p1@acme.com", "p2@acme.com"]
            streamed = [json.loads(n[len("event: "):]) for n in notes if n.startswith("event: ")]
            assert [e["prospect"]["email"] for e in streamed] == ["p1@acme.com", "p2@acme.com"]
            assert any("unsubscribed prospect_replied" in n for n in notes)

    run(scenario())


def test_a_large_import_dry_run_is_a_page_and_its_warnings_reach_the_agent(wps, tmp_path):
    """A 297-row `mailbox_import` dry run: the first request in full once, the others by their
    request line (not 100 KB); a row's warning (an IMAP port for SMTP) is in the result."""
    rows = tmp_path / "boxes.csv"
    rows.write_text("email,password,host,port,imap_host,imap_port\n" + "".join(
        f"m{i}@sheet.example.com,pw-{i},smtp.sheet.example.com,{993 if i == 7 else 465},imap.sheet.example.com,993\n"
        for i in range(297)))

    async def scenario():
        async with Served(wps, tmp_path, ["--sandbox"]) as served:
            result = await served.call("mailbox_import", {"file": str(rows), "dry_run": True})
            shown = text(result)
            assert not result.is_error, shown
            assert len(shown) < 30_000, len(shown)
            assert shown.count("── dry run: would send ──") == 1, shown[:2000]
            assert "would send batch 2: 97 mailboxes (lines 202-298)" in shown
            assert "… 198 more like these" in shown  # the first batch's 200 rows, by their shape
            warnings = result.structured_content["warnings"]
            assert any("smtp_port: 993 is an IMAP port" in w and ":9:" in w for w in warnings), warnings

    run(scenario())
