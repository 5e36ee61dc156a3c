"""The interactive shell under a pseudo-terminal (pexpect): line editing, completion, history, Ctrl-C."""
import os
import sys

import pexpect
import pytest

from conftest import wps_binary

PROMPT = r"wps\[sandbox\]> "


def spawn(tmp_path, *args, env=None, dimensions=(40, 200)):
    environment = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    environment.update({"TERM": "xterm", "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)})
    environment.update(env or {})
    child = pexpect.spawn(str(wps_binary()), ["--sandbox", *args], env=environment, encoding="utf-8", timeout=30,
                          dimensions=dimensions)
    child.expect(PROMPT)
    return child


def leave(child):
    """Ctrl-D at the prompt. (A Ctrl-D typed before the prompt is back reaches the terminal in
    cooked mode, where it is consumed, just as it would be for a person typing ahead.)"""
    child.sendcontrol("d")
    if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=5) == 1:
        child.sendcontrol("d")
        child.expect(pexpect.EOF)


def test_a_command_runs_and_the_shell_stays(tmp_path):
    child = spawn(tmp_path)
    child.sendline('echo "hello from the shell"')
    child.expect("hello from the shell")
    child.expect(PROMPT)
    child.sendline("campain list")
    child.expect("did you mean 'campaign'")
    child.expect(PROMPT)
    child.sendline("echo still here")
    child.expect("still here")
    child.expect(PROMPT)
    leave(child)


def test_tab_completes_commands_flags_time_zones_and_paths(tmp_path):
    child = spawn(tmp_path)
    child.send("campa\t")
    child.send("lis\t")
    child.send("| cou\t\r")
    child.expect(r"\r\n0\r\n")
    child.expect(PROMPT)
    child.send("campaign new x --daily-en\t")
    child.send("fifty\r")
    child.expect("expected an integer for --daily-enroll, got 'fifty'")
    child.expect(PROMPT)
    child.send("campaign set 5 --timezone Europe/Berl\t\r")
    child.expect("CAMPAIGN_NOT_EXIST")
    child.expect(r"1 \| campaign set 5 --timezone Europe/Berlin ")
    child.expect(PROMPT)
    child.sendline('let c = campaign new q --accounts $(mailbox list | where type == "SMTP" | first | get id) --timezone UTC --daily-enroll 5 --subject s --message m')
    child.expect(PROMPT)
    # (steps has followup and followup_after: the Tab after "followup." completes the id.)
    child.send("echo $c.steps.followup.i\t")
    child.send("\r")
    child.expect(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    child.expect(PROMPT)
    leave(child)


def test_several_candidates_are_listed(tmp_path):
    child = spawn(tmp_path)
    child.send("campaign new x --signature \t")
    child.expect("SENDER")
    child.expect("NO_SIGNATURE")
    child.sendcontrol("c")
    child.expect(PROMPT)
    leave(child)


@pytest.mark.parametrize("columns", [60, 120])
def test_the_candidate_list_is_laid_out_for_the_terminals_width(tmp_path, columns):
    """Tab with many candidates (a command's flags): columns that fill the real width, at 60
    columns no line wider than the terminal (wrapped lines interleave the columns), at 120 more
    candidates per line than 100 columns would hold."""
    import re
    child = spawn(tmp_path, dimensions=(40, columns))
    child.send("campaign new x --\t")
    child.expect(PROMPT)  # redrawn under the listing
    listing = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).replace("\r", "")
    lines = [line for line in listing.split("\n") if "--" in line and "campaign new" not in line]
    assert len(lines) >= 2, listing
    assert max(len(line) for line in lines) <= columns - 1, listing
    flags = [flag for line in lines for flag in re.findall(r"--[a-z-]+", line)]
    assert "--daily-enroll" in flags and "--timezone" in flags
    per_line = max(len(re.findall(r"--[a-z-]+", line)) for line in lines)
    cell = max(len(flag) for flag in flags) + 2
    assert per_line == (columns + 1) // cell, listing
    child.sendcontrol("c")
    child.expect(PROMPT)
    leave(child)


def test_history_is_shared_across_sessions_and_holds_no_password(tmp_path):
    child = spawn(tmp_path)
    child.sendline("mailbox add --email h@example.com --password planted-pw-5150 --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993")
    child.expect("batch_id")
    child.expect(PROMPT)
    child.sendline("echo first-session-line")
    child.expect(PROMPT)
    leave(child)

    history = tmp_path / "state" / "wps" / "history"
    text = history.read_text()
    assert "planted-pw-5150" not in text
    assert "--password" in text
    assert oct(history.stat().st_mode & 0o777) == "0o600"

    child = spawn(tmp_path)
    child.send("\x1b[A")  # Up
    child.send("\r")
    child.expect("first-session-line")
    child.expect(PROMPT)
    leave(child)


def test_multi_line_blocks_continue_on_a_second_prompt(tmp_path):
    child = spawn(tmp_path)
    child.sendline("for x in [1 2] {")
    child.expect(r"\.\.\.> ")
    child.sendline('  echo "item $x"')
    child.expect(r"\.\.\.> ")
    child.sendline("}")
    child.expect("item 1")
    child.expect("item 2")
    child.expect(PROMPT)
    leave(child)


def test_ctrl_c_cancels_a_long_watch_and_the_prompt_returns(tmp_path):
    child = spawn(tmp_path, env={"WPS_SANDBOX_PROCESSING_MS": "60000"})
    child.sendline("mailbox add --email slow@example.com --password pw --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993 | batch watch")
    child.expect(r"batches 0/1 finished")  # watching: the first summary is on the progress line
    child.sendcontrol("c")
    child.expect("interrupted", timeout=10)
    child.expect(PROMPT)
    child.sendline("echo alive")
    child.expect("alive")
    child.expect(PROMPT)
    leave(child)


def test_ctrl_c_right_after_typing_always_brings_the_prompt_back(tmp_path):
    """Ctrl-C flushes the terminal's input queue; typed bytes the shell was about to read vanish.
    The shell must never then block on a read with the interrupt unnoticed (it once did, rarely)."""
    child = spawn(tmp_path)
    child.delaybeforesend = None
    for attempt in range(30):
        child.send(f"echo typed-{attempt}")
        child.sendcontrol("c")
        child.expect(PROMPT, timeout=10)
    child.sendline("echo still-here")
    child.expect("still-here")
    child.expect(PROMPT)
    leave(child)


def test_ctrl_c_clears_the_line(tmp_path):
    child = spawn(tmp_path)
    child.send("echo never-run")
    child.sendcontrol("c")
    child.expect(PROMPT)
    child.sendline("echo after")
    child.expect("after")
    assert "never-run\r\nnever-run" not in child.before
    child.expect(PROMPT)
    leave(child)


def test_the_history_command_lists_earlier_lines(tmp_path):
    child = spawn(tmp_path)
    child.sendline("echo remember me")
    child.expect(PROMPT)
    child.sendline("history | last 2 | first")
    child.expect("echo remember me")
    child.expect(PROMPT)
    leave(child)


def test_completion_scripts_for_the_outer_shell():
    import subprocess
    for shell in ["bash", "zsh", "fish"]:
        out = subprocess.run([str(wps_binary()), "completion", shell], capture_output=True, text=True)
        assert out.returncode == 0 and "wps" in out.stdout and len(out.stdout) > 200, shell
    out = subprocess.run([str(wps_binary()), "completion", "tcsh"], capture_output=True, text=True)
    assert out.returncode == 2 and "bash|zsh|fish" in out.stderr


def test_ids_seen_in_the_session_complete_with_their_names(tmp_path):
    child = spawn(tmp_path)
    for name in ["Alpha launch", "Beta launch"]:
        child.sendline(f'campaign new "{name}" --accounts $(mailbox list | where type == "SMTP" | first | get id) --timezone UTC --daily-enroll 5 --subject s --message m | count')
        child.expect(PROMPT)
    child.send("campaign get 77700\t")
    child.expect(r"777001 \(Alpha launch, DRAFT\)")
    child.expect(r"777002 \(Beta launch, DRAFT\)")
    child.send("2\r")
    child.expect("Beta launch")
    child.expect(PROMPT)
    leave(child)


def test_ctrl_d_right_after_the_prompt_always_leaves(tmp_path):
    """A Ctrl-D that reaches the terminal before libedit has switched it out of canonical mode is
    an end-of-file with no byte: the shell must take it as the end (it once spun, polling, in
    about one session of thirty). One Ctrl-D, no retry, in each of 15 sessions."""
    for attempt in range(15):
        child = spawn(tmp_path)
        child.delaybeforesend = None
        child.sendline(f"echo round-{attempt}")
        child.expect(f"\r\nround-{attempt}\r\n")
        child.expect(PROMPT)
        child.sendcontrol("d")
        child.expect(pexpect.EOF, timeout=15)


def test_progress_fits_a_narrow_terminal_and_the_last_line_is_whole(tmp_path):
    """A progress line longer than the terminal would wrap, and a wrapped line cannot be redrawn
    in place: every redraw is cut to the width (ending in …); the line left at the end is whole."""
    name = tmp_path / ("leads-exported-from-the-spreadsheet-of-the-quarter" + ".csv")
    name.write_text("Email,First Name\n" + "".join(f"p{i}@acme.com,P{i}\n" for i in range(3000)))
    child = spawn(tmp_path, dimensions=(40, 50))
    child.sendline(f"prospect import {name} --batch-size 500 --parallel 1 | count")
    child.expect(PROMPT, timeout=120)
    drawn = child.before.split("\r\x1b[K")[1:]
    lines = [segment.split("\r")[0].split("\n")[0] for segment in drawn]
    assert len(lines) >= 2, drawn
    *redraws, last = lines
    assert redraws and all(len(line) <= 49 and line.endswith("…") for line in redraws), redraws
    whole = child.before.split("\r\x1b[K")[-1]
    assert "3000 of 3000 rows accepted, 6 requests sent" in whole.replace("\r\n", ""), whole
    leave(child)


def test_the_first_prompt_says_where_help_is(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    environment.update({"TERM": "xterm", "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)})
    child = pexpect.spawn(str(wps_binary()), ["--sandbox"], env=environment, encoding="utf-8", timeout=30,
                          dimensions=(24, 100))
    child.expect(PROMPT)
    assert "help lists the commands, help COMMAND explains one; Tab completes; Ctrl-D leaves" in child.before
    leave(child)


@pytest.mark.parametrize("command", [["sandbox", "--help"], ["mcp", "--help"]])
def test_help_paragraphs_are_wrapped_by_the_width_not_broken_mid_sentence(command):
    """Piped, --help is laid out for 80 columns: each paragraph's lines but its last are full
    (a break the source put mid-sentence would leave a short line such as 'Every API key')."""
    import subprocess
    out = subprocess.run([str(wps_binary()), *command], capture_output=True, text=True, timeout=30)
    text = out.stdout + out.stderr
    overview = text.split("USAGE:")[0]
    for paragraph in overview.split("\n\n"):
        lines = paragraph.splitlines()
        if len(lines) < 2 or lines[0].startswith("  ") or lines[1].startswith("  "):
            continue  # a table of rules, laid out by hand
        assert all(len(line) >= 55 for line in lines[:-1]), paragraph


@pytest.mark.parametrize("columns", [60, 120])
def test_a_diagnostic_fits_the_terminal_with_its_caret_under_the_text(tmp_path, columns):
    """A long command's error on a 60- or 120-column terminal: the source line is cut around
    the carets (`…` where cut), no line of it wider than the terminal, the carets under the typo."""
    command = ('campaign new "Quarterly outreach to agencies" --accounts 123001 --timezone Europe/Berlin '
               '--daily-enroll 5 --subject "Hi {{FRIST_NAME}}" --message Hello')
    environment = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    environment.update({"TERM": "xterm", "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)})
    child = pexpect.spawn(str(wps_binary()), ["--sandbox", "-c", command], env=environment, encoding="utf-8",
                          timeout=30, dimensions=(24, columns))
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    carets = lines[lines.index(source) + 1]
    assert len(source) <= columns and source.startswith("1 | …"), lines
    assert carets.index("^") == source.index("{{FRIST_NAME}}"), (source, carets)
    assert carets.count("^") == len("{{FRIST_NAME}}")
