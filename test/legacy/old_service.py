"""The old FastAPI service, as published (../shared/seeds/000_*.txt), assembled into one
file so the old-client tests can ask it directly how it answered. Only two lines differ
from the published code, both marked: the background loop is not started (once a job is
queued, `startTrainJob` calls `generateStyle` forever without yielding, and the event
loop never answers a request again), and `generateStyle` is unreachable because of that.
"""
import asyncio
import base64
import os
import threading

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()

# 전역 변수
train_job_list = []  # 작업 대기열
is_training = False  # 현재 학습 진행 상태


@app.on_event("startup")
async def startup_event():
    # CHANGED: not started here (see the module docstring).
    # asyncio.create_task(startTrainJob())
    pass


async def startTrainJob():
    global is_training, train_job_list

    while True:
        if not is_training and len(train_job_list) > 0:
            print("Starting a new training job...")
            await generateStyle(train_job_list[0])
        else:
            print("No pending jobs or already training.")
            await asyncio.sleep(10)


class StyleGenerateBody(BaseModel):
    id: int
    styleName: str
    baseModel: str
    styleRefBase64: str


@app.post("/queueTrain")
def queueTrain(body: StyleGenerateBody):
    global train_job_list
    job = {
        "id": body.id,
        "style_name": body.styleName,
        "base_model": body.baseModel,
        "style_ref_base64": body.styleRefBase64,
        "status": "PENDING",
    }
    train_job_list.append(job)
    return JSONResponse({"message": "Job added to queue", "queue_length": len(train_job_list)})


async def generateStyle(job):  # CHANGED: never called (see the module docstring)
    global is_training
    is_training = True

    image_data = base64.b64decode(job["style_ref_base64"])
    file_path = f"./styles/{job['id']}.png"
    os.makedirs(os.path.dirname(file_path), exist_ok=True)
    with open(file_path, "wb") as f:
        f.write(image_data)

    def train_model():
        print(f"Training model for job {job['id']}...")
        print(f"Training completed for job {job['id']}")

    thread = threading.Thread(target=train_model)
    thread.start()
    thread.join()

    is_training = False


@app.post("/getTrainStatus")
def getTrainStatus(body: dict):
    job = next((j for j in train_job_list if j["id"] == body["id"]), None)
    if job:
        return {"status": job["status"]}
    return {"status": "NOT_FOUND"}


@app.post("/stopOrDeleteTrain")
def stopOrDeleteTrain(body: dict):
    global train_job_list
    train_job_list = [job for job in train_job_list if job["id"] != body["id"]]
    return {"message": "Job removed from queue"}
