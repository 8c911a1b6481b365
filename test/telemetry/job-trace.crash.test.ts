/**
 * One trace per job, across processes, through a crash: the gateway, the orchestration
 * worker and two training workers run as real processes exporting over OTLP/HTTP to a
 * receiver in the test. A client sends its own `traceparent`; the first training worker
 * is SIGKILLed mid-training, the second resumes. Every span of the job must be in the
 * client's trace, chained by parent ids: request → workflow start → workflow → activities,
 * the retried trainStyle attempt (with its resume iteration) included.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.ts';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.ts';
import { pollUntil } from '../helpers/poll.ts';
import { trainingBody } from '../helpers/api-client.ts';
import { startAtelierProcess, startWorkerProcess } from '../helpers/worker-process.ts';
import { useHarness } from '../helpers/use-stack.ts';

const h = useHarness();
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

const KILLED = 'atelier-worker-training-killed';
const otel = () => ({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' });

interface JobAnswer {
  id: string;
  status: string;
  progress?: { iteration: number } | null;
}

describe('tracing', () => {
  it(
    'gives a job one trace from the caller through a killed and a resumed training attempt',
    { timeout: 300_000 },
    async () => {
      const port = await freePort();
      const gateway = await startAtelierProcess(h, ['gateway'], 'gateway listening', {
        ...otel(),
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      const orchestration = await startWorkerProcess(h, 'orchestration', otel());
      // Its own service name: the spans it exported before the kill are told apart below.
      const firstTrainer = await startWorkerProcess(h, 'training', { ...otel(), OTEL_SERVICE_NAME: KILLED });
      const api = `http://127.0.0.1:${port}`;

      const traceId = randomBytes(16).toString('hex');
      const callerSpanId = randomBytes(8).toString('hex');
      const res = await fetch(`${api}/v1/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01` },
        body: JSON.stringify(await trainingBody({ params: { iterations: 80, lutSize: 33, seed: 5 } })),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as JobAnswer;
      const job = async () => (await (await fetch(`${api}/v1/trainings/${id}`)).json()) as JobAnswer;

      await pollUntil(job, (j) => (j.progress?.iteration ?? 0) >= 10, {
        what: 'training under way',
        timeoutMs: 120_000,
        intervalMs: 200,
      });
      await firstTrainer.kill('SIGKILL');
      const secondTrainer = await startWorkerProcess(h, 'training', otel());
      const done = await pollUntil(job, (j) => ['succeeded', 'failed', 'cancelled'].includes(j.status), {
        what: 'the job finished',
        timeoutMs: 180_000,
        intervalMs: 300,
      });
      expect(done.status).toBe('succeeded');
      // Log lines name the trace: the gateway's request log and the resumed attempt's.
      expect(gateway.output()).toContain(`"trace_id":"${traceId}"`);
      expect(secondTrainer.output()).toContain(traceId);
      // A clean stop flushes what each process still buffers.
      await Promise.all([gateway, orchestration, secondTrainer].map((p) => p.kill('SIGTERM')));

      const spans = await pollUntil(
        async () => receiver.spans().filter((s) => s.traceId === traceId),
        (s) =>
          s.some((x) => x.name === 'RunActivity:publishArtifacts') &&
          s.some((x) => x.name.startsWith('RunWorkflow:')),
        { what: 'the job’s spans arrived', timeoutMs: 30_000, intervalMs: 200 },
      );
      const counts = new Map<string, number>();
      for (const x of spans)
        counts.set(`${x.service} ${x.name}`, (counts.get(`${x.service} ${x.name}`) ?? 0) + 1);
      const names = [...counts].map(([name, n]) => `${name} (${n})`).sort();
      console.log(`trace ${traceId}: ${spans.length} spans\n  ${names.join('\n  ')}`);

      const named = (name: string) => spans.filter((s) => s.name === name);
      const request = spans.find((s) => s.service === 'atelier-gateway' && s.name.startsWith('POST'));
      expect(request, names.join('\n')).toBeDefined();
      expect(request!.parentSpanId).toBe(callerSpanId);
      expect(named('StartWorkflow:styleTrainingWorkflow')).toHaveLength(1);
      expect(named('RunWorkflow:styleTrainingWorkflow').length).toBeGreaterThanOrEqual(1);
      for (const activity of ['decodeImage', 'trainStyle', 'publishArtifacts'])
        expect(named(`RunActivity:${activity}`).length, activity).toBeGreaterThanOrEqual(1);

      // The killed attempt never ended its span; the attempt that finished is a retry that resumed.
      const training = named('RunActivity:trainStyle');
      const resumed = training.find((s) => Number(s.attributes['atelier.attempt']) >= 2);
      expect(resumed, JSON.stringify(training.map((s) => s.attributes))).toBeDefined();
      expect(Number(resumed!.attributes['atelier.resumed_from_iteration'])).toBeGreaterThan(0);
      expect(resumed!.service).toBe('atelier-worker-training');

      // One tree: the request, the start, the workflow and each activity attempt chained by parent
      // ids back to the caller's span.
      const byId = new Map(spans.map((x) => [x.spanId, x]));
      const lineage = (span: ReceivedSpan) => {
        const names: string[] = [];
        for (let p = span.parentSpanId; p && byId.has(p); p = byId.get(p)!.parentSpanId)
          names.push(byId.get(p)!.name);
        return names;
      };
      const chain = [
        'RunWorkflow:styleTrainingWorkflow',
        'StartWorkflow:styleTrainingWorkflow',
        request!.name,
      ];
      expect(lineage(resumed!)).toEqual(['StartActivity:trainStyle', ...chain]);
      expect(lineage(named('RunActivity:publishArtifacts')[0])).toEqual([
        'StartActivity:publishArtifacts',
        ...chain,
      ]);
      expect(lineage(named('RunActivity:decodeImage')[0])).toEqual(['StartActivity:decodeImage', ...chain]);
      // The only spans whose parent is missing are progress reports of the killed attempt and their
      // handling: that attempt's span never ended (so was never exported), nor were its last reports.
      const orphans = spans.filter((x) => x.parentSpanId !== callerSpanId && !byId.has(x.parentSpanId ?? ''));
      expect(
        orphans
          .filter((x) => !/^(SignalWorkflow|HandleSignal):trainingReport$/.test(x.name))
          .map((x) => x.name),
      ).toEqual([]);
      expect(orphans.filter((x) => x.service === KILLED).length).toBeGreaterThan(0);
    },
  );
});
