"""The built `wps` binary running the language: scripts, -c, standard input, errors, exit codes."""
import json
import os
import subprocess

from conftest import ROOT, profile_environment


def wps_run(wps, *args, stdin=None, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    environment.update(env or {})
    return subprocess.run([str(wps), *args], input=stdin, capture_output=True, text=True, timeout=120, env=environment)


def test_quickstart_runs_against_the_embedded_sandbox(wps):
    out = wps_run(wps, "--sandbox", str(ROOT / "examples" / "quickstart.wps"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert '"connected_mailboxes_count": 1' in text
    assert "sending from 4 mailboxes" in text
    assert 'first step versions ["A","B"]' in text
    assert '"subject": "Quick question, {{FIRST_NAME}}"' in text
    for status in ["RUNNING", "PAUSED", "EDITED", "STOPPED"]:
        assert f'"status": "{status}"' in text
    assert "refused as expected: PATCH campaigns/" in text and "NOT_EDITABLE_STATUS" in text
    assert '"deleted": true' in text
    assert text.rstrip().endswith("0")
    assert "secret-pw" not in text and "secret-pw" not in out.stderr


def test_one_command_and_json_output(wps):
    out = wps_run(wps, "--sandbox", "-c", 'mailbox list | where type == "SMTP" | select id details.email | count')
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3"
    out = wps_run(wps, "--sandbox", "--output", "json", "-c", "campaign list")
    assert json.loads(out.stdout) == [] if out.stdout.strip() else True


def test_script_arguments(wps, tmp_path):
    script = tmp_path / "args.wps"
    script.write_text('echo "$1 has $2 rows, all: $args"\n')
    out = wps_run(wps, str(script), "Q4", "50")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'Q4 has 50 rows, all: ["Q4","50"]'


def test_parse_errors_are_located_and_nothing_runs(wps, tmp_path):
    script = tmp_path / "bad.wps"
    script.write_text('echo "should not print"\ncampain list\ncampaign new x --daily-enrol 5\n')
    out = wps_run(wps, "--sandbox", str(script))
    assert out.returncode == 2
    assert out.stdout == ""
    assert f"--> {script}:2:1" in out.stderr
    assert "^^^^^^^ did you mean 'campaign'?" in out.stderr
    assert "unknown flag '--daily-enrol'" in out.stderr and "did you mean '--daily-enroll'?" in out.stderr


def test_check_parses_without_running_or_needing_a_key(wps, tmp_path):
    good = tmp_path / "good.wps"
    good.write_text('let c = campaign get 5\nfor s in $c.steps { echo "$s.id" }\n')
    out = wps_run(wps, "--check", str(good), env={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")
    bad = tmp_path / "bad.wps"
    bad.write_text('echo "fine"\ncampain list\ncampaign new x --daily-enrol 5\n')
    out = wps_run(wps, "--check", str(bad))
    assert out.returncode == 2 and out.stdout == ""
    assert f"--> {bad}:2:1" in out.stderr and f"--> {bad}:3:16" in out.stderr
    out = wps_run(wps, "--check", "-c", "campaign list --sort")
    assert out.returncode == 2 and "unknown flag '--sort'" in out.stderr
    out = wps_run(wps, "--check", stdin="mailbox list |\n")
    assert out.returncode == 2 and "<stdin>" in out.stderr


def test_api_failures_exit_1_at_the_failing_line(wps, tmp_path):
    script = tmp_path / "fail.wps"
    script.write_text("echo before\ncampaign get 5\necho after\n")
    out = wps_run(wps, "--sandbox", str(script))
    assert out.returncode == 1
    assert out.stdout.strip() == "before"
    assert "HTTP 404 CAMPAIGN_NOT_EXIST" in out.stderr and f"{script}:2:1" in out.stderr


def test_validation_failures_exit_2_before_sending(wps):
    out = wps_run(wps, "--sandbox", "-c", 'campaign new x --accounts 1 --timezone Mars/Base --daily-enroll 5 --subject s --message m')
    assert out.returncode == 2
    assert "--timezone: expected an IANA time zone such as Europe/Berlin, got 'Mars/Base'" in out.stderr
    # The caret sits under the flag's value.
    assert "<command>:1:40" in out.stderr


def test_a_missing_key_says_how_to_set_it(wps):
    out = wps_run(wps, "-c", "campaign list")
    assert out.returncode == 2
    assert "WOODPECKER_API_KEY" in out.stderr


def test_standard_input_runs_line_by_line(wps):
    out = wps_run(wps, stdin="let x = [1\n2 3]\n$x | count\necho done\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["3", "done"]
    out = wps_run(wps, "-", stdin="echo one\ncampain list\necho never\n")
    assert out.returncode == 2
    assert out.stdout.strip() == "one"
    assert "<stdin>:2:1" in out.stderr


def test_help_and_version_commands(wps):
    out = wps_run(wps, "-c", "help step add")
    assert out.returncode == 0
    assert out.stdout.startswith("step add — Add an email step after the last step.")
    assert wps_run(wps, "-c", "version").stdout.strip() == "wps 0.1.0"
    out = wps_run(wps, "-c", "help campain")
    assert out.returncode == 2 and "did you mean" in out.stderr


def test_help_for_a_noun_lists_its_commands(wps):
    out = wps_run(wps, "-c", "help step")
    assert out.returncode == 0
    assert "step add [flags]\n    Add an email step after the last step." in out.stdout
    assert "step delete STEP" in out.stdout


def test_a_config_others_can_read_is_refused(wps, tmp_path):
    config = tmp_path / "wps" / "config.yaml"
    config.parent.mkdir()
    config.write_text("profiles:\n  prod: { provider: woodpecker, api_key: planted-key-987 }\n")
    config.chmod(0o644)
    out = wps_run(wps, "-c", "profile list", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert out.returncode == 2
    assert f"Run: chmod 600 {config}" in out.stderr
    config.chmod(0o600)
    out = wps_run(wps, "--profile", "prod", "--output", "json", "-c", "profile list", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert '"name": "prod"' in out.stdout and '"active": true' in out.stdout
    assert "planted-key-987" not in out.stdout + out.stderr


def test_dry_run_prints_every_request_with_secrets_masked(wps, sandbox, tmp_path):
    # The account is a sandbox the profile points at; the dry run reads it and writes nothing.
    env = profile_environment(tmp_path, sandbox, "planted-api-key-4242")
    out = wps_run(wps, "--dry-run", str(ROOT / "examples" / "quickstart.wps"), env=env)
    assert out.returncode == 0, out.stderr
    text = out.stderr  # the requests; stdout keeps the results
    assert "would send" not in out.stdout
    assert text.count("── dry run: would send ──") >= 5
    assert f"POST {sandbox.url}/rest/v2/mailboxes/manual_connection/bulk\n" in text
    assert f"POST {sandbox.url}/rest/v2/campaigns\n" in text
    # The mailboxes the dry run connected are listed with the account's, so the campaign gets them.
    assert '"email_account_ids" : [\n    9000123001' in text
    assert "x-api-key: ••••" in text and '"smtp_password" : "••••"' in text
    for secret in ["planted-api-key-4242", "secret-pw"]:
        assert secret not in text and secret not in out.stderr


def test_dry_run_still_checks_the_rules_first(wps):
    out = wps_run(wps, "--dry-run", "-c", "mailbox add --email nope --password pw --smtp-server s.example.com --smtp-port 0 --imap-server i.example.com --imap-port 993")
    assert out.returncode == 2
    assert "would send" not in out.stdout + out.stderr
    assert "--smtp-port: must be in 1…65535, got 0 (mailboxes[0].smtp_port)" in out.stderr
    assert "--email: must be a valid email address (mailboxes[0].smtp_email)" in out.stderr


def test_error_lines_never_show_a_password(wps):
    out = wps_run(wps, "-c", "mailbox add --email a@example.com --password Planted-Pw-9931 --smtp-port 0 "
                  "--smtp-server s.example.com --imap-server i.example.com --imap-port 993")
    assert out.returncode == 2
    # A fixed-width mask (it tells nothing of the length), and the caret still under the 0.
    assert "--password **** --smtp-port 0" in out.stderr
    assert "Planted-Pw-9931" not in out.stderr and "Planted-Pw-9931" not in out.stdout
    lines = out.stderr.splitlines()
    shown = next(line for line in lines if line.startswith("1 | "))
    caret = next(line for line in lines if line.strip().startswith("|") and "^" in line)
    assert shown[caret.index("^")] == "0" and shown[caret.index("^") - 12:caret.index("^")] == "--smtp-port "


def run_example(wps, name):
    out = subprocess.run([str(wps), "--sandbox", "--output", "json", f"examples/{name}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_every_example_script_runs():
    import glob
    names = sorted(os.path.basename(p) for p in glob.glob(str(ROOT / "examples" / "*.wps")))
    assert names == ["bulk-import.wps", "campaign-from-steps.wps", "quickstart.wps", "saleshandy.wps"]


def test_bulk_import_example(wps):
    text = run_example(wps, "bulk-import.wps")
    assert "submitted 3 batches" in text
    assert '"conditionally_connected_mailboxes_count": 1' in text
    assert "hugo@example.com: Authentication failed for hugo@example.com" in text
    assert "ines@example.com: SMTP connection failed: cannot resolve host smtp.nowhere.invalid" in text
    assert "pw-erin" not in text


def test_campaign_from_steps_example(wps):
    text = run_example(wps, "campaign-from-steps.wps")
    assert "first step waits 4 DAY before the next" in text
    assert 'whole-day Thursday comes back as [{"from":"00:00","to":"00:00"}]' in text


def test_saleshandy_example(wps):
    text = run_example(wps, "saleshandy.wps")
    assert '"status": "completed"' in text and '"connected": 1' in text and '"failed": 1' in text
    assert "smtp-password" not in text


def test_saleshandy_import_checks_rows_first(wps, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("smtpEmailAddress,smtpPassword,smtpHost,smtpPort,imapEmailAddress,imapPassword,imapHost,imapPort\n"
                   "x@example.com,pw,smtp.example.com,0,x@example.com,pw,imap.example.com,993\n")
    out = wps_run(wps, "--sandbox", "-c", f"mailbox import {bad} --provider saleshandy")
    assert out.returncode == 2
    assert f"{bad}:2: smtpPort: must be in 1…65535, got 0" in out.stderr


def test_microsoft_import_and_yaml_steps(wps, tmp_path):
    rows = tmp_path / "ms.csv"
    rows.write_text("mailbox_email,display_name\njim@example.com,Jim\nwrong@example.com,\n")
    out = wps_run(wps, "--sandbox", "--output", "json", "-c", f"mailbox microsoft import {rows} | select email success error")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [
        {"email": "jim@example.com", "success": True, "error": None},
        {"email": "wrong@example.com", "success": False, "error": "WRONG_ALIAS"},
    ]
    steps = tmp_path / "steps.yaml"
    steps.write_text(
        "type: START\nfollowup:\n  type: EMAIL\n  delivery_time:\n    THURSDAY: [{from: '00:00', to: '24:00'}]\n"
        "  body:\n    versions:\n    - {subject: Hi, message: '<p>x</p>', signature: SENDER, track_opens: false}\n")
    out = wps_run(wps, "--sandbox", "-c",
                  f"campaign new y --accounts $(mailbox list | where type == \"SMTP\" | first | get id) --timezone UTC --daily-enroll 3 --steps {steps} | get steps.followup.delivery_time")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"THURSDAY": [{"from": "00:00", "to": "00:00"}]}


def test_dry_run_shows_the_exact_request(wps):
    env = {"WOODPECKER_API_KEY": "planted-key-1"}
    out = wps_run(wps, "--dry-run", "--output", "json", "-c",
                  "mailbox add --email x@example.com --password pw-777 --smtp-server s.example.com --smtp-port 465 "
                  "--imap-server i.example.com --imap-port 993", env=env)
    assert out.returncode == 0, out.stderr
    # The request on stderr, the result alone on stdout: `wps --dry-run -c '…' | jq` works.
    assert json.loads(out.stdout) == {"batch_id": 9000001001, "size": 1}  # an id of the dry run's own
    assert out.stderr + out.stdout == """── dry run: would send ──
POST https://api.woodpecker.co/rest/v2/mailboxes/manual_connection/bulk
accept: application/json
user-agent: wps/0.1.0
x-api-key: ••••
content-type: application/json

{
  "mailboxes" : [
    {
      "imap_email" : "x@example.com",
      "imap_password" : "••••",
      "imap_port" : 993,
      "imap_server" : "i.example.com",
      "smtp_email" : "x@example.com",
      "smtp_password" : "••••",
      "smtp_port" : 465,
      "smtp_server" : "s.example.com"
    }
  ]
}
{
  "batch_id": 9000001001,
  "size": 1
}
"""


def test_step_file_problems_point_at_the_steps_flag(wps, tmp_path):
    steps = tmp_path / "steps.json"
    steps.write_text('{"type": "START", "followup": {"type": "EMAIL", "delivery_time": {"MONDAY": [{"from": "09:00", "to": "08:00"}]}, '
                     '"body": {"versions": [{"subject": null, "message": "m", "signature": "SENDER", "track_opens": true}]}}}')
    out = wps_run(wps, "--sandbox", "-c", f"campaign new x --accounts 123001 --timezone UTC --daily-enroll 5 --steps {steps}")
    assert out.returncode == 2
    assert "--steps file: steps.followup.delivery_time.MONDAY[0]: from must be earlier than to, got 09:00–08:00" in out.stderr
    assert "--steps file: steps.followup.body.versions[0].subject: is required on the first EMAIL step of a path" in out.stderr


def test_window_and_snippet_problems_point_into_the_string(wps, tmp_path):
    base = 'campaign new x --accounts 123001 --timezone UTC --daily-enroll 5 --message "<p>x</p>" '
    out = wps_run(wps, "--sandbox", "-c", base + '--subject "Hi {{FIRST_NAM}}"')
    assert out.returncode == 2
    assert "--subject: unknown snippet '{{FIRST_NAM}}' — did you mean '{{FIRST_NAME}}'?" in out.stderr
    assert "\n  |" + " " * (len(base) + 15) + "^" * 13 + "\n" in out.stderr
    out = wps_run(wps, "--sandbox", "-c", base + '--subject Hi --window "MON-FRI 08:00-12:00,11:00-13:00"')
    assert out.returncode == 2
    assert "--window: 11:00-13:00 overlaps 08:00-12:00 on MON" in out.stderr
    assert "\n  |" + " " * (len(base) + 44) + "^" * 11 + "\n" in out.stderr
    md = tmp_path / "first.md"
    md.write_text("Hi {{FIRST_NAME}},\n\nA *short* note.\n")
    out = wps_run(wps, "--sandbox", "--output", "json", "-c",
                  base.replace('--message "<p>x</p>" ', f"--message @{md} ") + "--subject Hi | get steps.followup.body.versions")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["message"] == "<p>Hi {{FIRST_NAME}},</p><p>A <em>short</em> note.</p>"


def test_campaign_show_draws_a_tree_or_gives_json(wps):
    script = ('let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" --message "<p>A</p>" '
              '--window "MON-FRI 08:00-18:00; SUN all-day" --wait 2d; step add --after $c.steps.followup.id --message "<p>f</p>" '
              '--window "FRI 09:00-12:00" | count; campaign show $c.id')
    out = wps_run(wps, "--sandbox", "--output", "table", "-c", script)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-8].startswith("Q4  #") and "DRAFT · Europe/Berlin · 50/day · accounts 123001" in lines[-8]
    assert lines[-6].startswith("├─ EMAIL 1  MON-FRI 08:00-18:00; SUN all-day  ")
    assert lines[-5].startswith('│    A  "Hi"  ')
    # campaign new --wait 2d is step 1's followup_after: the wait between step 1 and step 2.
    assert lines[-4] == "│  ↓ wait 2 days"
    assert lines[-3].startswith("└─ EMAIL 2  FRI 09:00-12:00  ")
    assert lines[-2].startswith("     A  (no subject: same thread)  ")
    assert lines[-1] == "   ↓ wait 1 day before a step added after it"
    out = wps_run(wps, "--sandbox", "--output", "json", "-c", script)
    assert json.loads(out.stdout.split("\n", 1)[1])["steps"]["type"] == "START"


def test_env_shows_the_profile_provider_and_base_urls_never_a_key(wps, sandbox, tmp_path):
    from conftest import profile_environment
    env = profile_environment(tmp_path, sandbox, "env-key-never-shown")
    out = subprocess.run([str(wps), "--output", "json", "-c", "let n = 1; env"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["profile"] == "sb" and shown["provider"] == "woodpecker"
    assert shown["base_url"] == f"{sandbox.url}/rest/v2" and shown["variables"] == {"n": "int"}
    assert "env-key-never-shown" not in out.stdout + out.stderr


def test_a_missing_required_field_is_named_as_the_flag_to_type(wps):
    """The flags the rules require are required by the command: both missing ones in one run,
    before anything is sent; --steps stands in for --message."""
    out = wps_run(wps, "--sandbox", "-c", "campaign new x --accounts 123001 --subject s --message m")
    assert out.returncode == 2
    assert "'campaign new' needs --timezone (an IANA time zone such as Europe/Berlin)" in out.stderr
    assert "'campaign new' needs --daily-enroll (emails per day from the campaign (> 0))" in out.stderr
    out = wps_run(wps, "--sandbox", "-c", "campaign new x --accounts 123001 --timezone UTC --daily-enroll 5")
    assert out.returncode == 2 and "'campaign new' needs --message" in out.stderr and ", or --steps" in out.stderr
    out = wps_run(wps, "--sandbox", "-c", "help campaign new")
    assert "required unless --steps is given" in out.stdout


def test_length_sleep_clear_and_env_variables(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["WPS_TEST_VALUE"] = "from-the-environment"
    out = subprocess.run([str(wps), "--sandbox", "--output", "json", "-c",
                          'echo "Q4 outreach" | length; [1 2 3] | length; campaign list | length; sleep 20ms; '
                          'echo $env.WPS_TEST_VALUE; $env | where $it == "WPS_TEST_VALUE" | count; clear'],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["11", "3", "0", "from-the-environment", "1"]
    assert "\x1b[2J" not in out.stdout  # clear does nothing when stdout is not a terminal
    out = wps_run(wps, "-c", "echo $env.WPS_NO_SUCH_VARIABLE")
    assert out.returncode == 2 and "no environment variable 'WPS_NO_SUCH_VARIABLE'" in out.stderr
    out = wps_run(wps, "-c", "sleep soon")
    assert out.returncode == 2 and "sleep takes a duration such as 500ms, 2s or 1m, got 'soon'" in out.stderr


def test_commas_separate_list_items(wps):
    for text in ["[1, 2, 3]", "[1,2,3]", "[1 2 3]"]:
        out = wps_run(wps, "-c", f"echo {text} | to json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == [1, 2, 3], text
    out = wps_run(wps, "-c", 'echo ["a", "b"] | to json')
    assert json.loads(out.stdout) == ["a", "b"]
    # A flag's comma list is still one word, split by the command.
    out = wps_run(wps, "--dry-run", "-c", "campaign new x --accounts 1,2,3 --timezone UTC --daily-enroll 5 --subject Hi --message '<p>x</p>'")
    assert out.returncode == 0, out.stderr
    assert '"email_account_ids" : [\n    1,\n    2,\n    3\n  ]' in out.stderr  # the dry-run request


def test_sort_by_puts_nulls_last_and_numbers_before_strings(wps, tmp_path):
    rows = tmp_path / "nn.json"
    rows.write_text(json.dumps([{"n": 3}, {"n": None}, {"n": 1}, {"n": "b"}, {"n": 2}, {"n": None}, {"n": "a"}]))
    out = wps_run(wps, "-c", f"open {rows} | sort-by n | get n | to json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [1, 2, 3, "a", "b", None, None]
    out = wps_run(wps, "-c", f"open {rows} | sort-by n --reverse | get n | to json")
    assert json.loads(out.stdout) == ["b", "a", 3, 2, 1, None, None]


def test_saved_and_redirected_files_end_in_one_newline(wps, tmp_path):
    script = tmp_path / "files.wps"
    names = []
    body = ["let rows = $(mailbox list)"]
    for ext in ["json", "yaml", "csv", "ndjson", "txt"]:
        body.append(f"$rows | save {tmp_path}/saved.{ext}")
        names.append(f"saved.{ext}")
    for fmt in ["json", "yaml", "csv", "ndjson"]:
        body.append(f"$rows | to {fmt} > {tmp_path}/piped.{fmt}")
        names.append(f"piped.{fmt}")
    body += [f"$rows > {tmp_path}/value.json", f"echo hello > {tmp_path}/echo.txt"]
    names += ["value.json", "echo.txt"]
    script.write_text("\n".join(body) + "\n")
    out = wps_run(wps, "--sandbox", str(script))
    assert out.returncode == 0, out.stderr
    for name in names:
        text = (tmp_path / name).read_text()
        assert text.endswith("\n") and not text.endswith("\n\n"), (name, text[-20:])
    assert (tmp_path / "echo.txt").read_text() == "hello\n"


def test_two_arrows_append_to_a_text_file(wps, tmp_path):
    target = tmp_path / "log.txt"
    target.write_text("kept, without a final newline")
    out = wps_run(wps, "-c", f"echo one >> {target}; [1, 2] | length >> {target}; echo two >> {tmp_path / 'new.txt'}")
    assert out.returncode == 0, out.stderr
    assert target.read_text() == "kept, without a final newline\none\n2\n"
    assert (tmp_path / "new.txt").read_text() == "two\n"


def test_where_on_a_field_no_item_has_is_a_located_error(wps):
    out = wps_run(wps, "--sandbox", "-c", 'mailbox list | where typ == "SMTP" | count')
    assert out.returncode == 2
    assert ("no item has a field 'typ' — did you mean 'type'? (the items' fields: id, email, status, daily_limit, "
            "sent_today, error, type, imap_id, details)") in out.stderr, out.stderr
    assert "1 | mailbox list | where typ" in out.stderr and "                      ^^^" in out.stderr
    out = wps_run(wps, "--sandbox", "--output", "json", "-c",
                  'mailbox list | where type == "SMTP" and details.email =~ "ann" | count; campaign list | where status == "DRAFT" | count')
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "0"]


def test_select_keeps_nested_paths_so_sort_by_still_works(wps):
    out = wps_run(wps, "--sandbox", "--output", "json", "-c",
                  'mailbox list | where type == "SMTP" | select id details.email | sort-by details.email --reverse | first')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"id": 123005, "details": {"email": "cyd@demo.example.com"}}


def test_arithmetic_ranges_and_updating_a_variable(wps, tmp_path):
    script = tmp_path / "count.wps"
    script.write_text(
        "let total = 0\n"
        "for i in 1..4 {\n"
        "  $total = $total + $i * 2\n"
        "}\n"
        'echo "total: $total, mean: $(($total / 4))"\n'
        "mailbox list | where id % 2 == 1 | get id\n"
    )
    out = wps_run(wps, "--sandbox", "--output", "json", str(script))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "total: 20, mean: 5"
    assert json.loads("\n".join(out.stdout.splitlines()[1:])) == [123001, 123003, 123005]
    out = wps_run(wps, "-c", "let n = 10\nlet m = $n / 0")
    assert out.returncode == 2
    assert "division by zero" in out.stderr and "<command>:2:9" in out.stderr


def test_error_in_catch_is_a_record_that_reads_as_its_message(wps):
    script = (
        "try { campaign get 999999 } catch {\n"
        '  echo "failed: $error"\n'
        "  echo $error.status $error.code $error.endpoint\n"
        "}\n"
    )
    out = wps_run(wps, "--sandbox", "-c", script)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "failed: GET campaigns/999999: HTTP 404 CAMPAIGN_NOT_EXIST: Campaign not found",
        "404 CAMPAIGN_NOT_EXIST GET campaigns/999999",
    ]


def test_an_error_in_a_sourced_file_points_into_that_file(wps, tmp_path):
    (tmp_path / "setup.wps").write_text("echo one\necho two\ncampaign get 999999\n")
    (tmp_path / "broken.wps").write_text("echo one\n\nlet x = 1 + ]\n")
    main = tmp_path / "main.wps"
    main.write_text("# main\n\nsource setup.wps\necho never\n")
    out = subprocess.run([str(wps), "--sandbox", str(main)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 1
    assert "setup.wps:3:1" in out.stderr and "campaign get 999999" in out.stderr, out.stderr
    assert "never" not in out.stdout
    main.write_text("source broken.wps\n")
    out = subprocess.run([str(wps), "--sandbox", str(main)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 2 and "broken.wps:3:13" in out.stderr, out.stderr


def test_one_run_shows_every_bad_value_of_a_command_each_at_its_place(wps, tmp_path):
    """A time-zone typo, a snippet typo in the subject and one inside @first.html, and a window
    that is not one: all four in one run, each with its caret — the file's at first.html:LINE:COL
    — with the closest spelling; choices in any case and a one-digit hour are taken as meant."""
    (tmp_path / "first.html").write_text("<p>Hi {{FIRST_NAME}},</p>\n<p>Your {{COMPNY}} team</p>\n")
    script = ('campaign new x --accounts 123001 --timezone America/New_Yrok --daily-enroll 5 '
              '--subject "Hi {{FRIST_NAME}}" --message @first.html --window "MON-FRI 9:00-1700"')
    out = subprocess.run([str(wps), "--sandbox", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: --timezone: expected an IANA time zone such as Europe/Berlin, got 'America/New_Yrok'"
        " — did you mean 'America/New_York'?",
        "error: --subject: unknown snippet '{{FRIST_NAME}}' — did you mean '{{FIRST_NAME}}'?",
        "error: --message @first.html: unknown snippet '{{COMPNY}}' — did you mean '{{COMPANY}}'?",
        "error: --window: window time '9:00-1700': write H:mm-H:mm, e.g. 08:00-18:00 or 9:00-17:00",
    ], out.stderr
    assert " --> first.html:2:9" in out.stderr and "2 | <p>Your {{COMPNY}} team</p>" in out.stderr, out.stderr
    assert out.stderr.count("^") >= 4 + len("{{COMPNY}}") - 1
    fixed = ('campaign new x --accounts 123001 --timezone america/new_york --daily-enroll 5 --signature sender '
             '--subject "Hi {{FIRST_NAME}}" --message "<p>Hi</p>" --window "MON-FRI 9:00-17:00" '
             '| select settings.timezone steps.followup.delivery_time.MONDAY steps.followup.body.versions')
    out = subprocess.run([str(wps), "--sandbox", "--output", "json", "-c", fixed], cwd=tmp_path, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    followup = made["steps"]["followup"]
    assert made["settings"]["timezone"] == "America/New_York", out.stdout
    assert followup["delivery_time"]["MONDAY"] == [{"from": "09:00", "to": "17:00"}], out.stdout
    assert followup["body"]["versions"][0]["signature"] == "SENDER"


def test_a_snippet_in_single_braces_is_warned_about(wps, tmp_path):
    (tmp_path / "first.html").write_text("<p>Hi there,</p>\n<p>about {Company}</p>\n")
    script = ('campaign new x --accounts 123001 --timezone UTC --daily-enroll 5 '
              '--subject "Hi {FIRST_NAME}" --message @first.html | count')
    out = subprocess.run([str(wps), "--sandbox", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert ("warning: --subject: '{FIRST_NAME}' is sent as written, not filled: a snippet takes two braces, "
            "{{FIRST_NAME}}") in out.stderr, out.stderr
    assert "warning: --message: first.html:2:10: '{Company}' is sent as written" in out.stderr, out.stderr
