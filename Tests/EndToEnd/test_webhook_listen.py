"""`webhook listen` against a `wps sandbox` process (the subscriptions) with `requests` as the
sender: events stream down the pipeline as they arrive, the sender is answered only after their
records are written, repeats are dropped, and a listener killed with SIGKILL and restarted with its
journal listens at the same URL, loses nothing and repeats nothing."""
import json
import os
import select
import signal
import subprocess

import requests

from conftest import StreamLines, line_starting, profile_environment

KEY = "listen-test-key"


def event(n, method="prospect_replied"):
    return {"method": method, "prospect": {"id": 1000 + n, "email": f"p{n}@acme.com", "campaign_id": 777001},
            "timestamp": f"2026-12-07T10:{n:02d}:00+0000", "firm_id": 42}


def subscriptions(box):
    answer = requests.get(f"{box.url}/rest/v2/webhooks", headers={"x-api-key": KEY}, timeout=30).json()
    return sorted((w["event"], w["target_url"]) for w in answer.get("webhooks", []))


class Listener:
    """`wps --output ndjson -c SCRIPT` running; `url` once it said where it listens."""

    def __init__(self, wps, env, script):
        self.process = subprocess.Popen([str(wps), "--output", "ndjson", "-c", script], env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=False)
        self.stderr = StreamLines(_text(self.process.stderr), "stderr")
        line = self.stderr.wait_for(line_starting("listening at "), "the listening line")
        self.url = line.split()[2]
        self.out = b""

    def read_ready(self):
        """What stdout holds right now (no waiting): the records written before this moment."""
        fd = self.process.stdout.fileno()
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            self.out += chunk
        return [json.loads(line) for line in self.out.decode().splitlines()]

    def finish(self):
        # stdout to its end (stderr is read by its own thread: communicate() would take from it).
        self.out += self.process.stdout.read()
        self.process.wait(timeout=60)
        self.stderr.join()
        return [json.loads(line) for line in self.out.decode().splitlines()]


def _text(stream):
    for line in stream:
        yield line.decode()


def post(url, events):
    return requests.post(url, json=events, timeout=60).status_code


def test_events_stream_down_the_pipeline_and_are_acknowledged_after(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)
    listener = Listener(wps, env, "webhook listen --event prospect_replied,prospect_opt_out --max 4")
    url = listener.url
    assert url.startswith("http://127.0.0.1:") and len(url.rsplit("/", 1)[1]) == 32
    assert subscriptions(sandbox) == [("PROSPECT_OPT_OUT", url), ("PROSPECT_REPLIED", url)]

    assert post(url, [event(1), event(2)]) == 200
    # Answered only once both records were written: they are on stdout already.
    assert [r["prospect"]["email"] for r in listener.read_ready()] == ["p1@acme.com", "p2@acme.com"]
    assert post(url, [event(2)]) == 200  # the sender's retry: answered, not yielded again
    assert post(url, [event(3, "email_opened")]) == 200  # not an event listened for
    assert requests.post(url, data="not json", timeout=30).status_code == 400
    assert requests.post(url.rsplit("/", 1)[0] + "/guess", json=[event(9)], timeout=30).status_code == 404
    assert post(url, event(4, "prospect_opt_out")) == 200  # one object, not an array
    assert len(listener.read_ready()) == 3
    assert post(url, [event(5)]) == 200
    records = listener.finish()
    assert [r["prospect"]["email"] for r in records] == ["p1@acme.com", "p2@acme.com", "p4@acme.com", "p5@acme.com"]
    assert listener.process.returncode == 0, listener.stderr.text()
    assert "4 events yielded, 1 repeat dropped; unsubscribed prospect_replied, prospect_opt_out" in listener.stderr.text()
    assert subscriptions(sandbox) == []  # what it subscribed, it unsubscribed


def test_killed_and_restarted_with_its_journal_it_loses_and_repeats_nothing(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)
    journal = tmp_path / "listen.journal"
    script = f"webhook listen --event prospect_replied --journal {journal} | each {{ echo $it.prospect.email }}"
    first = Listener(wps, env, script)
    for n in range(1, 4):
        assert post(first.url, [event(n)]) == 200
    seen = [line for line in first.read_ready()]
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=60)
    assert oct(journal.stat().st_mode & 0o777) == "0o600"
    # While it is down, the sender cannot deliver: it will retry.
    try:
        failed = post(first.url, [event(4)]) != 200
    except requests.ConnectionError:
        failed = True
    assert failed

    second = Listener(wps, env, script.replace("| each", "--max 2 | each"))
    assert second.url == first.url  # same port and path: the sender's retries arrive
    assert subscriptions(sandbox) == [("PROSPECT_REPLIED", first.url)]  # kept, not subscribed twice
    assert post(second.url, [event(3), event(4)]) == 200  # 3 again (a retry), and 4
    assert post(second.url, [event(5)]) == 200
    seen += second.finish()
    assert seen == [f"p{n}@acme.com" for n in range(1, 6)], seen  # none lost, none twice
    assert second.process.returncode == 0, second.stderr.text()
    assert subscriptions(sandbox) == []


def test_ctrl_c_ends_it_and_it_unsubscribes_what_it_subscribed(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)
    listener = Listener(wps, env, "webhook listen --event prospect_bounced; echo not-reached")
    assert subscriptions(sandbox) == [("PROSPECT_BOUNCED", listener.url)]
    assert post(listener.url, [event(1, "prospect_bounced")]) == 200
    listener.process.send_signal(signal.SIGINT)
    records = listener.finish()
    assert listener.process.returncode == 130, listener.stderr.text()
    assert [r["prospect"]["email"] for r in records] == ["p1@acme.com"]  # not-reached was not run
    assert "1 event yielded, 0 repeats dropped; unsubscribed prospect_bounced" in listener.stderr.text()
    assert subscriptions(sandbox) == []


def test_what_it_checks_before_listening(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)

    def run(script):
        return subprocess.run([str(wps), "-c", script], env=env, capture_output=True, text=True, timeout=60)

    out = run("webhook listen")
    assert out.returncode == 2 and "needs --event" in out.stderr
    out = run("webhook listen --event prospect_repled")
    assert out.returncode == 2 and "did you mean 'prospect_replied'?" in out.stderr
    out = run("webhook listen --event prospect_replied --max 0")
    assert out.returncode == 2 and "--max must be at least 1" in out.stderr
    for n in range(3):
        requests.post(f"{sandbox.url}/rest/v1/webhooks/subscribe", headers={"x-api-key": KEY}, timeout=30,
                      json={"target_url": f"https://elsewhere.example.com/{n}", "event": "prospect_replied"})
    out = run("webhook listen --event prospect_replied --for 1s")
    assert out.returncode == 2 and "prospect_replied is delivered to 3 URLs already" in out.stderr, out.stderr
    assert len(subscriptions(sandbox)) == 3  # nothing subscribed, nothing left behind
