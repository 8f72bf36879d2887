/**
 * Memory bound for long streaming jobs (a 1 GB datastore load). V8 sizes the old generation from the
 * live heap and lets garbage promoted by a fast producer accumulate up to that limit before a full
 * collection: on a 1 GB file that was 150+ MB of dead strings held in RSS. A job that knows it churns
 * through data calls `collectIfGrown()` between chunks; when the heap has grown by more than the
 * allowance since the last collection it asks for a full GC (tens of milliseconds), which keeps the
 * process's resident memory flat whatever the file size.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gcFn: (() => void) | null | undefined;

function gc(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return (gcFn = existing);
  try {
    // Expose gc without a command-line flag, for this lookup only.
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

export class HeapGuard {
  private base: number;
  constructor(private readonly allowanceBytes = 64 * 1024 * 1024) {
    this.base = v8.getHeapStatistics().used_heap_size;
  }

  /** Collect when the heap grew by more than the allowance since the last check that collected. Returns whether it did. */
  collectIfGrown(): boolean {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used - this.base < this.allowanceBytes) return false;
    const fn = gc();
    if (!fn) return false;
    fn();
    this.base = v8.getHeapStatistics().used_heap_size;
    return true;
  }
}
