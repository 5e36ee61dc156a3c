"""The sandbox's sending rules against a `wps sandbox` process, through wps: a campaign with
`daily_enroll` 150 over ten mailboxes at 40 a day (the issue's case, with 2,000 prospects) sends
at most 150 messages a day, each mailbox at most 40, follow-ups before new prospects, the rest
carried to the next day; `mailbox list` counts `sent_today`; the webhook for a finished campaign
(`campaign_completed`) arrives once its last message has gone."""
import collections
import json
import time

from conftest import Sandbox, json_runner, profile_environment

KEY = "limits-test-key"


def at_ten_utc():
    """`--clock-offset` that starts the sandbox clock at 10:00 UTC (of today or tomorrow), so that
    no day boundary falls between two commands of a test."""
    seconds = int((10 * 3600 - time.time() % 86400) % 86400)
    return f"{seconds or 86400}s"


def connect(wps_run, tmp_path, count, limit, wait_from, wait_to):
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,host,port,imap_host,imap_port,daily_limit,wait_from,wait_to\n" + "".join(
        f"s{i}@sender.example.com,pw-{i},smtp.example.com,465,imap.example.com,993,{limit},{wait_from},{wait_to}\n"
        for i in range(count)))
    wps_run(f"mailbox import {boxes} | batch watch | count")
    return [b["id"] for b in wps_run('mailbox list | where type == "SMTP"')]


def test_daily_enroll_and_mailbox_limits_hold_and_the_rest_waits(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--push-interval", "0",
                  "--clock-offset", at_ten_utc())
    try:
        wps_run = json_runner(wps, profile_environment(tmp_path, box, KEY))
        accounts = connect(wps_run, tmp_path, 10, 40, 60, 120)
        assert len(accounts) == 10
        campaign = wps_run(f"campaign new Limits --accounts {','.join(map(str, accounts))} --timezone UTC "
                           "--daily-enroll 150 --subject Hi --message Hello --wait 1d")
        wps_run(f"step add --campaign {campaign['id']} --after {campaign['steps']['followup']['id']} "
                "--subject 'Re: Hi' --message Again")
        leads = tmp_path / "leads.csv"
        leads.write_text("email\n" + "".join(f"lead{i}@acme{i % 13}.com\n" for i in range(2000)))
        wps_run(f"prospect import {leads} --campaign {campaign['id']} | count")
        wps_run(f"campaign run {campaign['id']} | count")
        # Three days on, and an hour past the moment the run's follow-ups fall due (10:00 + a few
        # minutes): what today sends is settled.
        wps_run("sandbox advance 3d")
        wps_run("sandbox advance 1h")

        rows = wps_run("report messages --from 7d")
        per_day = collections.Counter()
        per_day_step = collections.Counter()
        for row in rows:
            per_day[row["date"]] += row["sent"]
            per_day_step[(row["date"], row["step"])] += row["sent"]
        days = sorted(per_day)
        assert len(days) == 4, per_day  # the run's day, two whole days, and today so far
        assert all(per_day[d] <= 150 for d in days), per_day
        assert all(per_day[d] == 150 for d in days[1:-1]), per_day  # a whole day fills its 150
        assert per_day_step[(days[0], 2)] == 0  # the first day: new prospects only
        assert per_day_step[(days[1], 2)] > 0  # then the follow-ups, each in its day

        # Nobody is written to twice in a step, and only the prospects the report counts were.
        contacted = wps_run("prospect list --contacted --all | count")
        assert contacted == sum(v for (d, s), v in per_day_step.items() if s == 1) < 2000

        # Each mailbox: at most 40 today, and `sent_today` adds up to today's report.
        mailboxes = wps_run('mailbox list | where type == "SMTP"')
        sent_today = [m["details"]["sent_today"] for m in mailboxes]
        assert all(0 <= n <= 40 for n in sent_today), sent_today
        assert sum(sent_today) == per_day[days[-1]], (sent_today, per_day)
    finally:
        box.stop()


def test_a_mailbox_sends_its_limit_a_day_with_its_wait_between_sends(wps, tmp_path):
    """One mailbox at 12 a day, 10 to 20 minutes apart: a campaign allowed 500 a day sends 12 a
    day; the events webhook shows each send's moment, and the last one completes the campaign."""
    import http.server
    import threading

    received = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.extend(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    box = Sandbox(wps, "--no-rate-limit", "--processing-delay", "0", "--push-interval", "0",
                  "--clock-offset", at_ten_utc())
    try:
        wps_run = json_runner(wps, profile_environment(tmp_path, box, KEY))
        (account,) = connect(wps_run, tmp_path, 1, 12, 600, 1200)
        campaign = wps_run(f"campaign new Slow --accounts {account} --timezone UTC --daily-enroll 500 "
                           "--subject Hi --message Hello | get id")
        leads = tmp_path / "leads.csv"
        leads.write_text("email\n" + "".join(f"lead{i}@acme.com\n" for i in range(30)))
        wps_run(f"prospect import {leads} --campaign {campaign} | count")
        wps_run(f"webhook subscribe campaign_sent campaign_completed --url {base}/hook | count")
        wps_run(f"campaign run {campaign} | count")
        wps_run("sandbox advance 2d")
        assert not [e for e in received if e["method"] == "campaign_completed"]
        wps_run("sandbox advance 2d")

        sent = sorted(e["email"]["sent"] for e in received if e["method"] == "campaign_sent")
        assert len(sent) == 30  # 12 + 12 + 6, each prospect once
        by_day = collections.Counter(s[:10] for s in sent)
        assert all(n <= 12 for n in by_day.values()), by_day
        times = [int(s[11:13]) * 3600 + int(s[14:16]) * 60 + int(s[17:19]) for s in sent]
        gaps = [b - a for (a, b), (da, db) in zip(zip(times, times[1:]), zip(sent, sent[1:])) if da[:10] == db[:10]]
        assert gaps and all(600 <= g <= 1200 for g in gaps), gaps
        completed = [e for e in received if e["method"] == "campaign_completed"]
        assert len(completed) == 1 and completed[0]["campaign"]["id"] == campaign
        assert completed[0]["timestamp"] >= sent[-1]
    finally:
        box.stop()
        server.shutdown()
