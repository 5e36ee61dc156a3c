"""`prospect stop` and `prospect set` against a `wps sandbox` process: a running three-step
campaign, one prospect stopped after step 1, the sandbox clock moved on by restarting it over the
same `--data` with `--clock-offset` — the stopped prospect gets nothing more while the others get
their follow-ups, and `--status ACTIVE` resumes it; interest set and listed; prospects not in the
campaign reported and never enrolled; ids resolved; piped records; `--dry-run` and bad values
send no write (the sandbox's `--log` shows no POST)."""
import json
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from conftest import running_sandbox, run_wps_json, profile_environment

KEY = "stop-e2e-key"
STEPS = ("- window: MON-SUN all-day\n  wait: 1d\n  versions:\n  - {subject: Hi, message: <p>one</p>}\n"
         "- window: MON-SUN all-day\n  wait: 1d\n  versions:\n  - {message: <p>two</p>}\n"
         "- window: MON-SUN all-day\n  versions:\n  - {message: <p>three</p>}\n")
PROSPECTS = [f"p{index}@acme.com" for index in range(8)]


@contextmanager
def sandbox_at(wps, tmp_path, offset="0"):
    """The sandbox over tmp_path's --data, its clock `offset` ahead, and a profile pointing at it."""
    with running_sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--log",
                         "--data", str(tmp_path / "sandbox.sqlite"), "--clock-offset", offset) as box:
        yield box, profile_environment(tmp_path, box, KEY)


def run(wps, env, script, code=0):
    out = run_wps_json(wps, env, "-c", script)
    assert out.returncode == code, (script, out.stdout[-2000:], out.stderr[-2000:])
    return json.loads(out.stdout) if out.stdout.strip() else None, out.stderr


def running_campaign(wps, env, tmp_path) -> int:
    """A connected mailbox, a three-step campaign sending at any hour (a day between steps), the
    PROSPECTS in it, running, and step 1 sent to each: its id."""
    (tmp_path / "steps.yaml").write_text(STEPS)
    (tmp_path / "leads.csv").write_text("email,company\n" + "".join(f"{e},Acme\n" for e in PROSPECTS))
    run(wps, env, "mailbox add --email sender@acme.com --password pw --smtp-server smtp.acme.com --smtp-port 465 "
                  "--imap-server imap.acme.com --imap-port 993 --daily-limit 5500 --wait-from 10 --wait-to 20 | batch watch --interval 50ms | count")
    campaign, _ = run(wps, env, 'let box = mailbox list | where type == "SMTP" | first; '
                                'campaign new Leads --accounts $box.id --timezone UTC --daily-enroll 50 '
                                f'--steps {tmp_path / "steps.yaml"} | get id')
    run(wps, env, f"prospect import {tmp_path / 'leads.csv'} --campaign {campaign}")
    run(wps, env, f"campaign run {campaign}")
    # The mailbox waits 10 to 20 s between sends: five minutes on, step 1 has gone to everyone.
    run(wps, env, "sandbox advance 5m")
    return campaign


def listed(wps, env, campaign) -> dict:
    """The campaign's prospects by email: (global status, status there, interest, last_contacted)."""
    records, _ = run(wps, env, f"prospect list --campaign {campaign}")
    return {r["email"]: (r["status"], r["campaigns"][0]["status"], r["campaigns"][0]["interested"],
                         r.get("last_contacted")) for r in records}


def sent_by_step(box, campaign, clock_days: int) -> dict:
    """The messages report, asked of the sandbox directly for the last week of its clock (wps's own
    `--from`/`--to` check days against this machine's clock, which the sandbox's is ahead of): how
    many messages each step of `campaign` sent."""
    today = datetime.now(timezone.utc) + timedelta(days=clock_days)
    period = {"from": (today - timedelta(days=7)).strftime("%Y-%m-%d"), "to": today.strftime("%Y-%m-%d")}
    def call(method, path, body=None):
        request = urllib.request.Request(
            f"{box.url}/rest/v2/{path}", method=method, data=body and json.dumps(body).encode(),
            headers={"x-api-key": KEY, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    report = call("GET", f"reports/{call('POST', 'reports/messages', period)['hash']}")
    assert report["status"] == "READY", report
    steps = {}
    for row in report["report"]["data"]:
        if row["id"] == campaign:
            steps[row["step"]] = steps.get(row["step"], 0) + row["sent"]
    return steps


def when(date: str) -> datetime:
    return datetime.strptime(date, "%Y-%m-%dT%H:%M:%S%z")


def test_a_stopped_prospect_gets_no_follow_up_while_the_others_do(wps, tmp_path):
    with sandbox_at(wps, tmp_path) as (box, env):
        campaign = running_campaign(wps, env, tmp_path)
        before = listed(wps, env, campaign)
        # Step 1 went to every prospect; stop two of them that it did not bounce: one by
        # email, one piped as prospect list's record (looked up by id).
        delivered = [e for e, (status, there, _, sent) in before.items() if sent and there == "ACTIVE"]
        assert len(delivered) >= 4, before
        first, second = delivered[0], delivered[1]
        stopped, _ = run(wps, env, f"prospect stop {first} --campaign {campaign}")
        assert [(r["email"], r["outcome"]) for r in stopped] == [(first, "stopped")]
        ids, _ = run(wps, env, f'prospect list --campaign {campaign} | where email == "{second}" | get id')
        piped, _ = run(wps, env, f"prospect list --campaign {campaign} | where email == \"{second}\" "
                                 f"| select id | prospect stop - --campaign {campaign}")
        assert [(r["email"], r["id"], r["outcome"]) for r in piped] == [(second, ids[0], "stopped")]
        # Stopping again sends nothing.
        box.new_log_lines()
        again, _ = run(wps, env, f"prospect stop {first} {ids[0]} --campaign {campaign}")
        assert [r["outcome"] for r in again] == ["already stopped", "already stopped"]
        assert not [line for line in box.new_log_lines() if "POST" in line]
        paused = listed(wps, env, campaign)
        assert paused[first][1] == "PAUSED" and paused[second][1] == "PAUSED"
        assert paused[first][0] == "ACTIVE"  # the global status stays as it was
    # Three days on: steps 2 and 3 have fallen due.
    with sandbox_at(wps, tmp_path, "3d") as (box, env):
        after = listed(wps, env, campaign)
        for email in (first, second):
            assert after[email][3] == before[email][3], (email, before[email], after[email])
            assert after[email][1] == "PAUSED"
        followed = [e for e in delivered[2:] if when(after[e][3]) > when(before[e][3])]
        assert followed, (before, after)
        steps = sent_by_step(box, campaign, 3)
        assert steps[1] == len(PROSPECTS)
        assert 0 < steps.get(2, 0) <= len(PROSPECTS) - 2 and steps.get(3, 0) <= steps[2]
        # ACTIVE again resumes one: step 2, due while it was paused, goes out at once (window all day).
        resumed = next(e for e in (first, second) if after[e][0] == "ACTIVE")
        out, _ = run(wps, env, f"prospect set {resumed} --campaign {campaign} --status ACTIVE")
        assert out["outcome"] == "updated"
        now = listed(wps, env, campaign)
        assert now[resumed][1] == "ACTIVE" and when(now[resumed][3]) > when(after[resumed][3])


def test_prospect_set_changes_interest_and_refuses_bad_values(wps, tmp_path):
    with sandbox_at(wps, tmp_path) as (box, env):
        campaign = running_campaign(wps, env, tmp_path)
        out, _ = run(wps, env, f"prospect set {PROSPECTS[0]} --campaign {campaign} --interested MAYBE_LATER "
                               '--snippet1 "saw your talk"')
        assert (out["email"], out["outcome"]) == (PROSPECTS[0], "updated")
        records, _ = run(wps, env, f"prospect list --campaign {campaign} --interested MAYBE_LATER")
        assert [(r["email"], r["campaigns"][0]["interested"], r["snippet1"]) for r in records] == [
            (PROSPECTS[0], "MAYBE_LATER", "saw your talk")]
        # By id, looked up first.
        ids, _ = run(wps, env, f'prospect list --campaign {campaign} | where email == "{PROSPECTS[1]}" | get id')
        out, _ = run(wps, env, f"prospect set {ids[0]} --campaign {campaign} --interested INTERESTED")
        assert (out["email"], out["id"], out["outcome"]) == (PROSPECTS[1], ids[0], "updated")
        box.new_log_lines()
        # Bad values are refused at the flag, with did-you-mean, before anything is sent.
        _, err = run(wps, env, f"prospect set {PROSPECTS[0]} --campaign {campaign} --interested MAYBE_LATR", code=2)
        assert "did you mean 'MAYBE_LATER'?" in err
        _, err = run(wps, env, f"prospect set {PROSPECTS[0]} --campaign {campaign} --status PAUSD", code=2)
        assert "did you mean 'PAUSED'?" in err
        _, err = run(wps, env, f"prospect set {PROSPECTS[0]} --campaign {campaign} --send-after tomorrow", code=2)
        assert "--send-after takes a date-time" in err
        _, err = run(wps, env, f"prospect set {PROSPECTS[0]} --campaign {campaign}", code=2)
        assert "nothing to change" in err
        _, err = run(wps, env, f"prospect stop ann@ --campaign {campaign}", code=2)
        assert "neither a prospect's email nor its id" in err
        # A dry run reads, and sends no write.
        dry = run_wps_json(wps, env, "--dry-run", "-c", f"prospect stop {PROSPECTS[2]} --campaign {campaign}")
        assert dry.returncode == 0, dry.stderr
        assert json.loads(dry.stdout)[0]["outcome"] == "would stop" and "would send" in dry.stderr
        assert not [line for line in box.new_log_lines() if "POST" in line]
        assert listed(wps, env, campaign)[PROSPECTS[2]][1] == "ACTIVE"
        # Prospects not in the campaign are reported, never enrolled: by email, by id, no such id.
        run(wps, env, "prospect add outside@acme.com")
        records, err = run(wps, env, f"prospect stop outside@acme.com 100099 {PROSPECTS[3]} --campaign {campaign}")
        assert [(r["email"], r["outcome"]) for r in records] == [
            ("outside@acme.com", "not in campaign"), (None, "no such prospect"), (PROSPECTS[3], "stopped")]
        assert "outside@acme.com: not in campaign" in err
        assert "outside@acme.com" not in listed(wps, env, campaign)
        out = run_wps_json(wps, env, "-c", f"prospect set outside@acme.com --campaign {campaign} --status PAUSED")
        assert out.returncode == 1 and "is not in campaign" in out.stderr
        assert "outside@acme.com" not in listed(wps, env, campaign)
