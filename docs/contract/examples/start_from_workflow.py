"""Start an Atelier training job from a Python workflow, then read it over HTTP.

The image goes to Atelier's storage first (POST /v1/blobs returns a BlobRef); only that
reference travels through Temporal. The Python workflow runs on its own task queue and
starts `styleTrainingWorkflow` as a child on Atelier's queue, under the workflow id
Atelier derives from (tenant, job id) — so the job is listed, readable and controllable
over HTTP, the CLI and the console like any other job of that tenant.

    pip install temporalio==1.20.0
    python start_from_workflow.py photo.png

Environment: ATELIER_URL (default http://127.0.0.1:3000), ATELIER_API_KEY (when the
gateway has keys), ATELIER_TENANT (the key's tenant; default "local"), TEMPORAL_ADDRESS
(default localhost:7233), ATELIER_TASK_QUEUE (default atelier.orchestration).
Prints the finished job as the API shows it (JSON) and exits 0 when it succeeded.
"""
import asyncio
import json
import os
import sys
import urllib.request
import uuid
from datetime import datetime, timezone

from temporalio import workflow
from temporalio.client import Client
from temporalio.worker import Worker

ATELIER_URL = os.environ.get("ATELIER_URL", "http://127.0.0.1:3000")
TENANT = os.environ.get("ATELIER_TENANT", "local")
ATELIER_QUEUE = os.environ.get("ATELIER_TASK_QUEUE", "atelier.orchestration")


@workflow.defn
class OrderStyle:
    """A workflow of another team: it orders a trained style and waits for it."""

    @workflow.run
    async def run(self, job: dict) -> dict:
        return await workflow.execute_child_workflow(
            "styleTrainingWorkflow",
            job,
            id=f"training:{job['tenantId']}:{job['jobId']}",
            task_queue=ATELIER_QUEUE,
        )


def call(method: str, path: str, body: bytes | None = None, content_type: str | None = None) -> dict:
    headers = {"content-type": content_type} if content_type else {}
    if os.environ.get("ATELIER_API_KEY"):
        headers["authorization"] = f"Bearer {os.environ['ATELIER_API_KEY']}"
    request = urllib.request.Request(ATELIER_URL + path, data=body, headers=headers, method=method)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


async def main(image_path: str) -> int:
    with open(image_path, "rb") as f:
        image = call("POST", "/v1/blobs", f.read(), "image/png")
    job_id = f"py-{uuid.uuid4().hex[:12]}"
    job = {
        "jobId": job_id,
        "tenantId": TENANT,
        "styleName": "Ordered from Python",
        "baseModel": "color-lut",
        "image": image,
        "params": {"iterations": 8, "lutSize": 17},
        "priority": 3,
        "createdAt": datetime.now(timezone.utc).isoformat(),
    }
    client = await Client.connect(os.environ.get("TEMPORAL_ADDRESS", "localhost:7233"))
    own_queue = f"python-orders-{uuid.uuid4().hex[:8]}"
    async with Worker(client, task_queue=own_queue, workflows=[OrderStyle]):
        await client.execute_workflow(OrderStyle.run, job, id=f"order-{job_id}", task_queue=own_queue)
    listed = call("GET", "/v1/trainings?limit=100")["data"]
    finished = call("GET", f"/v1/trainings/{job_id}")
    print(json.dumps({"listed": any(j["id"] == job_id for j in listed), "job": finished}))
    return 0 if finished["status"] == "succeeded" else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
