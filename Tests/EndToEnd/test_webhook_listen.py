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

from conftest import StreamLines, json_runner, line_starting, profile_environment

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


def five_prospect_campaign(wps_run, tmp_path, name):
    """One mailbox (imported and waited for) and a one-step campaign `name` on it with the five
    prospects lead0…lead4@acme.com, not running yet: its id."""
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,host,port,imap_host,imap_port\n"
                     "s0@sender.example.com,pw,smtp.example.com,465,imap.example.com,993\n")
    leads = tmp_path / "leads.csv"
    leads.write_text("email\n" + "".join(f"lead{i}@acme.com\n" for i in range(5)))
    wps_run(f"mailbox import {boxes} | batch watch | count")
    account = wps_run('mailbox list | where type == "SMTP" | first | get id')
    campaign = wps_run(f"campaign new {name} --accounts {account} --timezone UTC --daily-enroll 50 --subject Hi "
                       "--message Hello | get id")
    wps_run(f"prospect import {leads} --campaign {campaign} | count")
    return campaign


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


def test_the_sandbox_pushes_what_its_campaigns_produce(wps, tmp_path):
    """A campaign of 200 prospects runs in a `wps sandbox`; `webhook listen` yields exactly the
    replies the sandbox's rules give (as `prospect list --status REPLIED` counts them), each once,
    as `sandbox advance` moves the clock."""
    from conftest import Sandbox
    # Deliveries only when the clock is moved: what arrives follows from the commands alone.
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--push-interval", "0")
    try:
        env = profile_environment(tmp_path, box, KEY)
        boxes = tmp_path / "boxes.csv"
        boxes.write_text("email,password,host,port,imap_host,imap_port\n" + "".join(
            f"s{i}@sender.example.com,pw-{i},smtp.example.com,465,imap.example.com,993\n" for i in range(10)))
        leads = tmp_path / "leads.csv"
        leads.write_text("email,first_name\n" + "".join(f"lead{i}@acme{i % 7}.com,Lead{i}\n" for i in range(200)))

        wps_run = json_runner(wps, env)
        wps_run(f"mailbox import {boxes} | batch watch | count")
        accounts = ",".join(str(b["id"]) for b in wps_run('mailbox list | where type == "SMTP"'))
        campaign = wps_run(f"campaign new Pushed --accounts {accounts} --timezone UTC --daily-enroll 500 "
                           "--subject Hi --message Hello | get id")
        wps_run(f"prospect import {leads} --campaign {campaign} | count")

        listener = Listener(wps, env, "webhook listen --event prospect_replied --journal "
                            f"{tmp_path / 'j'} | each {{ echo $it.prospect.email }}")
        wps_run(f"campaign run {campaign} | count")
        for _ in range(6):
            wps_run("sandbox advance 2d")
        # Every prospect that replied, whatever its status now (one that opted out first is
        # BLACKLIST, yet its reply is a reply).
        listed = {p["email"] for p in wps_run("prospect list --all | where last_replied != null")}
        assert len(listed) > 0, "the sandbox's rules gave no reply: the test proves nothing"
        assert {p["email"] for p in wps_run("prospect list --status REPLIED --all")} <= listed
        # Each advance ran a delivery pass before it answered: every reply so far was delivered.
        emails = listener.read_ready()
        assert sorted(emails) == sorted(listed), (len(emails), len(listed))  # each once
        listener.process.send_signal(signal.SIGINT)
        listener.finish()
        assert listener.process.returncode == 130
    finally:
        box.stop()


def test_the_sandbox_retries_a_failing_receiver_and_drops_one_that_answers_410(wps, tmp_path):
    """A receiver (Python's http.server) answering 500 gets the same events again a minute later
    on the sandbox clock; one answering 410 is unsubscribed at once."""
    import http.server
    import threading
    from conftest import Sandbox

    received = []
    answers = {"/flaky": [500, 200], "/gone": [410]}

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            queue = answers[self.path]
            status = queue.pop(0) if len(queue) > 1 else queue[0]
            received.append((self.path, status, body))
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--push-interval", "0")
    try:
        env = profile_environment(tmp_path, box, KEY)

        wps_run = json_runner(wps, env)
        campaign = five_prospect_campaign(wps_run, tmp_path, "R")
        wps_run(f"webhook subscribe campaign_sent --url {base}/flaky | count")
        wps_run(f"webhook subscribe campaign_sent --url {base}/gone | count")
        wps_run(f"campaign run {campaign} | count")
        wps_run("sandbox advance 3d")
        first = [r for r in received if r[0] == "/flaky"]
        assert len(first) == 1 and first[0][1] == 500 and len(first[0][2]) == 5, received
        assert all(e["method"] == "campaign_sent" and e["prospect"]["campaign_id"] == campaign for e in first[0][2])
        assert {(w["event"], w["target_url"]) for w in wps_run("webhook list")} == {("campaign_sent", f"{base}/flaky")}
        wps_run("sandbox advance 30s")  # before the retry is due: nothing
        assert len([r for r in received if r[0] == "/flaky"]) == 1
        wps_run("sandbox advance 1m")  # the retry, one minute after the failure
        flaky = [r for r in received if r[0] == "/flaky"]
        assert len(flaky) == 2 and flaky[1][1] == 200 and flaky[1][2] == flaky[0][2], flaky
        wps_run("sandbox advance 1d")  # nothing new was sent: nothing delivered again
        assert len([r for r in received if r[0] == "/flaky"]) == 2
    finally:
        box.stop()
        server.shutdown()


def test_with_a_fast_clock_replies_arrive_on_their_own(wps, tmp_path):
    """`--clock-speed 36000` (ten hours a second) and the default delivery pass every second: a
    reply arrives without anyone moving the clock."""
    from conftest import Sandbox
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--clock-speed", "36000")
    try:
        env = profile_environment(tmp_path, box, KEY)
        boxes = tmp_path / "boxes.csv"
        boxes.write_text("email,password,host,port,imap_host,imap_port\n"
                         "s0@sender.example.com,pw,smtp.example.com,465,imap.example.com,993\n")
        leads = tmp_path / "leads.csv"
        leads.write_text("email\n" + "".join(f"lead{i}@acme.com\n" for i in range(100)))
        script = (f"mailbox import {boxes} | batch watch | count; "
                  "let a = mailbox list | where type == \"SMTP\" | first | get id; let c = campaign new Fast --accounts $a "
                  f"--timezone UTC --daily-enroll 500 --subject Hi --message Hello; prospect import {leads} --campaign $c.id "
                  "| count; echo $c.id")

        def wps_run(script):
            out = subprocess.run([str(wps), "--output", "json", "-c", script], env=env, capture_output=True,
                                 text=True, timeout=300)
            assert out.returncode == 0, out.stderr
            return out.stdout

        campaign = json.loads(wps_run(script).split()[-1])
        # Listening before the campaign runs: only events after a subscription are delivered.
        listener = Listener(wps, env, "webhook listen --event prospect_replied --max 1 --for 60s")
        wps_run(f"campaign run {campaign} | count")
        records = listener.finish()  # ends at its first event: no clock moved by hand
        assert listener.process.returncode == 0, listener.stderr.text()
        assert records[0]["method"] == "prospect_replied" and records[0]["prospect"]["email"].startswith("lead")
    finally:
        box.stop()


def test_sandbox_advance_takes_only_a_forward_duration(wps, sandbox, tmp_path):
    env = profile_environment(tmp_path, sandbox, KEY)
    for bad in ("0", "3w", "-1h", "366d"):
        out = subprocess.run([str(wps), "-c", f"sandbox advance {bad}"], env=env, capture_output=True, text=True,
                             timeout=60)
        assert out.returncode == 2 and "expected a duration such as 90s" in out.stderr, (bad, out.stderr)
        answer = requests.post(f"{sandbox.url}/rest/v2/sandbox/clock/advance?by={bad}", headers={"x-api-key": KEY},
                               timeout=30)
        assert answer.status_code == 400, (bad, answer.text)
    before = requests.get(f"{sandbox.url}/rest/v2/sandbox/clock", headers={"x-api-key": KEY}, timeout=30).json()
    out = subprocess.run([str(wps), "--output", "json", "-c", "sandbox advance 2d"], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["seconds"] - before["seconds"] >= 2 * 86_400


def test_on_a_terminal_without_a_pipeline_it_prints_a_live_table(wps, sandbox, tmp_path):
    """On a terminal (a pty, 60 columns), each event shows as a row the moment it arrives, under
    a header printed with the first: not one table once the listener has ended."""
    import pexpect
    env = profile_environment(tmp_path, sandbox, KEY)
    child = pexpect.spawn(str(wps), ["-c", "webhook listen --event prospect_replied --max 3"], env=env,
                          encoding="utf-8", timeout=60, dimensions=(24, 60))
    try:
        child.expect(r"listening at (http://\S+) ")
        url = child.match.group(1)
        assert post(url, [event(1)]) == 200  # answered once its row was written
        child.expect(r"timestamp\s+method\s+email[^\n]*\n")
        shown = child.after
        child.expect(r"p1@acme[^\n]*\n")
        shown += child.before + child.after
        assert child.isalive()  # still listening: the row came live
        assert post(url, [event(2), event(3)]) == 200
        child.expect(r"p3@acme[^\n]*\n")
        shown += child.before + child.after
        child.expect(pexpect.EOF)
        rows = [line for line in shown.splitlines() if line.strip()]
        assert len(rows) == 5 and rows[1].startswith("─"), rows  # header, rule, a row per event
        assert all(len(line) <= 60 for line in rows), rows  # fitted to the terminal
        assert "p1@acme.com" in rows[2] and "777001" in rows[2], rows
    finally:
        child.close()
    assert child.exitstatus == 0


def test_a_fault_plan_for_deliveries_makes_the_sandbox_send_again_and_the_listener_drops_repeats(wps, tmp_path):
    """`--faults 'first:1:drop-after,deliveries'`: the sandbox's first webhook POST reaches the
    listener but its answer is dropped, so the sandbox counts it failed and sends the same events
    again a minute later (sandbox clock); the listener yields each event once and counts the
    repeats. The plan leaves the API requests alone."""
    from conftest import Sandbox
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--push-interval", "0",
                  "--faults", "first:1:drop-after,deliveries")
    try:
        env = profile_environment(tmp_path, box, KEY)

        wps_run = json_runner(wps, env)
        campaign = five_prospect_campaign(wps_run, tmp_path, "F")
        listener = Listener(wps, env, f"webhook listen --event campaign_sent --journal {tmp_path / 'j'}")
        try:
            wps_run(f"campaign run {campaign} | count")
            wps_run("sandbox advance 3d")  # the five sends, pushed; the answer dropped by the plan
            assert len(listener.read_ready()) == 5
            wps_run("sandbox advance 2m")  # the retry: the same five again
            assert len(listener.read_ready()) == 5
        finally:
            listener.process.send_signal(signal.SIGINT)
        records = listener.finish()
        assert sorted(r["prospect"]["email"] for r in records) == [f"lead{i}@acme.com" for i in range(5)]
        assert "5 events yielded, 5 repeats dropped" in listener.stderr.text()
    finally:
        box.stop()
