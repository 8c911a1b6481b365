/**
 * Shell-script stand-ins for the provisioning tests: a python3 whose `-m venv` makes a pip
 * that logs its arguments and drops one tool, so the provisioners' locking, caching and
 * failure paths run for real without downloading anything.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An executable `#!/bin/sh` script at `file`. */
export async function script(file: string, body: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

/**
 * `dir/python3`: `-m venv DIR` makes DIR/bin/pip, whose install appends its arguments to `log`
 * (slowly, so two racing provisioners overlap) and drops DIR/bin/`tool`, which prints `output`
 * (a double-quoted shell string, expanded when the tool runs).
 */
export function fakePython(dir: string, log: string, tool: string, output: string): Promise<string> {
  return script(
    path.join(dir, 'python3'),
    `[ "$1" = "-m" ] && [ "$2" = "venv" ] || exit 9
mkdir -p "$3/bin"
cat > "$3/bin/pip" <<'PIP'
#!/bin/sh
echo "$@" >> ${log}
sleep 0.2
printf '#!/bin/sh\\necho "${output}"\\n' > "$(dirname "$0")/${tool}"
chmod +x "$(dirname "$0")/${tool}"
PIP
chmod +x "$3/bin/pip"`,
  );
}
