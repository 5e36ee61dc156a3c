"""Planted secrets and the scan that looks for them: a unique secret per place, the forms a leaked
one could take in text, and every text a run produced by where it came from. Shared by
`test_secrets.py` and `test_secret_slips.py`."""
import base64
import json
import secrets
import subprocess
import urllib.parse
from pathlib import Path

import pexpect


def planted(label: str) -> str:
    return f"Planted-{label}-{secrets.token_hex(8)}"


def encodings(secret: str) -> dict[str, str]:
    """The forms a leaked secret could take in text."""
    raw = secret.encode()
    forms = {"raw": secret, "lower": secret.lower(), "url": urllib.parse.quote(secret, safe=""),
             "url+": urllib.parse.quote_plus(secret), "json": json.dumps(secret)[1:-1]}
    # base64 of the secret at each of the three alignments it could have inside longer data:
    # the characters that depend only on the secret's bytes.
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw).decode()
        forms[f"base64/{shift}"] = encoded[(8 * shift + 5) // 6:(8 * (shift + len(raw))) // 6]
    forms["hex"] = raw.hex()
    return forms


class Scan:
    """Every text wps produced, by where it came from."""

    def __init__(self, secrets_by_name: dict[str, str]):
        self.secrets = secrets_by_name
        self.texts: list[tuple[str, str]] = []

    def add(self, label: str, text):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        self.texts.append((label, text or ""))

    def add_run(self, label: str, out: subprocess.CompletedProcess):
        self.add(f"{label}: stdout", out.stdout)
        self.add(f"{label}: stderr", out.stderr)

    def add_tree(self, root: Path, skip=()) -> list[Path]:
        """Every file under `root` but those in `skip` (what the test itself wrote)."""
        files = sorted(p for p in root.rglob("*") if p.is_file() and p not in skip)
        for path in files:
            self.add(f"file {path.relative_to(root)}", path.read_bytes())
        return files

    def leaks(self) -> list[str]:
        found = []
        for name, secret in self.secrets.items():
            for form, text in encodings(secret).items():
                for label, haystack in self.texts:
                    if text and text in haystack:
                        found.append(f"{name} ({form}) in {label}")
        return found


def type_lines(child, prompt: str, typed: list, transcript: list) -> str:
    """Types each line at the shell's prompt, leaves with Ctrl-D, and returns what the shell
    printed. The terminal echoes what is typed, as it would for any program: those echoes are
    left out; everything else (results, diagnostics, `history`) is what the scan reads."""
    for line in typed:
        child.sendline(line)
        child.expect(prompt)
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    text = "".join(transcript)
    for line in typed:
        assert line in text
        text = text.replace(line + "\r\n", "<typed>\r\n", 1)
    return text


class Collect:
    """A pexpect log sink that keeps everything the shell printed."""

    def __init__(self, into: list):
        self.into = into

    def write(self, text):
        self.into.append(text)

    def flush(self):
        pass
