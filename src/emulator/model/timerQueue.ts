import { type Execution } from './types.js';

interface Entry {
  deadline: number;
  execution: Execution;
  generation: number;
}

/** Min-heap of execution deadlines: finding expired timers costs O(log n) per expiry, not a scan. */
export class TimerQueue {
  private heap: Entry[] = [];

  push(execution: Execution, deadline: number): void {
    this.heap.push({ deadline, execution, generation: execution.timerGeneration });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns every entry due at `now`, earliest first, skipping stale ones. */
  popDue(now: number): { execution: Execution; deadline: number }[] {
    const due: { execution: Execution; deadline: number }[] = [];
    while (this.heap.length > 0 && this.heap[0]!.deadline <= now) {
      const entry = this.pop();
      if (entry.generation === entry.execution.timerGeneration && !entry.execution.deleted) {
        due.push({ execution: entry.execution, deadline: entry.deadline });
      }
    }
    return due;
  }

  clear(): void {
    this.heap = [];
  }

  private pop(): Entry {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heap[parent]!.deadline <= this.heap[i]!.deadline) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.heap[left]!.deadline < this.heap[smallest]!.deadline)
        smallest = left;
      if (right < this.heap.length && this.heap[right]!.deadline < this.heap[smallest]!.deadline)
        smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const tmp = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = tmp;
  }
}
