/**
 * The HTTP API's types, generated from /openapi.json by openapi-typescript.
 * Do not edit: run `npm run client:types` after changing a route or a schema.
 */
export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The process is up */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {boolean} */
              ok: true;
            };
          };
        };
        /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
        431: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: Temporal reachable, namespace and search attributes present, storage writable
     * @description Each check is bounded to 2 s and they run side by side, so the answer comes within about 3 s even when Temporal or storage hangs; a 503 lists which check failed and why.
     */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Ready */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Readiness'];
          };
        };
        /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
        431: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not ready; the failing checks say why */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Readiness'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (request histograms, jobs submitted by outcome, process) */
    get: operations['metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List jobs (filters: status, phase, styleName, baseModel; cursor pagination)
     * @description Approximate and eventually consistent (Temporal visibility): a job submitted a moment ago may appear a little later.
     */
    get: operations['listTrainings'];
    put?: never;
    /**
     * Submit a training job
     * @description Stores the image (claim check) and starts a durable training workflow. Repeating a request with the same `id` or `Idempotency-Key` returns the same job (`Idempotent-Replayed: true`); the same key with a different request is a 409.
     */
    post: operations['createTraining'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a job: status, phase, progress, queue place, ETA, error, artifacts */
    get: operations['getTraining'];
    put?: never;
    post?: never;
    /**
     * Delete a job (cancelling it first if it runs)
     * @description 204 once its checkpoints and artifacts are gone and the job record is scheduled for deletion (Temporal removes it asynchronously; until then GET shows it without artifacts, then 404). 202 with the job while its cancellation is still in progress: repeat the DELETE to finish. The uploaded image blob is content-addressed and shared, so it is kept.
     */
    delete: operations['deleteTraining'];
    options?: never;
    head?: never;
    /**
     * Change a job's priority
     * @description A training task still waiting in the queue is re-queued with the new priority (`requeued: true`); a running one keeps its slot and the priority applies to its next scheduling. Needs a running worker (503 `worker_unavailable` otherwise).
     */
    patch: operations['updateTraining'];
    trace?: never;
  };
  '/v1/trainings/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a job
     * @description Cancels the workflow: the trainer stops within about one iteration, partial files are removed, the job ends `cancelled`. Cancelling a cancelled job succeeds again; a finished one is a 409. The answer shows the job as the server has it right now; the change itself happens asynchronously.
     */
    post: operations['cancelTraining'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pause a job
     * @description Stops training and frees the slot, keeping the checkpoint (`pausing` → `paused`). A job paused before it trains pauses when it reaches training. The answer shows the job as the server has it right now; the change itself happens asynchronously.
     */
    post: operations['pauseTraining'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume a job
     * @description Schedules training again from the latest checkpoint (a resume of a job that is not paused is a no-op). The answer shows the job as the server has it right now; the change itself happens asynchronously.
     */
    post: operations['resumeTraining'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/checkpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List checkpoints (oldest first)
     * @description Checkpoints are removed when a job is cancelled or deleted; a failed job keeps them (an operator may reset it).
     */
    get: operations['listTrainingCheckpoints'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/artifacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List artifacts (style.cube, preview.png, manifest.json once published) */
    get: operations['listTrainingArtifacts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/artifacts/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an artifact */
    get: operations['downloadTrainingArtifact'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/apply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Apply a succeeded job's style to an image
     * @description Send the image as multipart `image` or JSON `imageBase64` (PNG, JPEG or WebP). The answer is the graded image as PNG.
     */
    post: operations['applyTraining'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/packs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Train several styles as one pack */
    post: operations['createPack'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/packs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A pack with the job of each style (answers without workers) */
    get: operations['getPack'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/packs/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel every style of a pack */
    post: operations['cancelPack'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/packs/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause every style of a pack */
    post: operations['pausePack'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/packs/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume every style of a pack */
    post: operations['resumePack'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/blobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Store an image for a workflow input (returns a BlobRef) */
    post: operations['createBlob'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/trainings/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Event log (JSON page) or live event stream (SSE)
     * @description Events: created, decoding, training_queued, attempt_started, checkpoint, retried (an attempt of decoding, training or publishing failed and is retried: data.attempt is the next attempt, data.failure.message the cause, e.g. ENOSPC; or a lost worker), pausing, paused, resumed, priority_changed, publishing, published, cancelling, and one terminal event (succeeded, failed, cancelled). Ids come from the workflow history, so they are stable. Server-sent events: `event: event` (a JobEvent, with `id:`), `event: progress` (a ProgressSample, at most every 500 ms while training), `: keep-alive` comments every 15 s, and `event: end` after the terminal event, then the stream closes. Reconnect with `Last-Event-ID` (EventSource does it for you) to resume; past the terminal event the answer is 204.
     */
    get: operations['listTrainingEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/base-models': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the trainers (base models) and their parameters */
    get: operations['listBaseModels'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/queueTrain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Old API: queue a training job (prefer POST /v1/trainings) */
    post: operations['legacyQueueTrain'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/getTrainStatus': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Old API: PENDING, TRAINING, COMPLETED, FAILED or NOT_FOUND */
    post: operations['legacyGetTrainStatus'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/stopOrDeleteTrain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Old API: stop a queued or running job, delete a finished one */
    post: operations['legacyStopOrDeleteTrain'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Readiness: {
      ready: boolean;
      checks: components['schemas']['ReadinessCheck'][];
    };
    /** @description temporal: the server answers; namespace: it exists; searchAttributes: registered; storage: a probe object (outside every tenant) is written and deleted. Each is bounded to 2 s. */
    ReadinessCheck: {
      /** @enum {string} */
      name: 'temporal' | 'namespace' | 'searchAttributes' | 'storage';
      ok: boolean;
      /** @description Why the check failed, e.g. `no answer within 2000 ms`, `EROFS: read-only file system, …` */
      detail?: string;
    };
    Job: {
      id: string;
      tenantId: string;
      styleName: string;
      baseModel: string;
      status: components['schemas']['ApiJobStatus'];
      phase: components['schemas']['JobPhase'];
      /** @description 1 (highest) to 5 (lowest) */
      priority: number;
      progress: components['schemas']['Progress'];
      /** @description Attempt of the current training activity (> 1 after a lost worker) */
      attempt: number;
      /** @description Null once the job finished, and in the answer to a submission when the gateway holds no recent queue snapshot (a submission never waits for one): GET the job for its place */
      queue: {
        /** @description 1 = next to train; null when not waiting */
        position: number | null;
        /** @description Jobs waiting for a training slot (approximate) */
        length: number;
      } | null;
      /** @description Estimated finish (ISO time) from the progress rate; null when unknown */
      eta: string | null;
      createdAt: string;
      /** @description Delayed start (`startAt`), if any */
      scheduledFor: string | null;
      startedAt: string | null;
      finishedAt: string | null;
      error: {
        code: string;
        message: string;
      } | null;
      lastError: components['schemas']['LastError'];
      artifacts: {
        name: string;
        bytes: number;
        sha256: string;
        href: string;
      }[];
      params: {
        [key: string]: unknown;
      };
      metadata: {
        [key: string]: string;
      };
      links: {
        self: string;
        artifacts: string;
        checkpoints: string;
        events: string;
      };
    };
    /**
     * @description Coarse state: queued (waiting for a slot or a delayed start), running, retrying (an attempt failed and the next one waits for its backoff, or runs but has not got past the trouble yet; `lastError` says why), paused, or a terminal one. The list filter `status=running` also finds retrying jobs.
     * @enum {string}
     */
    ApiJobStatus: 'queued' | 'running' | 'retrying' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
    /**
     * @description Fine-grained pipeline phase
     * @enum {string}
     */
    JobPhase:
      | 'queued'
      | 'decoding'
      | 'training'
      | 'publishing'
      | 'pausing'
      | 'paused'
      | 'cancelling'
      | 'cancelled'
      | 'failed'
      | 'succeeded';
    /** @description Last progress the server received (works with no worker running) */
    Progress: {
      iteration: number;
      total: number;
      loss: number | null;
      percent: number;
    } | null;
    /** @description While an activity of the job is being retried (storage full or read-only, S3 unavailable, a lost worker, …): why its last attempt failed. Null otherwise; `error` holds the failure of a failed job. */
    LastError: {
      /** @description Failure type, e.g. StorageUnavailable, HeartbeatTimeout */
      code: string;
      /**
       * @description The cause as the failed attempt said it
       * @example writing checkpoint 12 of job local/job-1: ENOSPC: no space left on device, write
       */
      message: string;
      /** @description The activity being retried, e.g. trainStyle, decodeImage */
      activity: string;
      /** @description The attempt that failed */
      attempt: number;
      /** @description When that attempt ended */
      at: string | null;
      /** @description When the next attempt is due (null once it runs) */
      nextAttemptAt: string | null;
    } | null;
    /** @description RFC 9457 problem details */
    Problem: {
      type: string;
      title: string;
      status: number;
      /**
       * @description Stable machine-readable error code
       * @enum {string}
       */
      code:
        | 'validation_failed'
        | 'invalid_json'
        | 'invalid_image'
        | 'unsupported_format'
        | 'image_too_large'
        | 'unknown_base_model'
        | 'unsupported_media_type'
        | 'payload_too_large'
        | 'unauthorized'
        | 'not_found'
        | 'method_not_allowed'
        | 'conflict'
        | 'idempotency_conflict'
        | 'invalid_state'
        | 'rate_limited'
        | 'tenant_active_limit'
        | 'tenant_rate_limited'
        | 'request_header_too_large'
        | 'malformed_request'
        | 'not_ready'
        | 'temporal_unavailable'
        | 'worker_unavailable'
        | 'storage_unavailable'
        | 'internal_error';
      detail: string;
      requestId: string;
      /** @description One entry per invalid field */
      errors?: {
        field: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    CreateTrainingJson: {
      /**
       * @description Your job id; repeating it with the same request returns the same job
       * @example ukiyo-001
       */
      id?: string;
      /**
       * @description 1–200 characters; no control or format characters (checked, not expressed as a pattern)
       * @example Ukiyo
       */
      styleName: string;
      /**
       * @description A trainer name from GET /v1/base-models
       * @example color-lut
       */
      baseModel: string;
      /** @description The reference image (PNG, JPEG or WebP), base64; a data: URL prefix is accepted */
      styleRefBase64: string;
      /**
       * @description Trainer parameters (see GET /v1/base-models)
       * @example {
       *       "iterations": 100,
       *       "lutSize": 33
       *     }
       */
      params?: {
        [key: string]: unknown;
      };
      /**
       * @description 1 (highest) to 5 (lowest)
       * @example 3
       */
      priority?: number;
      /**
       * Format: date-time
       * @description Start no earlier than this time (ISO 8601)
       */
      startAt?: string;
      webhook?: components['schemas']['WebhookTarget'];
      /** @description Up to 16 string pairs (key 1–64, value ≤ 512 characters; no control or format characters) */
      metadata?: {
        [key: string]: string;
      };
    };
    WebhookTarget: {
      /** Format: uri */
      url: string;
      events?: (
        | 'training.started'
        | 'training.paused'
        | 'training.resumed'
        | 'training.succeeded'
        | 'training.failed'
        | 'training.cancelled'
      )[];
    };
    CreateTrainingMultipart: {
      /**
       * Format: binary
       * @description The reference image (PNG, JPEG or WebP)
       */
      image: string;
      /**
       * @description Job id: 1–64 of A–Z a–z 0–9 _ -
       * @example ukiyo-001
       */
      id?: string;
      /**
       * @description 1–200 characters; no control or format characters (checked, not expressed as a pattern)
       * @example Ukiyo
       */
      styleName: string;
      /**
       * @description A trainer name from GET /v1/base-models
       * @example color-lut
       */
      baseModel: string;
      /** @description Trainer parameters (JSON text) */
      params?: string;
      priority?: number;
      /**
       * Format: date-time
       * @description Start no earlier than this time (ISO 8601)
       */
      startAt?: string;
      /** @description Webhook target (JSON text) */
      webhook?: string;
      /** @description Metadata (JSON text) */
      metadata?: string;
    };
    JobList: {
      data: components['schemas']['Job'][];
      hasMore: boolean;
      /** @description Pass as `after` to get the next page */
      nextCursor: string | null;
    };
    /**
     * @description Coarse state: queued (waiting for a slot or a delayed start), running, paused, or a terminal one
     * @enum {string}
     */
    JobStatus: 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
    UpdatedJob: components['schemas']['Job'] & {
      requeued: boolean;
    };
    UpdateTraining: {
      /**
       * @description 1 (highest) to 5 (lowest)
       * @example 3
       */
      priority: number;
    };
    CheckpointList: {
      data: {
        iteration: number;
        loss: number | null;
        createdAt: string;
      }[];
    };
    ArtifactList: {
      data: components['schemas']['Artifact'][];
    };
    Artifact: {
      name: string;
      bytes: number;
      sha256: string;
      href: string;
    };
    ApplyJson: {
      imageBase64: string;
    };
    ApplyMultipart: {
      /** Format: binary */
      image: string;
    };
    Pack: {
      id: string;
      /** @enum {string} */
      status: 'running' | 'paused' | 'succeeded' | 'partially_failed' | 'failed' | 'cancelled';
      percent: number;
      createdAt: string;
      finishedAt: string | null;
      /** @description One training job per style, in order, once started */
      styles: components['schemas']['Job'][];
    };
    CreatePack: {
      /**
       * @description Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …)
       * @example autumn-set
       */
      id?: string;
      styles: {
        /**
         * @description 1–200 characters; no control or format characters (checked, not expressed as a pattern)
         * @example Ukiyo
         */
        styleName: string;
        /**
         * @description A trainer name from GET /v1/base-models
         * @default color-lut
         * @example color-lut
         */
        baseModel?: string;
        /** @description Reference image (PNG, JPEG or WebP), base64 */
        styleRefBase64: string;
        /**
         * @description Trainer parameters (see GET /v1/base-models)
         * @example {
         *       "iterations": 100,
         *       "lutSize": 33
         *     }
         */
        params?: {
          [key: string]: unknown;
        };
      }[];
      /**
       * @description How many styles train at once
       * @default 2
       */
      maxParallel?: number;
      /**
       * @description 1 (highest) to 5 (lowest)
       * @default 3
       * @example 3
       */
      priority?: number;
    };
    /** @description Pass as `image` in a StyleTrainingInput (docs/contract/) */
    BlobRef: {
      /** @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 */
      sha256: string;
      bytes: number;
      /** @example image/png */
      contentType: string;
    };
    BlobUpload: {
      /** Format: binary */
      image: string;
    };
    JobEventPage: {
      data: components['schemas']['JobEvent'][];
      hasMore: boolean;
      /**
       * @description Pass as `after` for the next page (also to poll for newer events)
       * @example 18-1
       */
      nextCursor: string | null;
      progress: components['schemas']['ProgressSample'];
    };
    JobEvent: {
      /**
       * @description Event id: the workflow history event id it comes from, `-n` for further events of the same one
       * @example 18-1
       */
      id: string;
      /** @enum {string} */
      type:
        | 'created'
        | 'decoding'
        | 'training_queued'
        | 'attempt_started'
        | 'checkpoint'
        | 'retried'
        | 'pausing'
        | 'paused'
        | 'resumed'
        | 'priority_changed'
        | 'publishing'
        | 'published'
        | 'cancelling'
        | 'succeeded'
        | 'failed'
        | 'cancelled';
      /** @description When the history recorded it (ISO 8601) */
      at: string;
      /** @example Checkpoint at iteration 40/100 (loss 0.01234) */
      message: string;
      data: {
        [key: string]: unknown;
      };
    };
    /** @description The running training attempt's latest heartbeat (not part of the log) */
    ProgressSample: {
      iteration: number;
      total: number;
      loss: number | null;
      percent: number;
      attempt: number;
      eta: string | null;
      /** @description When the server received the heartbeat with these numbers */
      heartbeatAt: string | null;
    } | null;
    BaseModelList: {
      data: components['schemas']['BaseModel'][];
    };
    BaseModel: {
      name: string;
      description: string;
      version: string;
      parameters: components['schemas']['TrainerParameter'][];
    };
    TrainerParameter: {
      name: string;
      /** @enum {string} */
      type: 'integer' | 'number' | 'string' | 'boolean';
      description: string;
      default?: unknown;
      minimum?: number;
      maximum?: number;
      enum?: unknown[];
    };
    LegacyQueued: {
      /** @enum {string} */
      message: 'Job added to queue';
      queue_length: number;
    };
    LegacyError: {
      detail: string;
      code: string;
      requestId: string;
    };
    LegacyValidationError: {
      detail: {
        type: string;
        loc: (string | number)[];
        msg: string;
        input?: unknown;
        ctx?: {
          [key: string]: unknown;
        };
      }[];
    };
    LegacyQueueTrain: {
      /**
       * @description Your job number (a numeric string is accepted too, as before)
       * @example 42
       */
      id: number;
      /** @example Ukiyo */
      styleName: string;
      /**
       * @description Any name; mapped to a trainer by ATELIER_LEGACY_BASE_MODELS (default: color-lut)
       * @example SDXL
       */
      baseModel: string;
      /** @description The reference image (PNG, JPEG or WebP), base64 */
      styleRefBase64: string;
      /** @description Extension: trainer parameters */
      params?: {
        [key: string]: unknown;
      };
      /** @description Extension: 1 (highest) to 5 */
      priority?: number;
    };
    LegacyStatus: {
      /** @enum {string} */
      status: 'PENDING' | 'TRAINING' | 'COMPLETED' | 'FAILED' | 'NOT_FOUND';
    };
    LegacyJobRef: {
      /**
       * @description Your job number (a numeric string is accepted too, as before)
       * @example 42
       */
      id: number;
    };
    LegacyMessage: {
      /** @enum {string} */
      message: 'Job removed from queue';
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  metrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTrainings: {
    parameters: {
      query?: {
        /** @description Coarse state: queued (waiting for a slot or a delayed start), running, paused, or a terminal one */
        status?: components['schemas']['JobStatus'];
        /** @description Fine-grained pipeline phase */
        phase?: components['schemas']['JobPhase'];
        /** @description 1–200 characters; no control or format characters (checked, not expressed as a pattern) */
        styleName?: string;
        /** @description A trainer name from GET /v1/base-models */
        baseModel?: string;
        /** @description Admin keys only: one tenant */
        tenantId?: string;
        limit?: number;
        /** @description `nextCursor` of the previous page */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of jobs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobList'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createTraining: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes retries safe: the same key returns the same job */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTrainingJson'];
        'multipart/form-data': components['schemas']['CreateTrainingMultipart'];
      };
    };
    responses: {
      /** @description Accepted: the job (new, or the earlier one for a repeated request) */
      202: {
        headers: {
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body or image too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type or image format */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed but unusable (image, base model) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The tenant's active-job cap (`tenant_active_limit`) or submission rate (`tenant_rate_limited`) is reached; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before submitting again */
          'Retry-After'?: number;
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Cancelling; repeat the request */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTraining'];
      };
    };
    responses: {
      /** @description The job with its new priority */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UpdatedJob'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type or image format */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  pauseTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resumeTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Job'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTrainingCheckpoints: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Checkpoints */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckpointList'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTrainingArtifacts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Artifacts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ArtifactList'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadTrainingArtifact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file (ETag = its sha256), typed by its name: .cube, .png, .json, anything else */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
          'image/png': string;
          'application/json': string;
          'application/octet-stream': string;
        };
      };
      /** @description Not modified (If-None-Match matched) */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Presigned downloads: the artifact is at the Location URL (valid for 5 minutes) */
      307: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  applyTraining: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplyJson'];
        'multipart/form-data': components['schemas']['ApplyMultipart'];
      };
    };
    responses: {
      /** @description The graded image */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'image/png': string;
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body or image too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type or image format */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed but unusable (image, base model) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createPack: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePack'];
      };
    };
    responses: {
      /** @description Accepted: the pack */
      202: {
        headers: {
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Pack'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Conflict with the current state or an earlier request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body or image too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type or image format */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed but unusable (image, base model) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The tenant's active-job cap (`tenant_active_limit`) or submission rate (`tenant_rate_limited`) is reached; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before submitting again */
          'Retry-After'?: number;
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pack */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Pack'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  cancelPack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Pack'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  pausePack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Pack'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resumePack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Pack id: 1–60 of A–Z a–z 0–9 _ - (its jobs are `<id>.1`, `<id>.2`, …) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Pack'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createBlob: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'image/png': string;
        'image/jpeg': string;
        'image/webp': string;
        'multipart/form-data': components['schemas']['BlobUpload'];
      };
    };
    responses: {
      /** @description Stored (storing the same image again answers the same ref) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlobRef'];
        };
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body or image too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unsupported media type or image format */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Well-formed but unusable (image, base model) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTrainingEvents: {
    parameters: {
      query?: {
        /** @description Only events after this id */
        after?: string;
        limit?: number;
      };
      header?: {
        /** @description SSE resume point (sent by EventSource on reconnect) */
        'last-event-id'?: string;
      };
      path: {
        /** @description Job id: 1–64 of A–Z a–z 0–9 _ -, or a pack style's `<packId>.<n>` */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events (JSON), or the live stream (SSE) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JobEventPage'];
          'text/event-stream': string;
        };
      };
      /** @description SSE resume past the terminal event: nothing more will come */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid request (each bad field is listed) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job (or it belongs to another tenant) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal, the workers or storage are unavailable (temporal_unavailable, worker_unavailable, storage_unavailable); retry after `Retry-After` seconds */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listBaseModels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Trainers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BaseModelList'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  legacyQueueTrain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegacyQueueTrain'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyQueued'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description The id names a running job of another request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Validation error (FastAPI) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyValidationError'];
        };
      };
      /** @description The tenant's active-job cap or submission rate is reached (`code`: `tenant_active_limit` or `tenant_rate_limited`); retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before submitting again */
          'Retry-After'?: number;
          /** @description The tenant's burst: submissions allowed at once */
          'RateLimit-Limit'?: number;
          /** @description Submissions left right now */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the full burst is available again */
          'RateLimit-Reset'?: number;
          /** @description `<burst>;w=<seconds to refill it>` */
          'RateLimit-Policy'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal unreachable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
    };
  };
  legacyGetTrainStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegacyJobRef'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyStatus'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description The id names a running job of another request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Validation error (FastAPI) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyValidationError'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal unreachable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
    };
  };
  legacyStopOrDeleteTrain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LegacyJobRef'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyMessage'];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description The id names a running job of another request */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
      /** @description Validation error (FastAPI) */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyValidationError'];
        };
      };
      /** @description Request line or headers over the server limit (16 KiB), answered before any route (src/http/client-errors.ts) */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal unreachable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LegacyError'];
        };
      };
    };
  };
}
