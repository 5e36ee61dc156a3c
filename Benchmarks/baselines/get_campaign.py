"""Baseline for the one-shot benchmark: one campaign fetched with `requests`, the way the
vendor documents' Python samples do it (a function, a GET, print the JSON).

Usage: python3 get_campaign.py BASE_URL API_KEY CAMPAIGN_ID
"""
import sys

import requests


def get_campaign(base_url, api_key, campaign_id):
    url = f"{base_url}/campaigns/{campaign_id}"
    headers = {"x-api-key": api_key}
    response = requests.get(url, headers=headers)
    if response.status_code == 200:
        print(response.json())
    else:
        print("Request failed:", response.status_code, response.text)
        sys.exit(1)


if __name__ == "__main__":
    get_campaign(*sys.argv[1:4])
