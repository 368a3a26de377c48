import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

/**
 * Makes a file read-only for the server as an operator's mistake would: by its mode, or, for root (whom
 * modes do not stop), with the immutable attribute. Returns the undoing.
 */
export function makeReadOnly(path: string): () => void {
  if (isRoot) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  chmodSync(path, 0o444);
  return () => chmodSync(path, 0o644);
}

/** Why files cannot be made read-only here (no chattr, or a file system without the attribute), or undefined. */
export function readOnlyUnavailable(): string | undefined {
  if (!isRoot) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tracker-ro-'));
  const file = join(dir, 'probe');
  writeFileSync(file, '');
  try {
    makeReadOnly(file)();
    return undefined;
  } catch (error) {
    return `running as root, and chattr +i does not work here (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
