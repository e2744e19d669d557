/** Machine facts for the report header: timings depend on them. */
import { cpus, release, totalmem, type } from 'node:os';

export function machine(): string {
  const cores = cpus();
  return `${cores[0]?.model ?? 'unknown CPU'}, ${cores.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${type()} ${release()}, Node ${process.version}`;
}
