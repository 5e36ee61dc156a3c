"""`wps sandbox` serving Woodpecker's legacy /rest/v1 prospect endpoints over real HTTP (requests and curl):
a 50,000-prospect import in three requests, paging through it, and one answer of each v1 error code."""
import json
import subprocess

import pytest
import requests

from conftest import Sandbox, wait_until

KEY = "e2e-prospects"
MAILBOX = {
    "smtp_email": "owner@example.com", "smtp_password": "pw", "smtp_server": "smtp.example.com", "smtp_port": 465,
    "imap_email": "owner@example.com", "imap_password": "pw", "imap_server": "imap.example.com", "imap_port": 993,
}
STEP = {"type": "EMAIL", "delivery_time": {"MONDAY": [{"from": "08:00", "to": "18:00"}]},
        "body": {"versions": [{"subject": "Hi", "message": "<p>Hi</p>", "signature": "SENDER", "track_opens": True}]}}


def headers(key):
    return {} if key is None else {"x-api-key": key}


def post(box, path, body, key=KEY):
    return requests.post(box.url + path, json=body, headers=headers(key), timeout=60)


def get(box, path, key=KEY, **params):
    return requests.get(box.url + path, params=params, headers=headers(key), timeout=60)


def code(response):
    return response.json()["status"]["code"]


def numbered(start, count):
    return [{"email": f"p{i}@example.com", "first_name": f"First{i}", "snippet1": f"line {i}"}
            for i in range(start, start + count)]


def campaign(box):
    """A campaign on a connected mailbox: its id."""
    batch = post(box, "/rest/v2/mailboxes/manual_connection/bulk", {"mailboxes": [MAILBOX]}).json()["batch_id"]
    wait_until(lambda: get(box, f"/rest/v2/mailboxes/manual_connection/bulk/{batch}/summary").json()["processing_finished"],
               "the mailbox batch to finish")
    account = next(m["id"] for m in get(box, "/rest/v2/mailboxes").json() if m["type"] == "SMTP")
    created = post(box, "/rest/v2/campaigns", {
        "name": "E2E", "email_account_ids": [account],
        "settings": {"timezone": "Europe/Berlin", "daily_enroll": 10},
        "steps": {"type": "START", "followup": STEP}})
    assert created.status_code == 201, created.text
    return created.json()["id"]


@pytest.fixture
def box(wps):
    sandbox = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0")
    yield sandbox
    sandbox.stop()


def test_imports_50000_prospects_in_three_requests_and_pages_through_them(box):
    ids = []
    for start, count in [(0, 20_000), (20_000, 20_000), (40_000, 10_000)]:
        answer = post(box, "/rest/v1/add_prospects_list", {"file_name": "API import", "prospects": numbered(start, count)})
        assert answer.status_code == 200
        body = answer.json()
        assert body["status"] == {"status": "OK", "code": "OK", "msg": "OK"}
        assert [entry["email"] for entry in body["prospects"]] == [f"p{i}@example.com" for i in range(start, start + count)]
        ids += [entry["id"] for entry in body["prospects"]]
    assert ids == list(range(100001, 150001))

    seen = []
    page = 1
    while True:
        answer = get(box, "/rest/v1/prospects", page=page, per_page=1000)
        assert answer.headers["X-Total-Count"] == "50000"
        if answer.status_code == 204:
            assert answer.content == b""
            break
        assert answer.status_code == 200
        records = answer.json()
        assert len(records) == 1000
        seen += [record["id"] for record in records]
        page += 1
    assert page == 51 and seen == ids
    last = get(box, "/rest/v1/prospects", page=50, per_page=1000).json()[-1]
    assert last["email"] == "p49999@example.com" and last["snippet1"] == last["snipet1"] == "line 49999"
    assert last["status"] == "ACTIVE" and last["last_contacted"] is None and last["updated"].endswith("+0000")

    # curl, with an unencoded + in sort (it decodes to a space, which counts as +) and a search.
    out = subprocess.run(
        ["curl", "-s", "-H", f"x-api-key: {KEY}",
         box.url + "/rest/v1/prospects?sort=+first_name,-id&per_page=2&search=email=p4999"],
        capture_output=True, text=True, check=True, timeout=60)
    assert [record["first_name"] for record in json.loads(out.stdout)] == ["First4999", "First49990"]
    head = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"x-api-key: {KEY}",
         box.url + "/rest/v1/prospects?page=51&per_page=1000"], capture_output=True, text=True, check=True, timeout=60)
    assert head.stdout == "204"


def test_each_v1_error_code(box, wps):
    campaign_id = campaign(box)
    post(box, "/rest/v1/add_prospects_list", {"prospects": [{"email": "bounced@example.com", "status": "BOUNCED"}]})
    answer = post(box, "/rest/v1/add_prospects_campaign", {
        "campaign": {"campaign_id": campaign_id, "send_after": "2025-04-01T00:01:01-0000"},
        "prospects": [
            {"email": "ann@example.com", "interested": "INTERESTED"}, {"email": "ann@example.com"},
            {"email": "not-an-address"}, {"email": "ann@mail.invalid"}, {"email": "bounced@example.com"},
            {"first_name": "no email"},
        ]})
    assert answer.status_code == 200
    entries = answer.json()["prospects"]
    assert [entry.get("code") for entry in entries] == [
        None, "E_DUPLICATE", "E_EMAIL", "E_EMAIL_NOT_EXISTS", "E_INV_STATUS", "E_EMAIL"]
    assert entries[1]["id"] == entries[0]["id"] and entries[4]["id"] == 100001
    listed = get(box, "/rest/v1/prospects", campaigns_id=campaign_id).json()
    assert listed[0]["campaigns_details"][0]["interested"] == "INTERESTED"

    # Request-level errors: 400 with the v1 body.
    cases = [
        (post(box, "/rest/v1/add_prospects_campaign", {"campaign": {"campaign_id": 1}, "prospects": [{"email": "a@example.com"}]}),
         "E_RECORD_NOT_FOUND"),
        (post(box, "/rest/v1/add_prospects_list", {"prospects": []}), "E_REQUIRED_ELEMENT"),
        (post(box, "/rest/v1/add_prospects_list", {"prospects": [{"email": "a@example.com"}]}, key=None), "E_SESSION"),
        (get(box, "/rest/v1/prospectz"), "E_URL_NOT_FOUND"),
        (get(box, "/rest/v1/prospects", per_page=1001), "E_WRONG_PARAM"),
    ]
    for response, expected in cases:
        assert response.status_code == 400, response.text
        assert response.json() == {"status": {"status": "ERROR", "code": expected, "msg": response.json()["status"]["msg"]}}
        assert code(response) == expected
    # A blank key (curl sends `x-api-key:` with nothing after it) is E_SESSION too.
    blank = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "-H", "x-api-key;", "-H", "content-type: application/json",
         "-d", json.dumps({"prospects": [{"email": "a@example.com"}]}), box.url + "/rest/v1/add_prospects_list"],
        capture_output=True, text=True, check=True, timeout=60)
    text, status = blank.stdout.rsplit("\n", 1)
    assert status == "400" and json.loads(text)["status"]["code"] == "E_SESSION"
    wrong = post(box, "/rest/v1/add_prospects_list", {"prospects": [{"email": "a@example.com", "first_name": 5}]})
    assert wrong.json()["status"]["msg"] == "prospects[0].first_name: must be a string, got 5"

    # E_TOO_MANY_REQUESTS: 400 with the v1 body and no Retry-After, as the v1 error-code page
    # answers it, from a sandbox whose fault plan refuses the first v1 request.
    limited = Sandbox(wps, "--faults", "first:1:429,path=/rest/v1")
    try:
        refused = get(limited, "/rest/v1/prospects")
        assert refused.status_code == 400 and "Retry-After" not in refused.headers
        assert code(refused) == "E_TOO_MANY_REQUESTS"
        assert get(limited, "/rest/v1/prospects").status_code == 204
    finally:
        limited.stop()


def test_a_dropped_answer_was_processed_so_the_resend_is_a_duplicate(wps, tmp_path):
    data = tmp_path / "state.sqlite"
    box = Sandbox(wps, "--no-rate-limit", "--data", str(data), "--faults", "first:1:drop-after,path=/rest/v1/add_prospects_list")
    body = {"prospects": [{"email": "once@example.com"}]}
    try:
        with pytest.raises((requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
            post(box, "/rest/v1/add_prospects_list", body)
        again = post(box, "/rest/v1/add_prospects_list", body).json()["prospects"][0]
        assert again["code"] == "E_DUPLICATE" and again["id"] == 100001
    finally:
        box.stop()
    # And it is still there after a restart.
    restarted = Sandbox(wps, "--no-rate-limit", "--data", str(data))
    try:
        assert get(restarted, "/rest/v1/prospects").json()[0]["email"] == "once@example.com"
    finally:
        restarted.stop()
