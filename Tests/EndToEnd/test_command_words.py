"""`wps COMMAND ARGS…` runs one command without -c (`wps help`, `wps campaign list`), with wps's
own options before or after the words, every word taken as the outer shell gave it; a word that
is neither a file nor a command says how to run a line. Woodpecker-only mailbox commands refuse
Saleshandy instead of silently answering with Woodpecker's mailboxes."""
import json
import os
import subprocess


def run(wps, *args, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    return subprocess.run([str(wps), *args], env=env, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_help_and_commands_run_from_their_words(wps):
    out = run(wps, "help", "campaign", "new")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("campaign new — ")
    out = run(wps, "--sandbox", "mailbox", "list", "--output", "json")
    assert out.returncode == 0, out.stderr
    emails = [m["details"]["email"] for m in json.loads(out.stdout)]
    assert "ann@demo.example.com" in emails
    # wps's options after the words are still wps's; --output=yaml form too.
    out = run(wps, "campaign", "list", "--sandbox", "--output=yaml")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_each_word_is_kept_as_the_outer_shell_gave_it(wps):
    out = run(wps, "--sandbox", "echo", "a $b | c", "it's", 'say "$x"')
    assert out.returncode == 0, out.stderr
    assert out.stdout == "a $b | c it's say \"$x\"\n"
    # A word that looks like a flag is a flag, as in the line itself.
    out = run(wps, "--sandbox", "echo", "--x")
    assert out.returncode == 2 and "unknown flag '--x'" in out.stderr


def test_a_command_flag_named_like_a_wps_option_stays_the_commands(wps):
    # --provider is both wps's option and mailbox list's flag: after the words it is the command's.
    # (--raw is Woodpecker's: with the command's --provider saleshandy it is refused, exit 2.)
    out = run(wps, "--sandbox", "mailbox", "list", "--raw", "--provider", "saleshandy")
    assert out.returncode == 2
    assert "--raw is Woodpecker's: with Saleshandy, mailbox list does not take it" in out.stderr
    assert "1 | mailbox list --raw --provider saleshandy" in out.stderr and "<command>:1:14" in out.stderr


def test_a_word_that_is_neither_a_file_nor_a_command(wps, tmp_path):
    out = run(wps, "campain", "list", cwd=tmp_path)
    assert out.returncode == 2
    assert "no such script: campain (to run a command line: wps -c '…')" in out.stderr
    # A file of a command's name is still the script.
    (tmp_path / "campaign").write_text('echo "from the file"\n')
    out = run(wps, "--sandbox", "campaign", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "from the file" in out.stdout


def test_woodpecker_only_mailbox_commands_refuse_saleshandy(wps):
    # (mailbox list is both providers' now: Saleshandy lists its email accounts.)
    for line in ["mailbox get 123001", "mailbox microsoft add ann@contoso.com"]:
        out = run(wps, "--sandbox", "--provider", "saleshandy", "-c", line)
        assert out.returncode == 2, (line, out.stdout)
        assert "Saleshandy's API cannot" in out.stderr and "--provider woodpecker" in out.stderr
        assert out.stdout == ""
