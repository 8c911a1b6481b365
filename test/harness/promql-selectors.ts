/**
 * The series a PromQL expression reads, and whether a scrape has them. Expressions are
 * parsed with Prometheus's own grammar (@prometheus-io/lezer-promql, what the Prometheus
 * UI's editor uses), not with a regex: a regex cannot tell a metric name from a function
 * (`rate`), a keyword (`by`, `and`), a label in a grouping (`by (le)`), or text inside a
 * string or a duration, and mistaking one for another would make a presence check pass
 * or fail for the wrong reason. Each vector selector keeps its label matchers, so a check
 * can ask for a sample that the selector would actually select.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Selector {
  metric: string;
  matchers: LabelMatcher[];
  /** The selector as written, for messages. */
  text: string;
}

export interface Sample {
  metric: string;
  labels: Record<string, string>;
}

/** PromQL string literal → its value (double or single quotes with Go escapes, or backticks raw). */
function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, -1).replace(/\\'/g, "'");
  return JSON.parse(`"${body.replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
}

/** Every vector selector of the expression; throws on a syntax error or a selector without a name. */
export function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const found: Selector[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) throw new Error(`PromQL syntax error at ${node.from} in: ${expr}`);
      if (node.name !== 'VectorSelector') return;
      const text = expr.slice(node.from, node.to);
      const name = node.node.getChild('Identifier');
      if (!name) throw new Error(`selector without a metric name (not supported here): ${text}`);
      const matchers: LabelMatcher[] = [];
      const list = node.node.getChild('LabelMatchers');
      for (const m of list?.getChildren('UnquotedLabelMatcher') ?? []) {
        const part = (n: string) => {
          const c = m.getChild(n);
          if (!c) throw new Error(`unexpected label matcher in ${text}`);
          return expr.slice(c.from, c.to);
        };
        matchers.push({
          label: part('LabelName'),
          op: part('MatchOp') as LabelMatcher['op'],
          value: unquote(part('StringLiteral')),
        });
      }
      if (list && list.getChildren('QuotedLabelMatcher').length)
        throw new Error(`quoted label names are not supported here: ${text}`);
      found.push({ metric: expr.slice(name.from, name.to), matchers, text });
      return false;
    },
  });
  return found;
}

/** Samples of a Prometheus text exposition (comments skipped). */
export function samplesOf(exposition: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of exposition.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+\S+/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]] = JSON.parse(`"${l[2]}"`) as string;
    samples.push({ metric: m[1], labels });
  }
  return samples;
}

/** Whether the selector would select the sample (Prometheus regexes are anchored at both ends). */
export function selects(selector: Selector, sample: Sample): boolean {
  if (sample.metric !== selector.metric) return false;
  return selector.matchers.every(({ label, op, value }) => {
    const actual = sample.labels[label] ?? '';
    if (op === '=') return actual === value;
    if (op === '!=') return actual !== value;
    const matches = new RegExp(`^(?:${value})$`).test(actual);
    return op === '=~' ? matches : !matches;
  });
}
