"""Baseline for the import benchmarks: the mailboxes of a CSV file submitted in batches of
200 and watched until every batch is processed — with `requests`, one request after another,
the way the vendor documents' samples do it. `--session` reuses one connection
(`requests.Session`), the usual first optimisation.

A 429 is waited out (its Retry-After), as any working script must; nothing else is retried.

Usage: python3 import_mailboxes.py BASE_URL API_KEY FILE.csv [--session] [--interval SECONDS]
"""
import csv
import sys
import time

import requests

COLUMNS = {"email": "smtp_email", "password": "smtp_password", "host": "smtp_server", "port": "smtp_port",
           "imap_host": "imap_server", "imap_port": "imap_port", "from_name": "smtp_from_name"}


def mailbox(row):
    box = {}
    for column, field in COLUMNS.items():
        value = row.get(column, "").strip()
        if value:
            box[field] = int(value) if field.endswith("_port") else value
    box["imap_email"] = box["smtp_email"]
    box["imap_password"] = box["smtp_password"]
    return box


def call(http, method, url, **kwargs):
    while True:
        response = http.request(method, url, **kwargs)
        if response.status_code != 429:
            return response
        time.sleep(float(response.headers.get("Retry-After", "1")))


def main():
    base_url, api_key, path = sys.argv[1:4]
    use_session = "--session" in sys.argv
    interval = float(sys.argv[sys.argv.index("--interval") + 1]) if "--interval" in sys.argv else 0.25
    http = requests.Session() if use_session else requests.api
    headers = {"x-api-key": api_key, "Content-Type": "application/json"}
    with open(path, newline="") as f:
        boxes = [mailbox(row) for row in csv.DictReader(f)]
    batch_ids = []
    for start in range(0, len(boxes), 200):
        response = call(http, "POST", f"{base_url}/mailboxes/manual_connection/bulk", headers=headers,
                        json={"mailboxes": boxes[start:start + 200]})
        if response.status_code != 202:
            sys.exit(f"Request failed: {response.status_code} {response.text}")
        batch_ids.append(response.json()["batch_id"])
    connected = failed = 0
    for batch_id in batch_ids:
        while True:
            response = call(http, "GET", f"{base_url}/mailboxes/manual_connection/bulk/{batch_id}/summary", headers=headers)
            if response.status_code != 200:
                sys.exit(f"Request failed: {response.status_code} {response.text}")
            summary = response.json()
            if summary["processing_finished"]:
                connected += summary["connected_mailboxes_count"]
                failed += len(summary["failed_mailboxes"])
                break
            time.sleep(interval)
    print(f"{len(batch_ids)} batches: {connected} connected, {failed} failed")


if __name__ == "__main__":
    main()
