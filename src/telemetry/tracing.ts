/**
 * OpenTelemetry tracing, off unless the standard variables ask for it: an OTLP endpoint
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), not disabled by
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. Spans go over OTLP/HTTP; the
 * exporter reads the rest of the `OTEL_*` variables itself (headers, timeouts, batch delay).
 *
 * One trace per job: the gateway's request span is the parent of the workflow start; the
 * Temporal interceptors (through `OpenTelemetryPlugin`) carry the context in workflow and
 * activity headers, so the workflow, every activity attempt (a retry after a killed worker
 * included) and the publish step land in the caller's trace. A W3C `traceparent` sent by
 * the caller is honoured (the global propagator is W3C trace context).
 */
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export interface Tracing {
  /** For the Temporal client and workers: interceptors plus the workflow span sink. */
  plugin: OpenTelemetryPlugin;
  /** Exports what is buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let started: Tracing | undefined;

/**
 * Starts tracing once per process when the environment asks for it; `proc` names the service.
 * The SDK is loaded only then: a process without tracing does not pay for it.
 */
export async function startTracing(
  proc: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Tracing | undefined> {
  if (started || !tracingEnabled(env)) return started;
  const [
    { OTLPTraceExporter },
    { Resource },
    { BatchSpanProcessor, NodeTracerProvider },
    { OpenTelemetryPlugin },
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
    import('@temporalio/interceptors-opentelemetry'),
  ]);
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME || `atelier-${proc}` });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global provider, W3C propagator and an AsyncLocalStorage context manager.
  provider.register();
  started = {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: () => provider.shutdown(),
  };
  return started;
}
