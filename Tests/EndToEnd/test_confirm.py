"""Destructive commands (and --force onto a BLACKLIST prospect) ask first: on a terminal a [y/N] question naming what will go; --yes
skips it; without a terminal they refuse (exit 2, naming --yes) and send nothing; --dry-run never
asks."""
import os
import subprocess

import pexpect

from conftest import Sandbox, profile_environment

NEW = 'let c = campaign new "Q4 outreach" --accounts 123001 --timezone UTC --daily-enroll 5 --subject "Hi" --message "Hello"'


def run(wps, *args, env=None, stdin=None):
    env = env or {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    return subprocess.run([str(wps), *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_without_a_terminal_destructive_commands_refuse_and_send_nothing(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        env = profile_environment(tmp_path, box, "confirm-key")
        # A standalone sandbox has no mailboxes: connect one first.
        setup = ("mailbox add --email a@example.com --password pw --smtp-server smtp.example.com --smtp-port 465 "
                 "--imap-server imap.example.com --imap-port 993 | batch watch | count; "
                 'let ids = mailbox list | where type == "SMTP" | get id; ')
        out = run(wps, "--output", "json", "-c", setup + NEW.replace("let c = ", "").replace("123001", "$ids") + " | get id", env=env)
        assert out.returncode == 0, out.stderr
        campaign = out.stdout.split()[-1]
        out = run(wps, "--output", "json", "-c", f"campaign get {campaign} | get steps.followup.id", env=env)
        step = out.stdout.strip().strip('"')
        for line in [f"campaign delete {campaign}", f"campaign stop {campaign}", f"step delete {step} --campaign {campaign}"]:
            for how in ("-c", "stdin", "script"):
                if how == "-c":
                    out = run(wps, "-c", line, env=env)
                elif how == "stdin":
                    out = run(wps, env=env, stdin=line + "\n")
                else:
                    script = tmp_path / "destroy.wps"
                    script.write_text(line + "\n")
                    out = run(wps, str(script), env=env)
                assert out.returncode == 2, (line, how, out.stderr)
                assert "cannot be undone and there is no terminal to ask on: add --yes to do it (nothing was sent)" in out.stderr
        out = run(wps, "--output", "json", "-c", f"campaign get {campaign} | get status", env=env)
        assert out.stdout.strip() == 'DRAFT'
        out = run(wps, "--output", "json", "-c", f"campaign delete {campaign} --yes | get deleted", env=env)
        assert out.returncode == 0 and out.stdout.strip() == "true", out.stderr
    finally:
        log = box.stop()
    # Only the creating POST, the GETs and the final DELETE reached the sandbox: no refused command sent anything.
    requests = [line.split()[0] + " " + line.split()[1] for line in log.splitlines() if "/rest/v2/campaigns" in line]
    assert requests == ["POST /rest/v2/campaigns", f"GET /rest/v2/campaigns/{campaign}", f"GET /rest/v2/campaigns/{campaign}",
                        f"DELETE /rest/v2/campaigns/{campaign}"], log


def test_dry_run_never_asks(wps):
    out = run(wps, "--dry-run", "--output", "json", "-c", NEW + "; campaign stop $c.id | get status; campaign delete $c.id | get deleted")
    assert out.returncode == 0, out.stderr
    assert "DELETE " in out.stdout + out.stderr and "no terminal" not in out.stderr


def test_on_a_terminal_they_ask_naming_what_will_go(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["TERM"] = "xterm"
    child = pexpect.spawn(str(wps), ["--sandbox"], env=env, encoding="utf-8", timeout=60, dimensions=(40, 200))
    prompt = r"wps\[sandbox\]> "
    child.expect(prompt)
    child.sendline(NEW + " --wait 2d; let c = step add --after $c.steps.followup.id --message x")
    child.expect(prompt)
    child.sendline("campaign delete $c.id")
    child.expect_exact('Delete campaign 777001 "Q4 outreach" (DRAFT, 2 steps)? [y/N] ')
    child.sendline("n")
    child.expect_exact("'campaign delete' not confirmed: nothing was changed")
    child.expect(prompt)
    child.sendline("step delete $c.steps.followup.followup.id")
    child.expect_exact('(step 2 of 2 in campaign 777001 "Q4 outreach" (DRAFT, 2 steps))? [y/N] ')
    child.sendline("y")
    child.expect(prompt)
    child.sendline("campaign stop $c.id | get status")
    child.expect_exact('Stop campaign 777001 "Q4 outreach" (DRAFT, 1 step) for good? It cannot run again. [y/N] ')
    child.sendline("yes")
    child.expect("STOPPED")
    child.expect(prompt)
    child.sendline("campaign delete $c.id --yes | get deleted")
    child.expect("true")
    child.expect(prompt)
    child.sendline("campaign list | count")
    child.expect(r"\r\n0\r\n")
    child.expect(prompt)
    child.sendcontrol("d")
    child.expect(pexpect.EOF)


def test_on_a_terminal_force_onto_a_blacklist_prospect_asks_first(wps):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env["TERM"] = "xterm"
    child = pexpect.spawn(str(wps), ["--sandbox"], env=env, encoding="utf-8", timeout=60, dimensions=(40, 200))
    prompt = r"wps\[sandbox\]> "
    child.expect(prompt)
    child.sendline(NEW + "; prospect add black@acme.com --status BLACKLIST | get id")
    child.expect(r"\r\n100001\r\n")
    child.expect(prompt)
    child.sendline("prospect add black@acme.com --campaign $c.id --force")
    child.expect_exact("black@acme.com (id 100001) is on the BLACKLIST: not to be contacted. "
                       "Add it to campaign 777001 anyway? [y/N] ")
    child.sendline("n")
    child.expect_exact("'prospect add' not confirmed: nothing was changed")
    child.expect(prompt)
    child.sendline("prospect add black@acme.com --campaign $c.id --force | get outcome")
    child.expect_exact("Add it to campaign 777001 anyway? [y/N] ")
    child.sendline("y")
    child.expect("added")
    child.expect(prompt)
    child.sendline("prospect list --campaign $c.id | count")
    child.expect(r"\r\n1\r\n")
    child.expect(prompt)
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
