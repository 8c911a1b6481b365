/** The selector extraction the dashboard's metric check relies on (test/harness/promql-selectors.ts). */
import { describe, expect, it } from 'vitest';
import { samplesOf, selectorsOf, selects } from '../harness/promql-selectors.ts';

describe('selectorsOf', () => {
  it.each([
    ['up', [['up', []]]],
    [
      'histogram_quantile(0.95, sum by (le, task_queue) (rate(x_bucket{task_queue=~"atelier\\\\.training.*"}[5m])))',
      [['x_bucket', [{ label: 'task_queue', op: '=~', value: 'atelier\\.training.*' }]]],
    ],
    [
      'sum(max by (phase) (jobs{phase="training"})) > 0 and on () (sum(rate(iters[10m])) or on () vector(0)) == 0',
      [
        ['jobs', [{ label: 'phase', op: '=', value: 'training' }]],
        ['iters', []],
      ],
    ],
    [
      'sum(rate(req_count{status=~"5..", route!="unmatched"}[5m])) / sum(rate(req_count[5m] offset 1h))',
      [
        [
          'req_count',
          [
            { label: 'status', op: '=~', value: '5..' },
            { label: 'route', op: '!=', value: 'unmatched' },
          ],
        ],
        ['req_count', []],
      ],
    ],
  ])('%s', (expr, expected) => {
    expect(selectorsOf(expr).map((s) => [s.metric, s.matchers])).toEqual(expected);
  });

  it('refuses what it cannot check: syntax errors and selectors without a name', () => {
    expect(() => selectorsOf('sum(rate(x[5m])')).toThrow(/syntax error/);
    expect(() => selectorsOf('{__name__="x"}')).toThrow(/without a metric name/);
  });
});

describe('samplesOf and selects', () => {
  const samples = samplesOf(
    [
      '# HELP a_total help',
      '# TYPE a_total counter',
      'a_total{activity_type="deliverWebhook",task_queue="atelier.orchestration"} 1',
      'b 0',
      'c{msg="say \\"hi\\""} 2 1700000000',
    ].join('\n'),
  );

  it('reads names and labels', () => {
    expect(samples).toEqual([
      { metric: 'a_total', labels: { activity_type: 'deliverWebhook', task_queue: 'atelier.orchestration' } },
      { metric: 'b', labels: {} },
      { metric: 'c', labels: { msg: 'say "hi"' } },
    ]);
  });

  it.each([
    ['a_total', true],
    ['a_total{activity_type="deliverWebhook"}', true],
    ['a_total{activity_type="decodeImage"}', false],
    ['a_total{task_queue=~"atelier\\\\.orch.*"}', true],
    ['a_total{task_queue=~"orch"}', false], // anchored, like Prometheus
    ['a_total{task_queue!~"atelier.*"}', false],
    ['a_total{missing=""}', true], // an absent label is the empty string
    ['b{x!="y"}', true],
    ['z', false],
  ])('%s selects a sample: %s', (expr, expected) => {
    const [selector] = selectorsOf(expr);
    expect(samples.some((s) => selects(selector, s))).toBe(expected);
  });
});
