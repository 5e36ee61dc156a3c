"""`wps sandbox` at the edges of its contract, over real HTTP: `followup_after`'s field
defaults, type errors naming the field and the expected type, a step added with nested
follow-ups, and bodies over the size limit — each answer in the endpoint's own error shape."""
import http.client
import json
import re

import pytest

from conftest import ROOT, Sandbox

KEY = "edges-key"
MAILBOX = {
    "smtp_email": "edge@example.com", "smtp_password": "pw", "smtp_server": "smtp.example.com", "smtp_port": 465,
    "imap_email": "edge@example.com", "imap_password": "pw", "imap_server": "imap.example.com", "imap_port": 993,
}


def call(box, method, path, body=None, headers=None, key=KEY):
    """One request over a fresh connection: (status, parsed JSON body or None)."""
    conn = http.client.HTTPConnection("127.0.0.1", box.port, timeout=60)
    try:
        sent = {"x-api-key": key, "content-type": "application/json"}
        sent.update(headers or {})
        data = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        raw = response.read()
        return response.status, (json.loads(raw) if raw else None)
    finally:
        conn.close()


def email_step(message, subject=None, after=None, followup=None):
    step = {"type": "EMAIL", "delivery_time": {"MONDAY": [{"from": "08:00", "to": "18:00"}]},
            "body": {"versions": [{"subject": subject, "message": message, "signature": "SENDER", "track_opens": True}]}}
    if after is not None:
        step["followup_after"] = after
    if followup is not None:
        step["followup"] = followup
    return step


def path_of(campaign):
    steps, step = [], campaign["steps"]
    while step:
        steps.append(step)
        step = step.get("followup")
    return steps


@pytest.fixture(scope="module")
def box(wps):
    sandbox = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0")
    yield sandbox
    assert "Fatal error" not in sandbox.stop()


@pytest.fixture(scope="module")
def account(box):
    """The SMTP id of a mailbox connected on `box` (waits for its batch to be processed)."""
    status, accepted = call(box, "POST", "/rest/v2/mailboxes/manual_connection/bulk", {"mailboxes": [MAILBOX]})
    assert status == 202
    summary_path = f"/rest/v2/mailboxes/manual_connection/bulk/{accepted['batch_id']}/summary"
    while not call(box, "GET", summary_path)[1]["processing_finished"]:
        pass
    mailboxes = call(box, "GET", "/rest/v2/mailboxes")[1]
    return next(m["id"] for m in mailboxes if m["type"] == "SMTP" and m["details"]["email"] == MAILBOX["smtp_email"])


def new_campaign(box, account, first):
    body = {"name": "Edges", "email_account_ids": [account], "settings": {"timezone": "Europe/Berlin", "daily_enroll": 10},
            "steps": {"type": "START", "followup": first}}
    return call(box, "POST", "/rest/v2/campaigns", body)


def test_followup_after_takes_each_default_on_its_own(box, account):
    first = email_step("<p>1</p>", "Hi", {"range": "HOUR"},
                       email_step("<p>2</p>", after={"value": 5}, followup=email_step("<p>3</p>", after={})))
    status, campaign = new_campaign(box, account, first)
    assert status == 201, campaign
    assert [s["followup_after"] for s in path_of(campaign)[1:]] == [
        {"range": "HOUR", "value": 1}, {"range": "DAY", "value": 5}, {"range": "DAY", "value": 1}]
    status, problem = new_campaign(box, account, email_step("<p>1</p>", "Hi", {"range": "HOUR", "value": 0}))
    assert status == 400 and "steps.followup.followup_after.value: must be in 1…9999, got 0" in problem["message"]


@pytest.mark.parametrize("method,path,body,message", [
    ("POST", "/rest/v2/mailboxes/manual_connection/bulk", '{"mailboxes":[null]}',
     "mailboxes[0]: must be an object, got null"),
    ("POST", "/rest/v2/mailboxes/manual_connection/bulk", "[]", "the request body must be a JSON object, got an array"),
    ("POST", "/rest/v2/mailboxes/manual_connection/bulk", json.dumps({"mailboxes": [dict(MAILBOX, smtp_port=587.5)]}),
     "mailboxes[0].smtp_port: must be an integer, got 587.5"),
    ("POST", "/rest/v2/campaigns", '{"settings":[]}', "settings: must be an object, got an array"),
    ("POST", "/rest/v2/campaigns", '{"settings":{"daily_enroll":50.5}}',
     "settings.daily_enroll: must be an integer, got 50.5"),
    ("PATCH", "/rest/v2/campaigns/1", "[]", "the request body must be a JSON object, got an array"),
    ("POST", "/v1/email-accounts/connect", "{}", "the request body must be a JSON array, got an object"),
    ("POST", "/v1/email-accounts/connect", '[{"smtpPort":465.5}]', "[0].smtpPort: must be an integer, got 465.5"),
])
def test_type_errors_name_the_field_and_the_expected_type(box, method, path, body, message):
    status, answer = call(box, method, path, body)
    assert status == 400, answer
    if path.startswith("/rest/v2/mailboxes"):
        assert answer == {"code": "VALIDATION_FAILURE", "details": [message]}
    elif path.startswith("/rest/v2/campaigns"):
        assert answer["type"] == "INPUT_DATA_VALIDATION_FAILURE" and answer["details"] is None
        assert answer["message"] == "Input data validation failure: " + message
    else:
        assert answer == {"message": message}


def test_a_step_added_with_followups_adds_the_whole_subtree(box, account):
    status, campaign = new_campaign(box, account, email_step("<p>1</p>", "Hi"))
    assert status == 201
    leaf = path_of(campaign)[-1]["id"]
    subtree = email_step("<p>A</p>", after={"range": "DAY", "value": 2},
                         followup=email_step("<p>B</p>", after={"range": "HOUR"}, followup=email_step("<p>C</p>")))
    status, added = call(box, "POST", f"/rest/v2/campaigns/{campaign['id']}/steps", {"parent_id": leaf, "step": subtree})
    assert status == 200, added
    steps = path_of(added)
    assert [s["body"]["versions"][0]["message"] for s in steps[1:]] == ["<p>1</p>", "<p>A</p>", "<p>B</p>", "<p>C</p>"]
    assert [s["followup_after"] for s in steps[2:]] == [
        {"range": "DAY", "value": 2}, {"range": "HOUR", "value": 1}, {"range": "DAY", "value": 1}]
    assert all(re.fullmatch(r"[0-9a-f-]{36}", s["id"]) for s in steps) and len({s["id"] for s in steps}) == len(steps)
    assert call(box, "GET", f"/rest/v2/campaigns/{campaign['id']}")[1] == added

    broken = email_step("<p>A</p>", followup={"type": "EMAIL"})
    status, problem = call(box, "POST", f"/rest/v2/campaigns/{campaign['id']}/steps",
                           {"parent_id": steps[-1]["id"], "step": broken})
    assert status == 400 and "step.followup.body: must be provided" in problem["message"]


def readme_limit_bytes() -> int:
    text = (ROOT / "README.md").read_text()
    match = re.search(r"\*\*Limits\.\*\* Request bodies up to (\d+) MiB", text)
    assert match, "the README's sandbox section states the body limit"
    return int(match.group(1)) * 1024 * 1024


def test_the_readme_states_the_default_body_limit(box):
    limit = readme_limit_bytes()
    at_limit = b"{" + b" " * (limit - 2) + b"}"
    status, answer = call(box, "POST", "/rest/v2/campaigns", at_limit)
    assert status == 400 and "must be provided" in answer["message"]  # read, and checked against the rules
    status, answer = call(box, "POST", "/rest/v2/campaigns", at_limit + b" ")
    assert status == 413 and f"({limit} bytes)" in answer["message"]


@pytest.fixture(scope="module")
def small(wps):
    sandbox = Sandbox(wps, "--no-rate-limit", "--max-body", "1K")
    yield sandbox
    sandbox.stop()


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize("method,path,expected", [
    ("POST", "/rest/v2/mailboxes/manual_connection/bulk",
     {"code": "VALIDATION_FAILURE", "details": ["The request body is larger than the sandbox accepts (1024 bytes)"]}),
    ("POST", "/rest/v2/campaigns",
     {"type": "INPUT_DATA_VALIDATION_FAILURE", "message": "The request body is larger than the sandbox accepts (1024 bytes)",
      "details": None}),
    ("POST", "/rest/v2/campaigns/1/steps",
     {"type": "INPUT_DATA_VALIDATION_FAILURE", "message": "The request body is larger than the sandbox accepts (1024 bytes)",
      "details": None}),
    ("POST", "/v1/email-accounts/connect", {"message": "The request body is larger than the sandbox accepts (1024 bytes)"}),
    ("POST", "/rest/v2/mailboxes/microsoft/bulk", None),
])
def test_413_uses_the_endpoints_own_error_shape(small, method, path, expected, chunked):
    big = b"[" + b" " * 2000 + b"]"
    body = iter([big[:1000], big[1000:]]) if chunked else big
    conn = http.client.HTTPConnection("127.0.0.1", small.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"x-api-key": KEY, "content-type": "application/json"},
                     encode_chunked=chunked)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()
    assert response.status == 413
    assert (json.loads(raw) if raw else None) == expected
