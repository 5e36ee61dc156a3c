"""The inbox: `GET /rest/v2/inbox/messages`, `POST …/{id}/reply` and `GET /rest/v2/prospects/{id}/
responses` as docs/contract/inbox.md proposes, against a `wps sandbox` process whose running
campaign has sent to 300 prospects, restarted on the same `--data` with its clock 4 hours ahead
(`--clock-offset 4h`): every reply the sending rules produce has arrived (a reply comes 3 h after
a delivered message). Checked against the sandbox's own reports and prospect listing, with
`requests` for the raw API and the `inbox`/`prospect responses` commands."""
import json
import time
from pathlib import Path

import pytest
import requests

from conftest import Sandbox, profile_environment, run_wps_json

KEY = "inbox-e2e-key"
PROSPECTS = 300
INTERESTED = "<div>Thanks, this sounds interesting. Can we talk next week?</div>"


class Account:
    """The sandbox (restartable on its data file), the profile's environment and the campaign."""

    def __init__(self, wps, folder: Path):
        self.wps = wps
        self.folder = folder
        self.data = folder / "sandbox.db"
        self.box = Sandbox(wps, "--no-rate-limit", "--data", str(self.data))
        self.env = profile_environment(folder, self.box, KEY)
        self.campaign = self.setup()
        self.restart("--clock-offset", "4h", "--log")

    def setup(self) -> int:
        leads = self.folder / "leads.csv"
        leads.write_text("email,first_name,last_name,company\n" + "".join(
            f"p{i}@acme{i % 7}.com,Ann{i},Lee,Acme {i % 7}\n" for i in range(PROSPECTS)))
        script = self.folder / "setup.wps"
        script.write_text(
            "mailbox add --email sender@acme.com --password pw --smtp-server smtp.acme.com --smtp-port 465 "
            "--imap-server imap.acme.com --imap-port 993 --daily-limit 5500 --wait-from 10 --wait-to 20 | batch watch --interval 50ms | count\n"
            'let box = mailbox list | where type == "SMTP" | first\n'
            'let c = campaign new "Leads" --accounts $box.id --timezone UTC --daily-enroll 1000 '
            '--subject "Hi {{FIRST_NAME}}" --message "Hello from {{COMPANY}}" --window "MON-SUN all-day"\n'
            f"prospect import {leads} --campaign $c.id | count\n"
            "campaign run $c.id | get id\n")
        out = run_wps_json(self.wps, self.env, str(script))
        assert out.returncode == 0, out.stderr
        return int(out.stdout.split()[-1])

    def restart(self, *args):
        self.box.stop()
        self.box = Sandbox(self.wps, "--no-rate-limit", "--data", str(self.data), *args)
        self.env = profile_environment(self.folder, self.box, KEY)

    def wps_run(self, script, *options):
        out = run_wps_json(self.wps, self.env, *options, "-c", script)
        return out.returncode, json.loads(out.stdout) if out.stdout.strip() else None, out.stderr

    def get(self, path, key=KEY, **params):
        return requests.get(f"{self.box.url}/rest/v2/{path}", params=params, headers={"x-api-key": key}, timeout=30)

    def reply(self, message_id, body, key=KEY):
        return requests.post(f"{self.box.url}/rest/v2/inbox/messages/{message_id}/reply", json=body,
                             headers={"x-api-key": key}, timeout=30)

    def every_message(self, **params) -> list[dict]:
        """Every message of the raw listing, page after page by `next_page_cursor`."""
        messages, cursor = [], None
        while True:
            answer = self.get("inbox/messages", per_page=50, **params, **({"next_page_cursor": cursor} if cursor else {}))
            assert answer.status_code == 200, answer.text
            body = answer.json()
            messages += body["content"]
            cursor = body["pagination"]["next_page_cursor"]
            if cursor is None:
                return messages

    def report(self) -> dict:
        code, rows, err = self.wps_run("report campaigns --interval 50ms")
        assert code == 0, err
        return rows[0]


@pytest.fixture(scope="module")
def account(wps, tmp_path_factory):
    made = Account(wps, tmp_path_factory.mktemp("inbox"))
    yield made
    made.box.stop()


def test_inbox_list_holds_exactly_the_replies_of_the_sending_rules(account):
    report = account.report()
    assert 0 < report["responded"] < PROSPECTS
    code, messages, err = account.wps_run("inbox list --all")
    assert code == 0, err
    assert len(messages) == report["responded"] == len({m["id"] for m in messages})
    # The prospects whose status in the campaign is REPLIED, as the prospect listing shows them.
    code, prospects, err = account.wps_run(f"prospect list --all --campaign {account.campaign}")
    assert code == 0, err
    replied = {p["id"] for p in prospects if p["campaigns"][0]["status"] == "REPLIED"}
    assert {m["prospect_id"] for m in messages} == replied
    # Newest first, the API's fields, the reply texts by interest level, the subject filled.
    assert [(m["delivered"], m["id"]) for m in messages] == sorted(
        ((m["delivered"], m["id"]) for m in messages), reverse=True)
    first = messages[0]
    assert set(first) == {"id", "prospect_id", "prospect_email", "campaign_id", "step", "mailbox_id", "from_email",
                          "from_name", "to_email", "subject", "message", "delivered", "read", "prospect_status",
                          "prospect_interest_level"}
    assert first["campaign_id"] == account.campaign and first["step"] == 1 and first["to_email"] == "sender@acme.com"
    assert first["subject"] == "Re: Hi " + first["from_name"].split()[0] and first["read"] is False
    assert {m["prospect_interest_level"] for m in messages} <= {"INTERESTED", "MAYBE_LATER", "NOT_INTERESTED"}
    interested = [m for m in messages if m["prospect_interest_level"] == "INTERESTED"]
    assert len(interested) == report["interested"] and all(m["message"] == INTERESTED for m in interested)
    # The raw API's pages hold the same messages.
    assert account.every_message() == messages

    # Two at a time, every cursor followed: each message once.
    code, paged, err = account.wps_run("inbox list --all --per-page 2")
    assert code == 0, err
    assert [m["id"] for m in paged] == [m["id"] for m in messages]
    # Without --all: one page (10 by default) and a note saying how to go on.
    code, page, err = account.wps_run("inbox list")
    assert code == 0 and page == messages[:10], err
    assert "more messages follow" in err and "--cursor " in err
    cursor = err.split("--cursor ", 1)[1].split()[0]
    code, second, err = account.wps_run(f"inbox list --cursor {cursor} --per-page 5")
    assert code == 0 and second == messages[10:15], err

    # Filters.
    def count(flags):
        code, listed, err = account.wps_run(f"inbox list --all {flags} | count")
        assert code == 0, err
        return listed
    assert count("--interest INTERESTED") == report["interested"]
    assert count("--prospect-interest-level NOT_INTERESTED") == report["not_interested"]
    assert count("--status RESPONDED") == len(messages)
    assert count("--status BOUNCED") == 0 and count("--out-of-campaign") == 0
    assert count(f"--campaign {account.campaign}") == len(messages) and count("--campaign 1") == 0
    assert count(f"--mailbox {first['mailbox_id']}") == len(messages)
    assert count('--search "NEXT WEEK"') == report["interested"]
    assert count('--search "next week" --search "not interested"') == report["interested"] + report["not_interested"]
    assert count(f"--search {first['prospect_email']}") == 1


def test_bad_filters_are_refused_before_sending(account):
    account.box.new_log_lines()
    for flags, says in [
        ("--status RESPONDED --interest INTERESTED", "--interest: prospect_status and prospect_interest_level exclude each other"),
        ("--interest MAYBE_LATER --out-of-campaign", "exclude each other"),
        ("--per-page 80", "--per-page: must be between 1 and 50, got 80"),
        ("--search ab", "--search: each phrase must have at least 3 characters, got 'ab'"),
        ("--search " + ",".join(f"phrase{i}" for i in range(21)), "at most 20 phrases, got 21"),
        ("--status RESPONDD", "did you mean 'RESPONDED'?"),
    ]:
        code, _, err = account.wps_run(f"inbox list {flags}")
        assert code == 2 and says in err, (flags, err)
    code, _, err = account.wps_run("inbox reply 5 --message '<p>x</p>' --cc 'ann@acme.com, bob'")
    assert code == 2 and "--cc: Recipient email if provided must be valid email address, got 'bob'" in err, err
    code, _, err = account.wps_run("inbox reply 5")
    assert code == 2 and "needs --message" in err, err
    time.sleep(0.2)
    assert [line for line in account.box.new_log_lines() if "/inbox/" in line] == []
    # A choice in another case is the choice (one rule for every command's choices).
    code, _, err = account.wps_run("inbox list --interest interested")
    assert code == 0, err


def test_the_sandbox_answers_as_the_contract_says(account):
    page = account.get("inbox/messages", per_page=3)
    assert page.status_code == 200
    body = page.json()
    assert len(body["content"]) == 3 and body["pagination"]["previous_page_cursor"] is None
    second = account.get("inbox/messages", per_page=3, next_page_cursor=body["pagination"]["next_page_cursor"]).json()
    back = account.get("inbox/messages", per_page=3, next_page_cursor=second["pagination"]["previous_page_cursor"]).json()
    assert back["content"] == body["content"] and back["pagination"]["previous_page_cursor"] is None
    assert account.get("inbox/messages", per_page=3, next_page_cursor="null").json() == body
    for params, status, detail in [
        ({"per_page": 80}, 400, "per_page: must be between 1 and 50, got 80"),
        ({"per_page": "ten"}, 400, "per_page: must be an integer"),
        ({"prospect_status": "RESPONDED", "out_of_campaign": "true"}, 400, "exclude each other"),
        ({"prospect_status": "REPLIED"}, 400, "prospect_status: must be one of"),
        ({"campaign_ids": "777001,x"}, 400, "campaign_ids: must be integer ids"),
        ({"out_of_campaign": "yes"}, 400, "out_of_campaign: must be true or false"),
        ({"search_phrases": ["next week", "no"]}, 400, "search_phrases: each phrase must have at least 3"),
        ({"next_page_cursor": "bm90LWEtY3Vyc29y"}, 400, "next_page_cursor: not a cursor from this listing"),
        # A cursor is valid only for the filters it was issued for.
        ({"next_page_cursor": body["pagination"]["next_page_cursor"], "prospect_interest_level": "INTERESTED"}, 400,
         "not a cursor from this listing"),
    ]:
        answer = account.get("inbox/messages", **params)
        assert answer.status_code == status and detail in answer.json()["detail"], (params, answer.text)
        assert answer.json()["title"] == "Bad Request"
    assert account.get("inbox/messages", key="another-account").json() == {
        "content": [], "pagination": {"previous_page_cursor": None, "next_page_cursor": None}}
    assert account.get("inbox/messages", key="").status_code == 401
    # Search phrases: repeated or comma-separated, any of them, case ignored.
    either = account.get("inbox/messages", per_page=50, search_phrases=["NEXT WEEK,next quarter"]).json()["content"]
    assert {m["prospect_interest_level"] for m in either} == {"INTERESTED", "MAYBE_LATER"}

    target = body["content"][0]["id"]
    for sent, status, detail in [
        ({"body": {"html": "<p>x</p>"}}, 404, "no inbox message 1 in this account"),
    ]:
        answer = account.reply(1, sent)
        assert answer.status_code == status and detail in answer.json()["detail"], answer.text
    assert account.reply(target, {"body": {"html": "<p>x</p>"}}, key="another-account").status_code == 404
    assert requests.post(f"{account.box.url}/rest/v2/inbox/messages/x/reply", json={},
                         headers={"x-api-key": KEY}, timeout=30).status_code == 400
    for sent, detail in [
        ({}, "body.html: is required"),
        ({"body": {"html": "  "}}, "body.html: is required"),
        ({"body": {"html": 5}}, "body.html: must be a string"),
        ({"body": {"html": "<p>x</p>"}, "mailbox_id": "one"}, "mailbox_id: must be an integer"),
        ({"body": {"html": "<p>x</p>"}, "mailbox_id": 5}, "mailbox_id: no mailbox 5 in this account"),
        ({"body": {"html": "<p>x</p>"}, "to": "not-an-address"}, "Recipient email if provided must be valid email address"),
        ({"body": {"html": "<p>x</p>"}, "quote_original_message": "yes"}, "quote_original_message: must be"),
    ]:
        answer = account.reply(target, sent)
        assert answer.status_code == 400 and detail in answer.json()["detail"], (sent, answer.text)
    # None of these marked the message read.
    assert account.get("inbox/messages", per_page=3).json()["content"][0]["read"] is False

    assert account.get("prospects/100000/responses").status_code == 404
    assert account.get("prospects/abc/responses").status_code == 400
    assert account.get(f"prospects/{body['content'][0]['prospect_id']}/responses", campaign_id="1,x").status_code == 400


def test_inbox_reply_is_recorded_and_refused_without_a_body(account):
    unread = [m for m in account.every_message() if not m["read"]]
    target = unread[0]
    # A dry run shows the reply and sends nothing: the message stays unread.
    code, record, err = account.wps_run(f"inbox reply {target['id']} --message '<p>Tuesday?</p>' --quote", "--dry-run")
    assert code == 0 and record == {"id": target["id"], "status": "sent"}, err
    assert "would send" in err and f"/rest/v2/inbox/messages/{target['id']}/reply" in err
    assert '"quote_original_message" : true' in err
    assert account.every_message(read="false")[0]["id"] == target["id"]
    # Refused when the body is missing, by wps before sending and by the API.
    code, _, err = account.wps_run(f"inbox reply {target['id']}")
    assert code == 2 and "needs --message" in err, err
    assert account.reply(target["id"], {"subject": "Re: x"}).status_code == 400
    # Sent: recorded as read, seen by a later listing, and kept with --data across a restart.
    reply_file = account.folder / "reply.md"
    reply_file.write_text("Great, **Tuesday** at 10?\n")
    code, record, err = account.wps_run(
        f"inbox reply {target['id']} --message @{reply_file} --cc ann@acme.com --mailbox {target['mailbox_id']}")
    assert code == 0 and record["status"] == "sent" and record["cc"] == "ann@acme.com", err
    code, listed, err = account.wps_run(f"inbox list --all --search {target['prospect_email']}")
    assert code == 0 and listed[0]["id"] == target["id"] and listed[0]["read"] is True, err
    assert target["id"] not in {m["id"] for m in account.every_message(read="false")}
    account.restart("--clock-offset", "4h", "--log")
    assert {m["id"] for m in account.every_message(read="true")} == {target["id"]}
    # Nothing else changed: the same replies, the same report.
    assert len(account.every_message()) == account.report()["responded"]


def test_prospect_responses_are_the_replies_of_one_prospect(account):
    messages = account.every_message()
    message = messages[-1]
    code, responses, err = account.wps_run(f"prospect responses {message['prospect_id']}")
    assert code == 0, err
    assert responses == [{
        "prospect_id": message["prospect_id"], "email": message["prospect_email"], "response_id": message["id"],
        "campaign_id": account.campaign, "step": 1, "campaign_email_sent": 1, "subject": message["subject"],
        "message": message["message"], "delivered": message["delivered"], "secondary_prospect_email": None}]
    code, responses, err = account.wps_run(
        f"prospect responses {message['prospect_id']} --campaign {account.campaign},1")
    assert code == 0 and len(responses) == 1, err
    code, responses, err = account.wps_run(f"prospect responses {message['prospect_id']} --campaign 1")
    assert code == 0 and responses == [], err
    replied = {m["prospect_id"] for m in messages}
    code, prospects, err = account.wps_run(f"prospect list --all --campaign {account.campaign}")
    quiet = next(p["id"] for p in prospects if p["id"] not in replied)
    raw = account.get(f"prospects/{quiet}/responses")
    assert raw.status_code == 200 and raw.json()["responses"] == [] and raw.json()["prospect_id"] == quiet
    code, _, err = account.wps_run("prospect responses 100000")
    assert code == 1 and "no prospect 100000 in this account" in err, err
    # Every replying prospect's responses together are the inbox.
    flat = [r for prospect in replied for r in account.get(f"prospects/{prospect}/responses").json()["responses"]]
    assert sorted(r["response_id"] for r in flat) == sorted(m["id"] for m in messages)
