"""The MCP benchmark's driver: `wps mcp` through the official Python MCP SDK's stdio client, beside
the same GET from a `requests.Session`, in one process, timed per call (medians). Prints one JSON
line: {"list": s, "call": s, "request": s} — seconds per `tools/list`, per `campaign_get` tool call,
and per plain GET of the same campaign.

Usage: python3 mcp_calls.py WPS_BINARY BASE_URL API_KEY CAMPAIGN_ID COUNT
(the environment must point `wps mcp`'s default profile at BASE_URL with API_KEY)
"""
import asyncio
import json
import os
import statistics
import sys
import time

import requests
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def timed(count, call):
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def main(binary, base_url, key, campaign, count):
    params = StdioServerParameters(command=binary, args=["mcp"], env=dict(os.environ))
    with open(os.devnull, "w") as quiet:
        async with stdio_client(params, errlog=quiet) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()

                async def get():
                    result = await session.call_tool("campaign_get", {"id": int(campaign)})
                    if result.is_error:
                        raise SystemExit(f"campaign_get failed: {result.content}")

                await get()  # the first call opens the connection
                listing = await timed(count, session.list_tools)
                calling = await timed(count, get)
    with requests.Session() as http:
        url = f"{base_url}/campaigns/{campaign}"
        http.get(url, headers={"x-api-key": key}).raise_for_status()
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            response = http.get(url, headers={"x-api-key": key})
            response.raise_for_status()
            response.json()
            samples.append(time.perf_counter() - start)
    print(json.dumps({"list": listing, "call": calling, "request": statistics.median(samples)}))


if __name__ == "__main__":
    binary, base_url, key, campaign, count = sys.argv[1:6]
    asyncio.run(main(binary, base_url, key, campaign, int(count)))
