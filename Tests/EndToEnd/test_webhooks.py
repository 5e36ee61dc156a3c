"""Webhook subscriptions: the sandbox's API as the contract has it (docs/contract/webhooks.md),
driven with `requests` against a `wps sandbox` process, and the `webhook` commands against it:
subscribe, list, unsubscribe, the per-event limit checked before sending, a dry run that sends
nothing."""
import json
import subprocess

import requests

from conftest import profile_environment, run_wps_json

KEY = "webhook-test-key"
HOOK = "https://hooks.example.com/wps"


def v1(box, path, body, key=KEY):
    return requests.post(f"{box.url}/rest/v1/webhooks/{path}", json=body, headers={"x-api-key": key}, timeout=30)


def listed(box, key=KEY):
    answer = requests.get(f"{box.url}/rest/v2/webhooks", headers={"x-api-key": key}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_sandbox_answers_as_the_contract_says(sandbox):
    assert listed(sandbox) == {"message": "You haven't subscribed to any webhooks."}
    made = v1(sandbox, "subscribe", {"target_url": HOOK, "event": "prospect_replied"})
    assert made.status_code == 201 and made.json() == {
        "target_url": HOOK, "event": "prospect_replied", "message": "Subscribed."}
    again = v1(sandbox, "subscribe", {"target_url": HOOK, "event": "PROSPECT_REPLIED"})
    assert again.status_code == 409
    assert again.json() == {"status": {"status": "ERROR", "code": "E_WRONG_PARAM", "msg": "Event defined for this url."}}
    for n in (2, 3):
        assert v1(sandbox, "subscribe", {"target_url": f"{HOOK}/{n}", "event": "prospect_replied"}).status_code == 201
    fourth = v1(sandbox, "subscribe", {"target_url": f"{HOOK}/4", "event": "prospect_replied"})
    assert fourth.status_code == 409 and "3 times per one account" in fourth.json()["status"]["msg"]
    assert listed(sandbox)["webhooks"][0] == {"target_url": HOOK, "event": "PROSPECT_REPLIED"}
    assert listed(sandbox, key="another-account") == {"message": "You haven't subscribed to any webhooks."}
    for body, code in [({"event": "prospect_replied"}, "E_REQUIRED_ELEMENT"),
                       ({"target_url": HOOK, "event": 5}, "E_WRONG_PARAM"),
                       ({"target_url": HOOK, "event": "prospect_repled"}, "E_WRONG_PARAM"),
                       ({"target_url": "ftp://x", "event": "prospect_replied"}, "E_WRONG_PARAM")]:
        refused = v1(sandbox, "subscribe", body)
        assert refused.status_code == 400 and refused.json()["status"]["code"] == code, (body, refused.text)
    assert v1(sandbox, "subscribe", {"target_url": HOOK, "event": "email_opened"}, key="").json()["status"]["code"] == "E_SESSION"
    gone = v1(sandbox, "unsubscribe", {"target_url": HOOK, "event": "prospect_replied"})
    assert gone.status_code == 200 and gone.json()["message"] == "Unsubscribed."
    missing = v1(sandbox, "unsubscribe", {"target_url": HOOK, "event": "prospect_replied"})
    assert missing.status_code == 400 and missing.json()["status"]["code"] == "E_RECORD_NOT_FOUND"
    assert [w["target_url"] for w in listed(sandbox)["webhooks"]] == [f"{HOOK}/2", f"{HOOK}/3"]


def test_subscribe_list_and_unsubscribe_against_the_sandbox(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)

    def wps_run(script, *options):
        out = run_wps_json(wps, env, *options, "-c", script)
        return out.returncode, json.loads(out.stdout) if out.stdout.strip() else None, out.stderr

    code, records, err = wps_run(f"webhook subscribe prospect_replied prospect_opt_out prospect_replied --url {HOOK}")
    assert code == 0, err
    assert [(r["event"], r["status"]) for r in records] == [
        ("prospect_replied", "subscribed"), ("prospect_opt_out", "subscribed")]
    code, records, err = wps_run(f"webhook subscribe prospect_replied --url {HOOK}")
    assert code == 0 and records[0]["status"] == "already subscribed", err
    code, records, err = wps_run("webhook list --event prospect_opt_out")
    assert code == 0 and records == [{"event": "prospect_opt_out", "target_url": HOOK}], err

    # Two more URLs fill prospect_replied's three places: a fourth is refused before anything is sent.
    for n in (2, 3):
        assert wps_run(f"webhook subscribe prospect_replied --url {HOOK}/{n}")[0] == 0
    before = listed(sandbox)
    code, records, err = wps_run(f"webhook subscribe email_opened prospect_replied --url {HOOK}/4")
    assert code == 2, err
    assert "prospect_replied is delivered to 3 URLs already (the API's limit)" in err and "nothing was sent" in err
    assert listed(sandbox) == before  # email_opened was not subscribed either

    # A typo is caught before sending, with the name meant.
    code, _, err = wps_run(f"webhook subscribe prospect_repled --url {HOOK}")
    assert code == 2 and "did you mean 'prospect_replied'?" in err and "one of 40 names" in err, err  # Woodpecker's 21 and Saleshandy's 19
    code, _, err = wps_run("webhook subscribe prospect_replied --url hooks.example.com")
    assert code == 2 and "--url must be an absolute http or https URL" in err, err

    # A dry run reads the account and subscribes nothing.
    code, records, err = wps_run(f"webhook subscribe email_opened --url {HOOK}", "--dry-run")
    assert code == 0 and "would send" in err and "/rest/v1/webhooks/subscribe" in err, err
    assert listed(sandbox) == before

    code, records, err = wps_run(f"webhook unsubscribe prospect_replied email_opened --url {HOOK}")
    assert code == 0, err
    assert [(r["event"], r["status"]) for r in records] == [
        ("prospect_replied", "unsubscribed"), ("email_opened", "not subscribed")]
    assert "email_opened is not delivered to" in err
    code, records, err = wps_run("webhook list")
    assert code == 0 and {(r["event"], r["target_url"]) for r in records} == {
        ("prospect_opt_out", HOOK), ("prospect_replied", f"{HOOK}/2"), ("prospect_replied", f"{HOOK}/3")}, err


def test_a_url_with_a_password_is_refused_without_showing_it(wps, sandbox, tmp_path):
    """A tunnel URL with `user:password@` would be kept and listed by the API as given: every
    webhook command refuses it before sending, and no message, record or history shows it."""
    env = profile_environment(tmp_path, sandbox, KEY)
    secret = "Tunnel-Pa55-xyz"
    before = listed(sandbox)
    for script in (f"webhook subscribe prospect_replied --url https://me:{secret}@tunnel.example.net/h",
                   f"webhook unsubscribe prospect_replied --url https://me:{secret}@tunnel.example.net/h",
                   f"webhook listen --event prospect_replied --url https://me:{secret}@tunnel.example.net --max 1",
                   f"webhook subscribe prospect_replied --url htps://me:{secret}@tunnel.example.net/h"):
        out = run_wps_json(wps, env, "-c", script)
        assert out.returncode == 2, (script, out.stderr)
        assert secret not in out.stdout + out.stderr, out.stderr
        assert "user name or password" in out.stderr or "absolute http or https URL" in out.stderr, out.stderr
    assert listed(sandbox) == before
