/**
 * Lets the chaos suite's load-and-kill machinery (test/chaos/load-phase.ts and
 * monkey.ts) drive the cluster tier. The suite knows four members; here its
 * "temporal" member stands for the Temporal services, and each of its kills hits
 * the next service of a seeded order (history, matching, frontend), killed with
 * SIGKILL and started again on the same ports like any other member. Its
 * "training" member is the one training worker of the chaos run.
 */
import { type Cluster } from '../../harness/cluster.ts';
import { type Component } from '../../harness/components.ts';
import { type AtelierMember } from '../../harness/cluster-tier/atelier-on-cluster.ts';
import { type ClusterSession } from '../../harness/cluster-tier/cluster-session.ts';
import { type TemporalService } from '../../harness/cluster-tier/temporal-config.ts';

export interface ChaosTargets {
  cluster: Cluster;
  /** The Temporal service each "temporal" kill hit, in kill order. */
  temporalHits: TemporalService[];
}

const memberOf = (c: Exclude<Component, 'temporal'>): AtelierMember => (c === 'training' ? 'training-1' : c);

export function chaosTargets(s: ClusterSession, temporalOrder: TemporalService[]): ChaosTargets {
  const queue = [...temporalOrder];
  const temporalHits: TemporalService[] = [];
  let service: TemporalService = 'frontend'; // the service "temporal" means right now
  const cluster: Cluster = {
    layout: s.atelier.layout,
    address: s.temporal.address,
    gatewayUrl: s.atelier.gatewayUrl,
    started: [],
    unexpectedExits: [],
    startFailures: [],
    startAll: () => Promise.reject(new Error('the cluster session starts the members')),
    stop: () => Promise.reject(new Error('the cluster session stops the members')),
    kill(component) {
      if (component !== 'temporal') return s.atelier.kill(memberOf(component));
      service = queue.shift() ?? 'history';
      temporalHits.push(service);
      return s.temporal.kill(service);
    },
    start(component) {
      return component === 'temporal' ? s.temporal.start(service) : s.atelier.start(memberOf(component));
    },
    pidOf(component) {
      return component === 'temporal' ? s.temporal.pidOf(service) : s.atelier.pids()[memberOf(component)];
    },
    waitServing(component, timeoutMs) {
      return component === 'temporal'
        ? s.temporal.waitServing(service, timeoutMs)
        : s.atelier.waitServing(memberOf(component), timeoutMs);
    },
  };
  return { cluster, temporalHits };
}
