"""Benchmark: a dry-run `mailbox import` of N generated rows (wall time and peak RSS), beside a
baseline measured in the same run: Python's csv.DictReader streaming the same file once.

Usage: python3 import_dry_run.py WPS_BINARY ROWS
Prints one line: `rows=N wps_s=… wps_rss_mb=… python_s=… python_rss_mb=…`.
"""
import os
import resource
import subprocess
import sys
import tempfile
import time


def measure(argv, env=None):
    """Wall seconds and peak RSS (MB) of one child process."""
    pid_start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - pid_start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{argv[0]} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    binary, rows = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "boxes.csv")
        with open(path, "w") as f:
            f.write("email,password,host,port,imap_host,imap_port,from_name\n")
            for i in range(rows):
                f.write(f"user{i}@example.com,pw-{i},smtp.example.com,465,imap.example.com,993,User {i}\n")
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        env.update({"WOODPECKER_API_KEY": "bench", "XDG_STATE_HOME": folder})
        wps_s, wps_rss = measure([binary, "--dry-run", "-c", f"mailbox import {path} | count"], env)
        reader = "import csv,sys\nn=0\nfor row in csv.DictReader(open(sys.argv[1])): n+=1\n"
        py_s, py_rss = measure([sys.executable, "-c", reader, path])
    print(f"rows={rows} wps_s={wps_s:.2f} wps_rss_mb={wps_rss:.1f} python_s={py_s:.2f} python_rss_mb={py_rss:.1f}")


if __name__ == "__main__":
    main()
